from django.contrib import admin

from training.models import Course, CourseSkill, TrainingProvider


class CourseInline(admin.TabularInline):
    model = Course
    extra = 0
    fields = ["title", "kind", "mode", "start_date", "hours", "funding", "is_active"]
    show_change_link = True


@admin.register(TrainingProvider)
class TrainingProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "city"]
    inlines = [CourseInline]


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    extra = 1
    autocomplete_fields = ["skill"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "provider",
        "kind",
        "mode",
        "country",
        "start_date",
        "hours",
        "cost_usd",
        "funding",
        "is_active",
    ]
    list_filter = ["kind", "mode", "funding", "country", "is_active"]
    search_fields = ["title", "provider__name", "description"]
    autocomplete_fields = ["provider"]
    list_select_related = ["provider"]
    inlines = [CourseSkillInline]


@admin.register(CourseSkill)
class CourseSkillAdmin(admin.ModelAdmin):
    list_display = ["course", "skill", "level_reached"]
    search_fields = ["course__title", "skill__name"]
    autocomplete_fields = ["course", "skill"]
    list_select_related = ["course__provider", "skill"]
