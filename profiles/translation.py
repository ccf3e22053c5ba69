"""Field-of-study names in each reader's language (django-modeltranslation: name_en, name_ko...)."""

from modeltranslation.translator import TranslationOptions, register

from profiles.models import FieldOfStudy


@register(FieldOfStudy)
class FieldOfStudyTranslation(TranslationOptions):
    fields = ("name",)
