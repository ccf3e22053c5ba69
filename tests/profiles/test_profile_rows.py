"""A whole profile as pages show it (the graduate's own, a candidate's, the data export): its
degrees with their fields, skills with their names and jobs in three queries, whatever their
number."""

import datetime

import pytest

from jobs.selectors import candidate_for_employer
from profiles.models import FieldOfStudy, GraduateProfile, WorkExperience
from profiles.selectors import graduate_profile_for_user, profile_rows
from tests import factories

pytestmark = pytest.mark.django_db


def _shown(profile: GraduateProfile) -> tuple[list[str], list[str], list[str]]:
    return (
        sorted(f"{e.level} {e.field_of_study.name}" for e in profile.education.all()),
        sorted(f"{s.skill.name} {s.level}" for s in profile.skills.all()),
        sorted(j.title for j in profile.experience.all()),
    )


@pytest.mark.parametrize("rows", [1, 4])
def test_a_whole_profile_is_three_queries_whatever_it_holds(rows, django_assert_num_queries):
    profile = factories.GraduateProfileFactory()
    fields = list(FieldOfStudy.objects.order_by("code")[:rows])
    for n, field in enumerate(fields):
        factories.EducationRecordFactory(profile=profile, field_of_study=field, level="bachelor")
        factories.GraduateSkillFactory(profile=profile, level=1 + n % 5)
        WorkExperience.objects.create(
            profile=profile, title=f"Engineer {n}", employer_name="Fab", country="VN",
            start_date=datetime.date(2020 + n, 1, 1),
        )  # fmt: skip
    with django_assert_num_queries(4):  # the profile, then its three kinds of rows
        read = GraduateProfile.objects.prefetch_related(*profile_rows()).get(pk=profile.pk)
        shown = _shown(read)
    assert len(shown[0]) == len(shown[1]) == len(shown[2]) == rows
    assert shown == _shown(GraduateProfile.objects.get(pk=profile.pk))


def test_the_own_profile_and_a_candidates_are_read_the_same_way(
    employer, django_assert_max_num_queries
):
    profile = factories.GraduateProfileFactory(visibility="discoverable")
    factories.EducationRecordFactory(profile=profile)
    factories.GraduateSkillFactory(profile=profile)
    own = graduate_profile_for_user(user=profile.user)
    seen = candidate_for_employer(
        employer=employer.employer_membership.employer, graduate_id=profile.pk
    )
    with django_assert_max_num_queries(0):
        assert _shown(own) == _shown(seen)
