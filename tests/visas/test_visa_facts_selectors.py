"""The guidance engine's facts read from a graduate's profile and from a job posting."""

import datetime

import pytest
from pytest_django import DjangoAssertNumQueries

from jobs.selectors import offer_facts_for_posting
from profiles.models import FieldOfStudy, WorkExperience
from profiles.selectors import graduate_profile_for_user
from tests import factories
from visas.rules import RuleInputError
from visas.selectors import active_graduates_facts, person_facts_for_graduate

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)


def _job(profile, start: str, end: str | None, country: str = "VN") -> None:  # type: ignore[no-untyped-def]
    WorkExperience.objects.create(
        profile=profile,
        title="Engineer",
        employer_name="Mirae Circuit",
        country=country,
        start_date=datetime.date.fromisoformat(start),
        end_date=None if end is None else datetime.date.fromisoformat(end),
    )


def test_age_counts_whole_years_up_to_the_day():
    profile = factories.GraduateProfileFactory(date_of_birth=datetime.date(2000, 5, 17))

    assert person_facts_for_graduate(profile=profile, on=DAY).age == 25
    assert person_facts_for_graduate(profile=profile, on=datetime.date(2026, 5, 17)).age == 26


def test_highest_completed_degree_gives_level_field_and_korean_university():
    profile = factories.GraduateProfileFactory()
    factories.EducationRecordFactory(profile=profile, level="bachelor", graduation_year=2021)
    factories.EducationRecordFactory(
        profile=profile, level="master", country="KR", graduation_year=2024
    )
    factories.EducationRecordFactory(
        profile=profile, level="doctorate", country="KR", graduation_year=2029
    )  # still studying: not completed

    person = person_facts_for_graduate(profile=profile, on=DAY)

    assert person.education_level == "master"
    assert person.korean_degree is True and person.degree_country == "KR"
    assert person.field_stem is True  # 0714 Electronics and automation
    assert person.years_since_graduation == 2


def test_a_field_outside_stem_is_not_stem():
    field = FieldOfStudy.objects.filter(is_stem=False).first()
    profile = factories.GraduateProfileFactory()
    factories.EducationRecordFactory(profile=profile, field_of_study=field)

    assert person_facts_for_graduate(profile=profile, on=DAY).field_stem is False


def test_a_diploma_is_a_level_without_a_degree_country():
    profile = factories.GraduateProfileFactory()
    factories.EducationRecordFactory(profile=profile, level="diploma", country="KR")

    person = person_facts_for_graduate(profile=profile, on=DAY)

    assert person.education_level == "diploma"
    assert person.korean_degree is False and person.degree_country == ""


def test_experience_counts_overlapping_jobs_once_and_korea_apart():
    profile = factories.GraduateProfileFactory()
    _job(profile, "2021-03-01", "2023-02-28")  # two full years, the end day worked
    _job(profile, "2022-03-01", "2022-12-31")  # inside the first: counted once
    _job(profile, "2024-03-01", None, country="KR")  # ongoing: counts up to the day
    _job(profile, "2027-01-01", None)  # not started yet

    person = person_facts_for_graduate(profile=profile, on=DAY)

    assert person.experience_years == 4.0
    assert person.korean_experience_years == 2.0


def test_experience_is_rounded_down_to_a_tenth_of_a_year():
    profile = factories.GraduateProfileFactory()
    _job(profile, "2025-01-01", "2025-06-30")  # 181 days: 0.49 years

    assert person_facts_for_graduate(profile=profile, on=DAY).experience_years == 0.4


def test_profile_status_and_languages_are_passed_on():
    profile = factories.GraduateProfileFactory(topik_level=4, kiip_stage=2, current_visa="D-10")

    person = person_facts_for_graduate(profile=profile, on=DAY)

    assert (person.nationality, person.topik, person.kiip_stage) == ("VN", 4, 2)
    assert person.current_visa == "D-10"


def test_a_profile_without_nationality_cannot_be_evaluated():
    profile = factories.GraduateProfileFactory(nationality="")

    with pytest.raises(RuleInputError) as caught:
        person_facts_for_graduate(profile=profile, on=DAY)

    assert "nationality" in caught.value.errors


def test_a_prefetched_profile_needs_no_more_queries(
    django_assert_num_queries: DjangoAssertNumQueries,
):
    profile = factories.GraduateProfileFactory()
    factories.EducationRecordFactory(profile=profile)
    _job(profile, "2024-03-01", None)
    profile = graduate_profile_for_user(user=profile.user)

    with django_assert_num_queries(0):
        person_facts_for_graduate(profile=profile, on=DAY)


def test_a_posting_is_an_offer_at_the_top_of_its_range():
    posting = factories.JobPostingFactory(
        salary_min_krw=30_000_000,
        salary_max_krw=42_000_000,
        e7_code="2211",
        visa_sponsorship=False,
        employer__size_class="large",
    )

    offer = offer_facts_for_posting(posting=posting)

    assert offer.annual_salary_krw == 42_000_000
    assert offer.occupation_code == "2211"
    assert offer.employer_size == "large"
    assert offer.sponsorship is False


def test_an_occupation_code_the_rules_cannot_read_is_left_out():
    posting = factories.JobPostingFactory(e7_code="E-7 / 2211")

    assert offer_facts_for_posting(posting=posting).occupation_code == ""


def test_every_active_graduates_facts_at_once_equal_their_facts_one_at_a_time(
    django_assert_num_queries: DjangoAssertNumQueries,
):
    stem = FieldOfStudy.objects.get(code="0714")
    kept = []
    for n in range(7):
        profile = factories.GraduateProfileFactory(
            nationality=["VN", "ID", "TH"][n % 3],
            topik_level=n % 7,
            current_visa=["", "F-5"][n % 2],
        )
        factories.EducationRecordFactory(profile=profile, level="bachelor", field_of_study=stem)
        if n % 2:
            factories.EducationRecordFactory(
                profile=profile, level="master", country="KR", graduation_year=2025
            )
        _job(profile, "2020-01-01", "2022-06-30", country=["VN", "KR"][n % 2])
        if n % 3 == 0:
            _job(profile, "2022-01-01", None, country="KR")
        kept.append(profile)
    factories.GraduateProfileFactory(nationality="")  # no facts without a nationality
    factories.GraduateProfileFactory(user__is_active=False)  # a closed account

    with django_assert_num_queries(3 * 3 + 1):  # three per chunk (3, 3, 1), then an empty page
        found = list(active_graduates_facts(on=DAY, chunk=3))

    assert found == [
        (str(p.nationality), person_facts_for_graduate(profile=p, on=DAY)) for p in kept
    ]
