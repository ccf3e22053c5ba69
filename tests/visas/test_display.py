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
