"""The names readers see in their language (django-modeltranslation adds name_en, name_ko,
name_vi, name_id and name_th; `name` reads the active language's, falling back to English)."""

from modeltranslation.translator import TranslationOptions, register

from skills.models import Skill, SkillCategory


@register(SkillCategory)
class SkillCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)
