"""The items of "How you match", written in Python: each item's state, label, detail and points
in the page's language, escaped, and the same markup the page's styles and tests read."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from matching.reasons import ChecklistItem
from portal.templatetags.match_checklist import checklist_items

ETCH = ChecklistItem("Dry etching", "met", "level 4 of 3", "required", 12)
CMP = ChecklistItem("CMP <b>", "missing", "asked level 3", "nice", 1)
BREAKER = ChecklistItem("Cleanroom", "partial", "level 2 of 3", "breaker", 0)


def test_skills_show_state_requirement_detail_and_points():
    html = str(checklist_items([ETCH, CMP, BREAKER], "skills"))
    assert html.count("<li ") == 3
    assert (
        '<li class="check-met"><span class="check-label">Dry etching</span>'
        '<span class="check-state">Met</span>'
        '<span class="check-detail">level 4 of 3 · 12 points</span></li>'
    ) in html
    nice = '<span class="muted small">(nice to have)</span>'
    assert f'<span class="check-label">CMP &lt;b&gt; {nice}</span>' in html  # escaped
    assert "· 1 point</span>" in html and "Missing" in html
    assert '(must have)</span></span><span class="check-state">Partly</span>' in html


def test_a_constraint_is_met_or_missing_and_has_no_points():
    topik = ChecklistItem("Korean (TOPIK)", "partial", "TOPIK 4 required; you have 3")
    html = str(checklist_items([topik], "constraints"))
    assert '<span class="check-state">Missing</span>' in html
    assert '<span class="check-detail">TOPIK 4 required; you have 3</span>' in html
    assert "point" not in html


def test_no_skills_says_so_and_no_needs_is_empty():
    assert "has not listed specific skills" in str(checklist_items([], "skills"))
    assert str(checklist_items([], "needs")) == ""


def test_the_words_are_in_the_pages_language():
    with translation.override("ko"):
        html = str(checklist_items([ETCH], "skills"))
        assert translation.gettext("Met") in html and translation.gettext("Met") != "Met"
        points = translation.ngettext("%(points)s point", "%(points)s points", 12)
        assert points % {"points": "12"} in html


def test_an_unknown_kind_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load match_checklist %}{% checklist_items items "wishes" %}').render(
            Context({"items": [ETCH]})
        )
