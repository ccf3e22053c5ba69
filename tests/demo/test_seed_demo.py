"""The demo data set (`manage.py seed_demo`): its size, its validity, and that it is repeatable.

The full seed takes seconds, so it runs twice per module inside one transaction that is rolled back
when the module ends; each test's own changes still roll back on their own.
"""

import json
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from itertools import pairwise

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from pytest_django import DjangoDbBlocker

from accounts.models import Consent, ConsentPurpose, Role
from analytics.models import DemandCell, SummaryRun
from core.choices import ASEAN_COUNTRIES
from demo.dates import REFERENCE_DATE
from demo.golden import GOLDEN_GRADES_PATH
from demo.graduates import graduate_plans, nationality_quotas
from demo.logins import DEMO_EMPLOYER, DEMO_GRADUATE, DEMO_LOGINS, DEMO_STAFF, DemoLogin
from demo.occupations import occupation_list
from demo.postings import posting_plans
from demo.services import DemoSeedResult, DemoSize, demo_seed, model_counts
from demo.vocabulary import vocabulary_load
from employers.models import CompanyLocation, Employer, VerificationStatus
from employers.validators import validate_business_registration_number
from jobs.models import Application, ApplicationStatus, JobPosting, PostingStatus
from matching.models import GoldenGrade, GradeSource
from profiles.models import EducationRecord, GraduateProfile, Visibility, WorkExperience
from skills.models import Skill
from training.models import Course, CourseSkill

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[tuple[DemoSeedResult, DemoSeedResult]]:
    """The default seed, run twice; everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        first = demo_seed()
        second = demo_seed()
        yield first, second
        transaction.set_rollback(True)


def test_full_seed_meets_the_issue_minimums(seeded: tuple[DemoSeedResult, DemoSeedResult]) -> None:
    assert Employer.objects.count() >= 40
    assert JobPosting.objects.count() >= 150
    assert GraduateProfile.objects.count() == 500
    assert set(GraduateProfile.objects.values_list("nationality", flat=True)) == set(
        ASEAN_COUNTRIES
    )
    assert Course.objects.count() >= 60
    assert set(Course.objects.values_list("kind", flat=True)) == {
        "vocational",
        "korean_language",
        "degree",
        "scholarship",
    }
    assert Skill.objects.count() >= 300
    assert 100 <= Application.objects.count() <= 140


def test_second_run_creates_nothing_and_keeps_every_count(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    first, second = seeded
    assert set(second.created.values()) == {0}
    assert second.counts == first.counts == model_counts()
    assert "jobs.JobPosting_accepted_fields" in first.counts  # many-to-many tables count too


def test_the_command_prints_the_demo_logins_with_their_password(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    for login in DEMO_LOGINS:
        assert f"{login.email}" in out.getvalue()
    assert "demo-pass-2026" in out.getvalue()
    # the staff's analytics have figures on the first visit
    assert "Analytics summary for the week of" in out.getvalue()
    assert SummaryRun.objects.exists() and DemandCell.objects.exists()


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.email.split("@")[0])
def test_demo_logins_authenticate_with_a_verified_address(
    seeded: tuple[DemoSeedResult, DemoSeedResult], login: DemoLogin
) -> None:
    user = authenticate(email=login.email, password=login.password)
    assert user is not None
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()


def test_demo_logins_have_their_roles(seeded: tuple[DemoSeedResult, DemoSeedResult]) -> None:
    admin = authenticate(email=DEMO_STAFF.email, password=DEMO_STAFF.password)
    assert (admin.role, admin.is_staff, admin.is_superuser) == (Role.STAFF, True, True)
    from accounts.permissions import staff_power

    assert staff_power(admin)  # the second sign-in step is set up: `manage.py demo_code`
    member = authenticate(email=DEMO_EMPLOYER.email, password=DEMO_EMPLOYER.password)
    company = member.employer_membership.employer
    assert (member.employer_membership.role, company.industry) == ("owner", "semiconductors")
    assert company.is_verified
    assert company.postings.filter(status=PostingStatus.OPEN).count() >= 4
    assert Application.objects.filter(posting__employer=company).count() >= 3
    graduate = authenticate(email=DEMO_GRADUATE.email, password=DEMO_GRADUATE.password)
    profile = graduate.graduate_profile
    assert (profile.nationality, profile.skills.count() >= 10) == ("VN", True)
    assert profile.applications.count() >= 3


def test_other_users_cannot_sign_in(seeded: tuple[DemoSeedResult, DemoSeedResult]) -> None:
    profile = GraduateProfile.objects.exclude(user__email=DEMO_GRADUATE.email).first()
    assert not profile.user.has_usable_password()


def test_every_business_registration_number_is_valid_and_unique(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    numbers = list(Employer.objects.values_list("business_registration_number", flat=True))
    for number in numbers:
        validate_business_registration_number(number)
    assert len(set(numbers)) == len(numbers)


def test_most_employers_are_verified_by_the_staff_user_and_a_few_pending(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    statuses = Counter(Employer.objects.values_list("verification_status", flat=True))
    assert 3 <= statuses[VerificationStatus.PENDING] <= 4
    verified = Employer.objects.filter(verification_status=VerificationStatus.VERIFIED)
    assert not verified.filter(Q(verified_at=None) | ~Q(verified_by__email=DEMO_STAFF.email))
    members = Employer.objects.annotate(n=Count("members")).values_list("n", flat=True)
    assert set(members) <= {1, 2}


def test_postings_have_ordered_salaries_and_open_ones_a_publication_and_future_deadline(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    for posting in JobPosting.objects.all():
        assert posting.salary_min_krw <= posting.salary_max_krw, posting
    open_postings = JobPosting.objects.filter(status=PostingStatus.OPEN)
    assert open_postings.count() > JobPosting.objects.count() * 0.7
    assert not open_postings.filter(published_at=None).exists()
    assert not open_postings.filter(deadline__lte=REFERENCE_DATE).exists()
    assert not JobPosting.objects.filter(
        status=PostingStatus.OPEN, employer__verification_status=VerificationStatus.PENDING
    ).exists()
    titles = JobPosting.objects.values_list("employer_id", "title")
    assert len(set(titles)) == len(titles)


def test_seeded_rows_pass_model_validation(seeded: tuple[DemoSeedResult, DemoSeedResult]) -> None:
    models = (Employer, CompanyLocation, JobPosting, GraduateProfile, EducationRecord)
    for model in (*models, WorkExperience, Course):
        for row in model.objects.all():
            row.full_clean()


def test_every_company_has_a_site_in_a_korean_city_and_most_state_their_support(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    employers = Employer.objects.prefetch_related("locations")
    assert all(employer.locations.all() for employer in employers)
    cities = set(CompanyLocation.objects.values_list("city", flat=True))
    assert {"Icheon", "Cheongju", "Ulsan (Ulju-gun)", "Geoje"} <= cities
    assert sum(employer.states_support for employer in employers) >= 0.8 * len(employers)


def test_graduates_are_21_to_35_with_5_to_14_skills_besides_languages(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    for born in GraduateProfile.objects.values_list("date_of_birth", flat=True):
        age = (
            REFERENCE_DATE.year
            - born.year
            - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day))
        )
        assert 21 <= age <= 35
    counts = GraduateProfile.objects.annotate(
        n=Count("skills", filter=~Q(skills__skill__kind="language"))
    ).values_list("n", flat=True)
    assert min(counts) >= 5
    assert max(counts) <= 16  # the hand-made demo graduate has a few more


def test_courses_teach_two_to_six_skills(seeded: tuple[DemoSeedResult, DemoSeedResult]) -> None:
    per_course = Counter(CourseSkill.objects.values_list("course_id", flat=True))
    assert len(per_course) == Course.objects.count()
    assert min(per_course.values()) >= 2
    assert max(per_course.values()) <= 6
    language_courses = Course.objects.filter(kind="korean_language")
    assert not language_courses.filter(topik_target=None).exists()


def test_application_history_leads_to_the_current_status(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    for application in Application.objects.prefetch_related("history"):
        history = list(application.history.all())
        assert (history[0].from_status, history[0].to_status) == ("", ApplicationStatus.APPLIED)
        assert history[-1].to_status == application.status
        for before, after in pairwise(history):
            assert after.from_status == before.to_status
            assert after.changed_at > before.changed_at
        assert application.posting.published_at < history[0].changed_at
        # dated as their history: "applied on" and "in this stage since" agree with it
        assert application.created_at == history[0].changed_at
        assert application.status_changed_at == history[-1].changed_at


def test_graduates_have_their_sign_up_consents_and_discoverable_ones_the_discovery_consent(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    given = Counter(Consent.objects.filter(given=True).values_list("user_id", "purpose"))
    for profile in GraduateProfile.objects.select_related("user"):
        assert given[(profile.user_id, ConsentPurpose.TERMS)] == 1
        assert given[(profile.user_id, ConsentPurpose.PRIVACY)] == 1
        discoverable = profile.visibility == Visibility.DISCOVERABLE
        assert given[(profile.user_id, ConsentPurpose.DISCOVERY)] == int(discoverable)


def test_the_same_seed_plans_the_same_data_and_another_seed_other_data(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    occupations, vocabulary = occupation_list(), vocabulary_load()
    weights = dict.fromkeys(occupations, 1)

    def plan(seed: int) -> tuple[object, object]:
        quotas = nationality_quotas(30)
        return (
            posting_plans(seed=seed, count=20, occupations=occupations),
            graduate_plans(
                seed=seed, quotas=quotas, occupation_weights=weights, vocabulary=vocabulary
            ),
        )

    assert plan(7) == plan(7)
    assert plan(7) != plan(8)


@pytest.mark.parametrize("count", [11, 40, 500])
def test_nationality_quotas_add_up_and_include_every_member(count: int) -> None:
    quotas = nationality_quotas(count)
    assert sum(quotas.values()) == count
    assert set(quotas) == set(ASEAN_COUNTRIES)
    assert min(quotas.values()) >= 1


def test_a_smaller_size_plans_exactly_that_many_postings() -> None:
    small = DemoSize.small()
    plans = posting_plans(seed=1, count=small.postings, occupations=occupation_list())
    assert len(plans) == small.postings


def test_the_developers_golden_set_is_loaded_under_a_staff_user_nobody_signs_in_as(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    first, second = seeded
    document = json.loads(GOLDEN_GRADES_PATH.read_text(encoding="utf-8"))
    assert "NOT by recruiters" in document["about"]
    expected = sum(len(p["grades"]) for g in document["graders"] for p in g["postings"])
    assert first.golden == second.golden
    assert (first.golden.graded, first.golden.skipped) == (expected, 0)
    assert first.created["matching.GoldenGrade"] == expected
    grades = GoldenGrade.objects.select_related("grader")
    assert grades.count() == expected
    assert set(grades.values_list("source", flat=True)) == {GradeSource.DEVELOPERS_SEED}
    graders = {grade.grader for grade in grades}
    assert {g.email for g in graders} == {g["email"] for g in document["graders"]}
    assert "developers@demo.talentbridge.example" in {g.email for g in graders}
    assert all(g.is_staff and not g.has_usable_password() for g in graders)
    assert grades.values("posting").distinct().count() == 4
    assert set(grades.values_list("grade", flat=True)) == {0, 1, 2, 3}


def test_demo_code_prints_the_admins_current_code() -> None:
    from io import StringIO

    from django.core.management import call_command

    from demo.logins import DEMO_TOTP_SECRET
    from tests.factories import totp_code

    out = StringIO()
    call_command("demo_code", stdout=out)
    assert out.getvalue().split()[0] == totp_code(DEMO_TOTP_SECRET)


def test_demo_postings_name_a_korean_city_in_their_region(
    seeded: tuple[DemoSeedResult, DemoSeedResult],
) -> None:
    assert not JobPosting.objects.filter(city="").exists()
    places = {(p.employer.name, p.location) for p in JobPosting.objects.select_related("employer")}
    assert ("Dasom Electronics", "Suwon, Gyeonggi") in places
    assert ("Hanbada Shipbuilding", "Ulsan") in places
    assert ("Geoje Ocean Engineering", "Geoje, South Gyeongsang") in places
    assert ("Seorim Etch Solutions", "Cheonan, South Chungcheong") in places
