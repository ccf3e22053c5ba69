"""A search's skills, looked up by name or alias and kept per taxonomy version."""

import pytest
from django.core.cache import cache

from skills.models import SkillAlias
from skills.selectors import skill_ids_named
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_name_in_any_language_or_an_alias_finds_the_skill():
    etching = factories.SkillFactory(name="Plasma etching", name_ko="플라즈마 식각")
    kube = factories.SkillFactory(name="Kubernetes")
    SkillAlias.objects.create(skill=kube, alias="k8s")
    factories.SkillFactory(name="Welding")
    assert skill_ids_named(text="ETCH") == [etching.pk]
    assert skill_ids_named(text="식각") == [etching.pk]
    assert skill_ids_named(text="k8s") == [kube.pk]
    assert skill_ids_named(text="cobol") == []


def test_a_search_asked_again_costs_no_query(django_assert_num_queries):
    skill = factories.SkillFactory(name="Plasma etching")
    assert skill_ids_named(text="etching") == [skill.pk]
    with django_assert_num_queries(0):
        assert skill_ids_named(text="Etching") == [skill.pk]


def test_a_new_skill_or_alias_is_found_by_the_next_search():
    assert skill_ids_named(text="dicing") == []
    skill = factories.SkillFactory(name="Wafer dicing")
    assert skill_ids_named(text="dicing") == [skill.pk]
    other = factories.SkillFactory(name="Wafer sawing")
    alias = SkillAlias.objects.create(skill=other, alias="dicing saw")
    assert skill_ids_named(text="dicing") == sorted([skill.pk, other.pk])
    alias.delete()
    assert skill_ids_named(text="dicing") == [skill.pk]


def test_without_the_shared_cache_every_search_reads_the_skills(monkeypatch):
    skill = factories.SkillFactory(name="Plasma etching")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    assert skill_ids_named(text="etching") == [skill.pk]
    skill.delete()
    assert skill_ids_named(text="etching") == []
