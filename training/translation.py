"""Course titles in the languages providers give them (django-modeltranslation: title_en is the
title the provider gave first, title_ko, title_vi, title_ind, title_th the others; `title` reads
the reader's, else the first)."""

from modeltranslation.translator import TranslationOptions, register

from training.models import Course


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title",)
