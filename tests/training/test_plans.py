"""Plans on the database: gaps from the matching explanation, the optimum per objective, the
score after the plan, TOPIK gaps and their visa effect, suggestions and sponsor gaps."""

from dataclasses import replace

import pytest

from matching.explain import explain_pair
from matching.selectors import graduate_facts, posting_facts
from matching.services import match_run_request
from tests import factories
from tests.training.conftest import World
from tests.training.factories import KoreanCourseFactory
from training.selectors import (
    course_plan_for_posting,
    course_suggestions_for_graduate,
    courses_for_topik,
    sponsor_gaps_for_posting,
)

pytestmark = pytest.mark.django_db


def test_fewest_hours_takes_two_short_courses_and_lowest_cost_the_broad_one(world: World) -> None:
    hours = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    assert {c.title for c in hours.courses} == {"Plasma basics", "PLC starter"}
    assert (hours.total_hours, hours.total_cost_usd) == (150, 500)
    cost = course_plan_for_posting(graduate=world.graduate, posting=world.posting, objective="cost")
    assert [c.title for c in cost.courses] == ["Fab automation"]
    assert (cost.total_hours, cost.total_cost_usd) == (200, 100)
    for plan in (hours, cost):
        assert {g.name for g in plan.covered} == {"Plasma engineering", "PLC programming"}
        assert plan.uncovered == []


def test_score_after_equals_the_score_of_a_graduate_who_has_the_course_skills(
    world: World,
) -> None:
    plan = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    g = graduate_facts(ids=[world.graduate.pk])[0]
    p = posting_facts(ids=[world.posting.pk])[0]
    before = explain_pair(graduate=g, posting=p, relations={}, skill_names={})
    raised = {**g.skills, world.skills["Plasma engineering"].pk: 3}
    raised[world.skills["PLC programming"].pk] = 2
    closed = replace(g, skills=raised)
    after = explain_pair(graduate=closed, posting=p, relations={}, skill_names={})
    assert plan.score_before == pytest.approx(before.score)
    assert plan.score_after == pytest.approx(after.score)
    assert plan.score_after > plan.score_before
    assert plan.score_gain > 0.2


def test_a_course_below_the_level_asked_never_counts_and_unclosable_gaps_are_reported(
    world: World,
) -> None:
    world.courses["plasma"].delete()
    world.courses["both"].delete()
    plan = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    assert [c.title for c in plan.courses] == ["PLC starter"]
    assert [g.name for g in plan.uncovered] == ["Plasma engineering"]
    assert plan.steps[0].closes == ["PLC programming"]


def test_inactive_and_finished_courses_are_not_planned(world: World) -> None:
    world.courses["plc"].is_active = False
    world.courses["plc"].save()
    plan = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    assert "PLC starter" not in {c.title for c in plan.courses}


def test_no_gaps_gives_an_empty_plan_with_unchanged_score(world: World) -> None:
    for name in ("Plasma engineering", "PLC programming"):
        factories.GraduateSkillFactory(profile=world.graduate, skill=world.skills[name], level=4)
    plan = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    assert plan.courses == [] and plan.gaps == []
    assert plan.score_after == plan.score_before > 0


def test_unknown_objective_is_refused(world: World) -> None:
    with pytest.raises(ValueError, match="objective"):
        course_plan_for_posting(graduate=world.graduate, posting=world.posting, objective="fun")


def test_topik_gap_is_closed_by_a_korean_course_and_lifts_the_exclusion(
    world: World, loaded_visa_rules: None
) -> None:
    world.posting.min_topik = 4
    world.posting.save()
    KoreanCourseFactory(title="TOPIK 3 class", topik_target=3, hours=20)
    KoreanCourseFactory(title="TOPIK 4 class", topik_target=4, hours=150)
    plan = course_plan_for_posting(graduate=world.graduate, posting=world.posting)
    assert "TOPIK 4 class" in {c.title for c in plan.courses}
    assert "TOPIK 3 class" not in {c.title for c in plan.courses}
    assert plan.score_before == 0 and plan.excluded_before
    assert plan.score_after > 0 and not plan.excluded_after
    assert (plan.topik_before, plan.topik_after) == (3, 4)
    f27 = next(e for e in plan.visa_effects if e.code == "F-2-7")
    assert f27.points_after > f27.points_before


def test_courses_for_topik_are_korean_courses_at_or_above_the_level_soonest_first(
    db: None,
) -> None:
    import datetime

    late = KoreanCourseFactory(topik_target=5, start_date=datetime.date(2031, 5, 1))
    soon = KoreanCourseFactory(topik_target=4, start_date=datetime.date(2031, 1, 1))
    KoreanCourseFactory(topik_target=3)
    KoreanCourseFactory(topik_target=6, is_active=False)
    factories.CourseFactory(topik_target=None)
    assert list(courses_for_topik(level=4)) == [soon, late]


def _match_run(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()


def test_suggestions_close_the_gaps_of_the_jobs_that_nearly_fit(
    world: World, django_capture_on_commit_callbacks
) -> None:
    assert course_suggestions_for_graduate(graduate=world.graduate) == []  # no run yet
    second = factories.JobPostingFactory(title="Plasma technician")
    factories.PostingSkillFactory(
        posting=second, skill=world.skills["Plasma engineering"], min_level=3
    )
    factories.PostingSkillFactory(posting=second, skill=world.skills["Etch process"], min_level=2)
    _match_run(django_capture_on_commit_callbacks)
    suggestions = course_suggestions_for_graduate(graduate=world.graduate, limit=6)
    assert suggestions
    first = suggestions[0]
    # Fab automation closes plasma (asked by both jobs) and PLC: the most posting-gaps.
    assert first.course.title == "Fab automation"
    assert first.skills == ["PLC programming", "Plasma engineering"]
    assert "2 of your 2" in first.reason
    titles = [s.course.title for s in suggestions]
    assert "Welding" not in titles and "Plasma awareness" not in titles
    assert len(titles) == len(set(titles))


def test_sponsor_gaps_count_the_top_candidates_lacking_each_skill(
    world: World, django_capture_on_commit_callbacks
) -> None:
    other = factories.GraduateProfileFactory()
    factories.GraduateSkillFactory(profile=other, skill=world.skills["Etch process"], level=3)
    factories.GraduateSkillFactory(profile=other, skill=world.skills["PLC programming"], level=3)
    assert sponsor_gaps_for_posting(posting=world.posting) == []
    _match_run(django_capture_on_commit_callbacks)
    gaps = {g.skill.name: g for g in sponsor_gaps_for_posting(posting=world.posting)}
    assert (gaps["Plasma engineering"].count, gaps["Plasma engineering"].of) == (2, 2)
    assert gaps["PLC programming"].count == 1
    assert "Etch process" not in gaps
    plasma_courses = [c.title for c in gaps["Plasma engineering"].courses]
    assert plasma_courses == ["Plasma basics", "Fab automation"]
