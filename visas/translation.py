"""Visa names in each reader's language (django-modeltranslation: name_en, name_ko...)."""

from modeltranslation.translator import TranslationOptions, register

from visas.models import VisaType


@register(VisaType)
class VisaTypeTranslation(TranslationOptions):
    fields = ("name",)
