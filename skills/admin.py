from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from skills.models import Skill, SkillAlias, SkillCategory, SkillRelation


@admin.register(SkillCategory)
class SkillCategoryAdmin(TranslationAdmin):  # a name field per language (translation.py)
    list_display = ["name_en", "name_ko", "slug", "sort_order"]
    search_fields = ["name_en", "name_ko", "name_vi", "name_ind", "name_th"]
    prepopulated_fields = {"slug": ["name_en"]}


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1
    fields = ["alias"]


class SkillRelationInline(admin.TabularInline):
    model = SkillRelation
    fk_name = "skill"
    extra = 0
    autocomplete_fields = ["related_skill"]


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ["name_en", "name_ko", "category", "kind", "ncs_code"]
    list_filter = ["category", "kind"]
    search_fields = [
        "name_en",
        "name_ko",
        "name_vi",
        "name_ind",
        "name_th",
        "slug",
        "aliases__alias",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [SkillAliasInline, SkillRelationInline]
    list_select_related = ["category"]


@admin.register(SkillAlias)
class SkillAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "skill"]
    search_fields = ["alias", "skill__name"]
    autocomplete_fields = ["skill"]
    list_select_related = ["skill"]


@admin.register(SkillRelation)
class SkillRelationAdmin(admin.ModelAdmin):
    list_display = ["skill", "kind", "related_skill", "credit"]
    list_filter = ["kind"]
    search_fields = ["skill__name", "related_skill__name"]
    autocomplete_fields = ["skill", "related_skill"]
    list_select_related = ["skill", "related_skill"]
