"""The taxonomy each process keeps for explanations: read once, read again after any edit."""

import pytest
from django.core.cache import cache
from django.utils import translation

from matching.facts import GraduateFacts, PostingFacts, PostingSkillFacts
from matching.selectors import explanations_from_facts
from skills.models import SkillRelation
from skills.selectors import TAXONOMY_VERSION_KEY, taxonomy_snapshot
from tests import factories

pytestmark = pytest.mark.django_db


def _explain(graduate_skills: dict[int, int], wanted: int) -> tuple[float, str]:
    """The pair's score and the name the explanation gives the wanted skill."""
    g = GraduateFacts(id=1, skills=graduate_skills)
    p = PostingFacts(id=2, skills=(PostingSkillFacts(wanted, 3, 1.0, required=True),))
    explanation = explanations_from_facts(graduates=[g], postings=[p]).pair(1, 2)
    return explanation.score, explanation.skills[0].name


def test_a_kept_taxonomy_costs_no_query(django_assert_num_queries):
    skill = factories.SkillFactory(name="Wafer dicing")
    taxonomy_snapshot().names()
    with django_assert_num_queries(0):
        assert taxonomy_snapshot().names()[skill.pk] == "Wafer dicing"


def test_a_renamed_skill_is_named_anew_in_the_next_explanation():
    skill = factories.SkillFactory(name="Wafer dicing")
    assert _explain({skill.pk: 3}, skill.pk)[1] == "Wafer dicing"
    skill.name = "Wafer sawing"
    skill.save()
    assert _explain({skill.pk: 3}, skill.pk)[1] == "Wafer sawing"


def test_a_new_or_removed_relation_changes_the_next_score():
    held, wanted = factories.SkillFactory(), factories.SkillFactory()
    without = _explain({held.pk: 3}, wanted.pk)[0]
    relation = SkillRelation.objects.create(
        skill=held, related_skill=wanted, kind="related", credit=0.8
    )
    with_relation = _explain({held.pk: 3}, wanted.pk)[0]
    assert with_relation > without
    relation.delete()
    assert _explain({held.pk: 3}, wanted.pk)[0] == without


def test_another_process_edit_is_seen_through_the_shared_version():
    """Another process's edit reaches this one only through the token in the shared cache."""
    skill = factories.SkillFactory(name="Wafer dicing")
    taxonomy_snapshot().names()
    type(skill).objects.filter(pk=skill.pk).update(name="Wafer sawing")  # no save: no signal
    assert taxonomy_snapshot().names()[skill.pk] == "Wafer dicing"  # still kept here
    cache.set(TAXONOMY_VERSION_KEY, "edited elsewhere")
    assert taxonomy_snapshot().names()[skill.pk] == "Wafer sawing"


def test_names_follow_the_active_language():
    skill = factories.SkillFactory(name="Battery cell assembly", name_ko="배터리 셀 조립")
    with translation.override("ko"):
        assert taxonomy_snapshot().names()[skill.pk] == "배터리 셀 조립"
    with translation.override("en"):
        assert taxonomy_snapshot().names()[skill.pk] == "Battery cell assembly"


def test_with_the_shared_cache_down_every_call_reads_the_taxonomy(monkeypatch):
    skill = factories.SkillFactory(name="Wafer dicing")

    def down(*args: object, **kwargs: object) -> None:
        raise ConnectionError("cache down")

    for name in ("get", "get_many", "add", "set"):  # the whole cache, as when Redis is down
        monkeypatch.setattr(cache, name, down)
    assert taxonomy_snapshot().names()[skill.pk] == "Wafer dicing"
    type(skill).objects.filter(pk=skill.pk).update(name="Wafer sawing")
    assert taxonomy_snapshot().names()[skill.pk] == "Wafer sawing"
