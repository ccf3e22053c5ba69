"""Serializer fields shared by the apps' APIs."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class TranslationCharField(serializers.CharField):
    """A name in one language (django-modeltranslation keeps a missing one as NULL): the API
    gives "" for it, as its schema says (a string), never null."""

    def get_attribute(self, instance: Any) -> Any:
        value = super().get_attribute(instance)
        return "" if value is None else value


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """A file sent in a multipart body: binary in the schema (a URL only on the way out)."""
