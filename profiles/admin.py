from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from profiles.models import (
    EducationRecord,
    FieldOfStudy,
    GraduateProfile,
    GraduateSkill,
    WorkExperience,
)
from profiles.services import graduate_profile_touch


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_stem"]
    list_filter = ["is_stem"]
    search_fields = ["code", "name"]


class EducationInline(admin.TabularInline):
    model = EducationRecord
    extra = 0


class ExperienceInline(admin.TabularInline):
    model = WorkExperience
    extra = 0


class GraduateSkillInline(admin.TabularInline):
    model = GraduateSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(GraduateProfile)
class GraduateProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "nationality", "topik_level", "visibility", "updated_at"]
    list_filter = ["nationality", "topik_level", "visibility", "needs_visa_sponsorship"]
    search_fields = ["user__email", "user__full_name", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["cv_original_name", "cv_uploaded_at", "created_at", "updated_at"]
    exclude = ["cv"]  # CVs are personal files: downloaded only through access-checked views.
    inlines = [EducationInline, ExperienceInline, GraduateSkillInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        graduate_profile_touch(profile=form.instance)


@admin.register(GraduateSkill)
class GraduateSkillAdmin(admin.ModelAdmin):
    list_display = ["profile", "skill", "level", "source"]
    list_filter = ["level", "source", "skill__category"]
    search_fields = ["profile__user__email", "skill__name"]
    autocomplete_fields = ["skill"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user", "skill"]


@admin.register(EducationRecord)
class EducationRecordAdmin(admin.ModelAdmin):
    list_display = [
        "profile",
        "level",
        "field_of_study",
        "institution",
        "country",
        "graduation_year",
    ]
    list_filter = ["level", "country", "field_of_study__is_stem"]
    search_fields = ["profile__user__email", "institution"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user", "field_of_study"]


@admin.register(WorkExperience)
class WorkExperienceAdmin(admin.ModelAdmin):
    list_display = ["profile", "title", "employer_name", "country", "start_date", "end_date"]
    search_fields = ["profile__user__email", "title", "employer_name"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user"]
