"""The matching loader's visa facts agree with the guidance pages' (visas.selectors), which read
one profile or posting at a time: the two must not drift apart."""

import datetime

import pytest
from django.utils import timezone

from jobs.selectors import offer_facts_for_posting
from matching.selectors import graduate_facts, posting_facts
from profiles.models import FieldOfStudy, GraduateProfile, WorkExperience
from tests import factories
from visas.rules import offer_routes, person_routes
from visas.rules.graduate import DegreeRow, JobRow, person_facts
from visas.selectors import person_facts_for_graduate, rules_snapshot_cached
from visas.services import visa_rules_load

pytestmark = pytest.mark.django_db


def _years_ago(today: datetime.date, years: int, days: int = 0) -> datetime.date:
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day + datetime.timedelta(days=days)


def _job(profile: GraduateProfile, country: str, start, end=None) -> None:
    WorkExperience.objects.create(
        profile=profile,
        title="Engineer",
        employer_name="Hanbit Semitech",
        country=country,
        start_date=start,
        end_date=end,
    )


@pytest.fixture
def graduates() -> list[GraduateProfile]:
    """Graduates at the edges the derivations decide: a 40th birthday today, overlapping jobs in
    Korea, a Korean diploma (no degree country), a degree still in progress, a job not begun."""
    today = timezone.localdate()
    humanities = FieldOfStudy.objects.exclude(is_stem=True).first()
    forty = factories.GraduateProfileFactory(nationality="VN", date_of_birth=_years_ago(today, 40))
    almost = factories.GraduateProfileFactory(
        nationality="VN", date_of_birth=_years_ago(today, 40, days=1)
    )
    worker = factories.GraduateProfileFactory(nationality="MY", current_visa="E-7", kiip_stage=3)
    factories.EducationRecordFactory(
        profile=worker, level="bachelor", country="VN", graduation_year=2016
    )
    factories.EducationRecordFactory(
        profile=worker, level="master", country="KR", graduation_year=2019
    )
    _job(worker, "VN", datetime.date(2016, 7, 1), datetime.date(2018, 12, 31))
    _job(worker, "KR", datetime.date(2019, 3, 1), datetime.date(2022, 6, 30))
    _job(worker, "KR", datetime.date(2022, 1, 1))
    diploma = factories.GraduateProfileFactory(nationality="PH", date_of_birth=None)
    factories.EducationRecordFactory(
        profile=diploma, level="diploma", country="KR", field_of_study=humanities
    )
    factories.EducationRecordFactory(
        profile=diploma, level="master", graduation_year=today.year + 1
    )
    _job(diploma, "KR", today + datetime.timedelta(days=30))
    resident = factories.GraduateProfileFactory(nationality="TH", current_visa="F-2")
    other = factories.GraduateProfileFactory(nationality="ID", current_visa="other")
    _job(other, "KR", _years_ago(today, 4))
    return [forty, almost, worker, diploma, resident, other]


def test_the_loaders_person_facts_equal_the_guidance_pages(graduates):
    today = timezone.localdate()
    for profile in graduates:
        built = person_facts(
            nationality=str(profile.nationality),
            born=profile.date_of_birth,
            topik=profile.topik_level,
            kiip_stage=profile.kiip_stage,
            current_visa=profile.current_visa,
            degrees=[
                DegreeRow(r.level, r.field_of_study.is_stem, str(r.country), r.graduation_year)
                for r in profile.education.all()
            ],
            jobs=[
                JobRow(j.start_date, j.end_date, str(j.country)) for j in profile.experience.all()
            ],
            on=today,
        )

        assert built == person_facts_for_graduate(profile=profile), profile.nationality


def test_the_loaders_masks_equal_the_masks_of_the_guidance_pages_facts(graduates):
    visa_rules_load()
    rules = rules_snapshot_cached(on=timezone.localdate())
    loaded = {g.id: g.visa_routes for g in graduate_facts()}
    expected = {
        profile.pk: person_routes(person_facts_for_graduate(profile=profile), rules)
        for profile in graduates
    }

    assert loaded == expected
    assert len(set(expected.values())) >= 4  # the cases reach different masks


def test_the_loaders_offer_masks_equal_the_masks_of_the_guidance_pages_facts():
    visa_rules_load()
    rules = rules_snapshot_cached(on=timezone.localdate())
    postings = [
        factories.JobPostingFactory(salary_min_krw=s // 2, salary_max_krw=s, e7_code=code)
        for s, code in ((20_000_000, "2211"), (40_000_000, "not a code"), (250_000_000, ""))
    ]
    postings.append(factories.JobPostingFactory(visa_sponsorship=False))
    postings.append(
        factories.JobPostingFactory(employer=factories.EmployerFactory(size_class="sme"))
    )

    loaded = {p.id: p.visa_routes for p in posting_facts()}

    assert loaded == {
        posting.pk: offer_routes(offer_facts_for_posting(posting=posting), rules)
        for posting in postings
    }
    assert len(set(loaded.values())) >= 3
