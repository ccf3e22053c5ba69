"""The API's explanation, built from the serializers' fields, is what DRF itself would give."""

import json

import pytest

from matching.apis.output import ExplanationOutputSerializer, explanation_output
from matching.facts import GraduateFacts, PostingFacts, PostingSkillFacts
from matching.selectors import explanations_from_facts
from skills.models import SkillRelation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("excluded", [False, True])
def test_the_fast_output_equals_the_serializers_output(excluded):
    etching, python, scripting = (factories.SkillFactory() for _ in range(3))
    SkillRelation.objects.create(skill=scripting, related_skill=python, kind="related", credit=0.5)
    g = GraduateFacts(
        id=1,
        skills={scripting.pk: 3},
        topik=2,
        industries=frozenset({"semiconductors"}),
        min_salary_krw=40_000_000,
    )
    p = PostingFacts(
        id=2,
        skills=(
            PostingSkillFacts(etching.pk, 3, 1.0, required=True, deal_breaker=excluded),
            PostingSkillFacts(python.pk, 2, 1.0, required=False),
        ),
        min_topik=3 if excluded else 0,
        min_english_cefr=3,
        min_experience_years=2,
        industry="batteries",
        salary_max_krw=35_000_000,
    )
    explanation = explanations_from_facts(graduates=[g], postings=[p]).pair(1, 2)
    assert explanation.excluded is excluded
    by_drf = ExplanationOutputSerializer(explanation.as_dict()).data
    fast = explanation_output(explanation)
    assert json.dumps(fast, sort_keys=True) == json.dumps(by_drf, sort_keys=True)
    assert fast["skills"] and fast["needs"] and fast["preference_factors"]


def test_no_explanation_is_null():
    assert explanation_output(None) is None
