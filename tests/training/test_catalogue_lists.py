"""Lists of courses every graduate alike sees ("Courses for me": the TOPIK courses for the next
level, the degree programmes and scholarships): read once and kept until the catalogue changes
or the day does."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.training.factories import KoreanCourseFactory
from training.selectors import topik_courses_kept

pytestmark = pytest.mark.django_db


def test_the_topik_courses_are_read_once_until_a_course_changes(django_assert_num_queries):
    first = KoreanCourseFactory(title="TOPIK 4 evenings", topik_target=4)
    factories.CourseSkillFactory(course=first, skill=factories.SkillFactory(name="Korean"))
    assert [c.title for c in topik_courses_kept(level=4)] == ["TOPIK 4 evenings"]
    with django_assert_num_queries(0):  # with what the card shows: provider, skills
        kept = topik_courses_kept(level=4)
        assert [(c.title, c.provider.name) for c in kept] == [
            ("TOPIK 4 evenings", first.provider.name)
        ]
        assert [s.skill.name for s in kept[0].skills.all()] == ["Korean"]
    KoreanCourseFactory(title="TOPIK 5 weekends", topik_target=5, hours=90)
    titles = {c.title for c in topik_courses_kept(level=4)}
    assert titles == {"TOPIK 4 evenings", "TOPIK 5 weekends"}
    first.is_active = False
    first.save()
    assert [c.title for c in topik_courses_kept(level=4)] == ["TOPIK 5 weekends"]


def test_a_course_that_has_ended_goes_with_the_day(time_machine):
    today = timezone.localdate()
    KoreanCourseFactory(title="Ends today", end_date=today)
    assert [c.title for c in topik_courses_kept(level=4)] == ["Ends today"]
    tomorrow = datetime.datetime.combine(today, datetime.time(12)) + datetime.timedelta(days=1)
    time_machine.move_to(tomorrow)
    assert topik_courses_kept(level=4) == []


def test_a_provider_renamed_shows_on_the_kept_list():
    course = KoreanCourseFactory(title="TOPIK 4 evenings")
    assert topik_courses_kept(level=4)[0].provider.name == course.provider.name
    course.provider.name = "Sejong Institute Hanoi"
    course.provider.save()
    assert topik_courses_kept(level=4)[0].provider.name == "Sejong Institute Hanoi"
