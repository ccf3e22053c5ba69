"""Visa pages word the engine's codes for people (countries and degrees by name)."""

import pytest

from portal.templatetags.visa_display import in_words
from visas.rules.results import CriterionResult


def _criterion(key: str, actual: str) -> CriterionResult:
    return CriterionResult(label="x", actual=actual, required="y", met=True, key=key)


@pytest.mark.parametrize(
    ("key", "actual", "shown"),
    [
        ("degree.country", "KR", "South Korea"),
        ("nationality", "VN", "Vietnam"),
        ("degree.level", "bachelor", "Bachelor's degree"),
        ("degree.level", "not given", "not given"),
        ("korean.topik_level", "3", "3"),
        ("nationality", "not given", "not given"),
    ],
)
def test_codes_are_shown_by_name_and_everything_else_as_worded(key, actual, shown):
    assert in_words(_criterion(key, actual)) == shown


def test_the_long_select_renders_the_options_django_would():
    """Same options, groups, selection and attributes as Django's Select, without its
    per-option templates."""
    import re

    from django import forms

    from portal.public.widgets import PythonSelect, nationality_choices

    def options(html: str) -> list[tuple[str, str, bool]]:
        found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
        return [(value, label, bool(selected)) for value, selected, label in found]

    for value in ("VN", "", "XX"):
        fast, django = PythonSelect(), forms.Select()
        fast.choices = django.choices = nationality_choices()
        ours = fast.render("nationality", value, attrs={"id": "id_nationality"})
        theirs = django.render("nationality", value, attrs={"id": "id_nationality"})
        assert options(ours) == options(theirs)
        assert re.findall(r'<optgroup label="([^"]*)"', ours) == re.findall(
            r'<optgroup label="([^"]*)"', theirs
        )
        assert ours.startswith('<select name="nationality" id="id_nationality">') or (
            ours.startswith('<select id="id_nationality" name="nationality">')
        )
