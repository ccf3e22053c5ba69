"""Small display helpers for the visa pages (no rules here: the engine decides, these only word)."""

import re
from typing import Any

from django import template
from django_countries import countries

from core.choices import EducationLevel

register = template.Library()

_COUNTRY_FIELDS = {"nationality", "degree.country"}
_EDUCATION_FIELDS = {"degree.level"}
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_EDUCATION_NAMES = dict(EducationLevel.choices)


@register.filter
def for_hint(step_courses: dict[str, Any] | None, hint: str) -> Any:
    """The catalogue link for a next step (`step_courses[hint]`), or None."""
    return (step_courses or {}).get(hint)


@register.filter
def in_words(criterion: Any) -> str:
    """A criterion's value for people: country and degree codes as their names
    ("KR" -> "South Korea", "bachelor" -> "Bachelor's degree"); anything else as the engine
    worded it."""
    value = str(criterion.actual)
    if criterion.key in _COUNTRY_FIELDS and _COUNTRY_CODE.match(value):
        return str(countries.name(value)) or value
    if criterion.key in _EDUCATION_FIELDS and value in _EDUCATION_NAMES:
        return str(_EDUCATION_NAMES[value])
    return value
