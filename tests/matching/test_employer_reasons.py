"""The candidate's explanation as employers read it, worded once per candidate."""

from dataclasses import replace

import pytest
from django.utils import translation

from matching.facts import GraduateFacts, PostingFacts, PostingSkillFacts
from matching.reasons import employer_reasons
from matching.selectors import explanations_from_facts
from skills.models import SkillRelation
from tests import factories

pytestmark = pytest.mark.django_db


def _reasons(language: str = "en"):
    etching = factories.SkillFactory(name="Plasma etching", name_ko="플라즈마 식각")
    lithography = factories.SkillFactory(name="Lithography")
    python = factories.SkillFactory(name="Python")
    scripting = factories.SkillFactory(name="Scripting")
    SkillRelation.objects.create(skill=scripting, related_skill=python, kind="related", credit=0.5)
    g = GraduateFacts(id=1, skills={lithography.pk: 4, scripting.pk: 3}, topik=2)
    p = PostingFacts(
        id=2,
        skills=(
            PostingSkillFacts(etching.pk, 3, 1.0, required=True),
            PostingSkillFacts(lithography.pk, 3, 1.0, required=True),
            PostingSkillFacts(python.pk, 2, 1.0, required=False),
        ),
        min_topik=4,
    )
    with translation.override(language):
        explanation = explanations_from_facts(graduates=[g], postings=[p]).pair(1, 2)
        return explanation, employer_reasons(explanation)


def test_each_skill_need_and_unmet_constraint_is_a_line_with_its_points():
    explanation, reasons = _reasons()
    lines = {line.name: line for line in reasons.lines}
    assert lines["Plasma etching"].words == "missing, level 3 asked"
    assert not lines["Plasma etching"].ok
    assert lines["Lithography"].words == "has level 4, level 3 asked"
    assert lines["Lithography"].ok
    assert lines["Python"].qualifier == "nice to have"
    assert lines["Python"].words == "covered by Scripting: counts as level 1.5 of 2 asked"
    points = {t.name: t.points for t in explanation.skills}
    assert lines["Lithography"].points == f"{points['Lithography']} points"
    unmet = [line for line in reasons.lines if not line.ok and not line.points]
    assert [line.words for line in unmet] == ["not met"] * len(unmet)
    assert any(c.name.label == line.name for c in explanation.constraints for line in unmet)
    summary = explanation.gap_summary
    assert reasons.gaps == (
        f"Gaps: {summary.missing} missing, "
        f"{summary.below_level + summary.related_below_level} below level. "
        f"Closing them would raise the score to {round(summary.score_if_gaps_closed * 100)}%."
    )


def test_the_lines_are_in_the_readers_language():
    _explanation, reasons = _reasons("ko")
    etching = next(line for line in reasons.lines if line.name == "플라즈마 식각")
    assert "missing" not in etching.words and "3" in etching.words


def test_the_list_tag_writes_each_line_escaped_with_its_state_and_the_gaps():
    from portal.templatetags.employer_portal import employer_reason_list

    explanation, reasons = _reasons()
    html = str(employer_reason_list(explanation))
    assert html.startswith('<ul class="reasons"><li class=')
    assert html.count("<li ") == len(reasons.lines)
    assert '<li class="gap"><strong>Plasma etching</strong> – missing, level 3 asked' in html
    assert '<li class="ok"><strong>Lithography</strong> – has level 4, level 3 asked' in html
    assert '<strong>Python</strong> <span class="muted">(nice to have)</span> – covered by' in html
    assert html.endswith(f'</ul><p class="small explanation-gaps">{reasons.gaps}</p>')
    first = replace(explanation.skills[0], name="<b>x</b>")  # names are escaped as any text
    marked = replace(explanation, skills=(first, *explanation.skills[1:]))
    assert "<strong>&lt;b&gt;x&lt;/b&gt;</strong>" in str(employer_reason_list(marked))


def test_words_made_once_per_language_follow_each_reader():
    """The lines' words are made once per language in a process: readers in turn, in English
    and Korean, each get their own."""
    explanation, _reasons_en = _reasons()
    worded = {}
    for language in ("en", "ko", "en", "ko"):
        with translation.override(language):
            lines = employer_reasons(explanation).lines
        etching = next(line for line in lines if line.name in ("Plasma etching", "플라즈마 식각"))
        worded.setdefault(language, set()).add((etching.words, etching.points))
    assert worded["en"] == {("missing, level 3 asked", _worded_points(explanation, "en"))}
    assert len(worded["ko"]) == 1 and worded["ko"].isdisjoint(worded["en"])


def _worded_points(explanation, language: str) -> str:
    points = next(t.points for t in explanation.skills if t.name == "Plasma etching")
    return f"{points} point" if points == 1 else f"{points} points"
