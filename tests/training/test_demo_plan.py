"""On the demo data: the demo graduate's plan really raises her match score once she has the
skills the planned courses teach."""

from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from demo.logins import DEMO_GRADUATE
from demo.services import DemoSize, demo_seed
from matching.selectors import matchable_postings
from profiles.models import GraduateProfile
from profiles.services import graduate_skills_set
from training.models import Course
from training.selectors import (
    course_plan_for_posting,
    degree_pathways_for_graduate,
    explanation_with_courses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_seed(size=DemoSize.small())
        yield
        transaction.set_rollback(True)


def _demo_graduate() -> GraduateProfile:
    return GraduateProfile.objects.get(user__email=DEMO_GRADUATE.email)


def test_the_best_plan_for_the_demo_graduate_raises_her_real_score(demo: None) -> None:
    graduate = _demo_graduate()
    postings = matchable_postings().filter(employer__industry="semiconductors")
    plans = [course_plan_for_posting(graduate=graduate, posting=p) for p in postings]
    plan = max(plans, key=lambda p: p.score_gain)
    assert plan.courses and plan.score_gain > 0.1
    assert explanation_with_courses(graduate=graduate, posting=plan.posting).score == pytest.approx(
        plan.score_before
    )
    levels = dict(graduate.skills.values_list("skill_id", "level"))
    for course in Course.objects.filter(pk__in=[c.pk for c in plan.courses]):
        for taught in course.skills.all():
            levels[taught.skill_id] = max(levels.get(taught.skill_id, 0), taught.level_reached)
    graduate_skills_set(profile=graduate, levels=levels, source="course")
    after = explanation_with_courses(graduate=graduate, posting=plan.posting)
    assert after.score == pytest.approx(plan.score_after)
    assert after.score > plan.score_before


def test_the_demo_graduate_sees_master_and_doctoral_programmes_in_her_field(demo: None) -> None:
    pathways = degree_pathways_for_graduate(graduate=_demo_graduate())
    assert pathways.eligible
    levels = {c.degree_level for c in pathways.programmes}
    assert levels == {"master", "doctorate"}
    assert pathways.programmes[0].field_of_study.code == "0714"
    titles = {c.title for c in pathways.scholarships}
    assert "Hanbit Semitech Semiconductor Talent Scholarship" in titles
    assert "ASEAN Shipbuilding Engineering Fellowship" not in titles  # another field
    assert {r.code for r in pathways.routes} == {"D-2", "F-2 (K-STAR)"}
