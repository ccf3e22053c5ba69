"""Serializers' output without their overhead, for large read-only responses.

DRF's `Serializer.data` is generic: for each field of each object it resolves sources, checks
for skipped fields and builds ordered dicts. For a response of a few hundred nested objects (the
visa guidance: 15 routes, their conditions, steps and sources) that is most of the request.
`represent` walks the same serializer classes, so the schema and the output cannot drift apart,
and calls each field's own `to_representation`. It covers what read-only output serializers use:
plain fields, nested serializers (`many` or not), `ListField`s and `source` names; a test holds
it equal to `Serializer(...).data` for the serializers it is used with.
"""

from collections.abc import Mapping
from functools import cache
from typing import Any

from rest_framework import serializers

AnySerializer = serializers.Serializer[Any]
AnyField = serializers.Field[Any, Any, Any, Any]


def represent(serializer_class: type[AnySerializer], instance: Any) -> dict[str, Any]:
    """What `serializer_class(instance).data` gives, as plain dicts and lists."""
    return _object(_prototype(serializer_class), instance)


@cache
def _prototype(serializer_class: type[AnySerializer]) -> AnySerializer:
    return serializer_class()


def _object(serializer: AnySerializer, instance: Any) -> dict[str, Any]:
    mapping = isinstance(instance, Mapping)
    out = {}
    for name, field in serializer.fields.items():
        source = str(field.source)
        out[name] = _value(field, instance[source] if mapping else getattr(instance, source))
    return out


def _value(field: AnyField, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, serializers.ListSerializer):
        return [_object(field.child, item) for item in value]  # type: ignore[arg-type]
    if isinstance(field, serializers.Serializer):
        return _object(field, value)
    if isinstance(field, serializers.ListField):
        return [_value(field.child, item) for item in value]
    return field.to_representation(value)
