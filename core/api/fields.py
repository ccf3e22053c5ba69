"""Serializer fields shared by the apps' APIs."""

from typing import Any

from rest_framework import serializers


class TranslationCharField(serializers.CharField):
    """A name in one language (django-modeltranslation keeps a missing one as NULL): the API
    gives "" for it, as its schema says (a string), never null."""

    def get_attribute(self, instance: Any) -> Any:
        value = super().get_attribute(instance)
        return "" if value is None else value
