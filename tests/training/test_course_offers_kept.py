"""The courses for each skill gap, kept per skill under the catalogue's version: every edit of
the catalogue (a course, its skills, its provider) is seen by the next explanation."""

import pytest
from django.core.cache import cache
from django.utils import translation

from demo.courses import COURSES
from demo.training import training_seed
from demo.vocabulary import vocabulary_load
from skills.services import taxonomy_load
from tests import factories
from training.models import CourseSkill
from training.selectors import course_offers_by_skill

pytestmark = pytest.mark.django_db


def _titles(skill_id: int) -> list[str]:
    return [offer.title for offer in course_offers_by_skill(skill_ids=[skill_id]).get(skill_id, [])]


def test_offers_asked_again_cost_no_query(django_assert_num_queries):
    skill = factories.SkillFactory()
    factories.CourseSkillFactory(skill=skill, course__title="Etching basics")
    assert _titles(skill.pk) == ["Etching basics"]
    with django_assert_num_queries(0):
        assert _titles(skill.pk) == ["Etching basics"]


def test_only_the_skills_not_kept_are_read(django_assert_num_queries):
    kept, new = factories.SkillFactory(), factories.SkillFactory()
    factories.CourseSkillFactory(skill=kept, course__title="Kept course", course__hours=10)
    factories.CourseSkillFactory(skill=new, course__title="New course", course__hours=20)
    _titles(kept.pk)
    with django_assert_num_queries(1):
        offers = course_offers_by_skill(skill_ids=[new.pk, kept.pk, kept.pk])
    assert {k: [o.title for o in v] for k, v in offers.items()} == {
        kept.pk: ["Kept course"],
        new.pk: ["New course"],
    }


def test_every_catalogue_edit_is_seen_next_time():
    skill = factories.SkillFactory()
    link = factories.CourseSkillFactory(skill=skill, course__title="Etching basics")
    course = link.course
    assert _titles(skill.pk) == ["Etching basics"]
    course.title = "Plasma etching basics"
    course.save()
    assert _titles(skill.pk) == ["Plasma etching basics"]
    course.provider.name = "Renamed college"
    course.provider.save()
    assert course_offers_by_skill(skill_ids=[skill.pk])[skill.pk][0].provider == "Renamed college"
    course.is_active = False
    course.save()
    assert _titles(skill.pk) == []
    course.is_active = True
    course.save()
    CourseSkill.objects.filter(pk=link.pk).delete()
    assert _titles(skill.pk) == []
    factories.CourseSkillFactory(skill=skill, course=course)
    assert _titles(skill.pk) == ["Plasma etching basics"]


def test_each_language_has_its_own_titles():
    skill = factories.SkillFactory()
    factories.CourseSkillFactory(
        skill=skill, course__title="Etching basics", course__title_ko="식각 기초"
    )
    assert _titles(skill.pk) == ["Etching basics"]
    with translation.override("ko"):
        assert _titles(skill.pk) == ["식각 기초"]


def test_the_demo_catalogue_seeded_in_bulk_is_seen():
    """Bulk inserts send no signals: the seeding renews the catalogue's version itself."""
    taxonomy_load()
    vocabulary = vocabulary_load()
    taught = {slug for entry in COURSES[:5] for slug, _level in entry.skills}
    skill_ids = [vocabulary.skill_ids[slug] for slug in taught]
    assert course_offers_by_skill(skill_ids=skill_ids) == {}
    training_seed(vocabulary=vocabulary)
    assert course_offers_by_skill(skill_ids=skill_ids) != {}


def test_without_the_shared_cache_offers_are_read_every_time(monkeypatch):
    skill = factories.SkillFactory()
    link = factories.CourseSkillFactory(skill=skill, course__title="Etching basics")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    assert _titles(skill.pk) == ["Etching basics"]
    CourseSkill.objects.filter(pk=link.pk).update(level_reached=4)  # no signal: read anyway
    assert course_offers_by_skill(skill_ids=[skill.pk])[skill.pk][0].level_reached == 4
