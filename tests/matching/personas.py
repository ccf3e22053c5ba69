"""Graduates of every kind of history, for tests that compare two ways of reading the same
facts."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from core.choices import CompanySize, EducationLevel, Industry, JobType, KoreaRegion
from profiles.models import CurrentVisa, FieldOfStudy, GraduateProfile, WorkExperience
from tests import factories

FIELDS = ("0714", "0713", "0611", "031", "041", "0732")
ENGLISH = [("", None), ("toeic", Decimal("785")), ("ielts", Decimal("6.5")), ("cefr", Decimal(4))]


def varied_graduates(count: int, seed: int) -> list[GraduateProfile]:
    """Graduates of every kind: degrees of each level here and in Korea, study not finished,
    jobs in and out of Korea (ongoing, overlapping), skills, language tests, preferences, no
    birth date, each visa status, no nationality."""
    rng = random.Random(seed)
    today = timezone.localdate()
    fields = {code: FieldOfStudy.objects.get(code=code) for code in FIELDS}
    skills = [factories.SkillFactory() for _ in range(6)]
    graduates = []
    for _ in range(count):
        english_test, english_score = rng.choice(ENGLISH)
        profile = factories.GraduateProfileFactory(
            nationality=rng.choice(["VN", "PH", "ID", "TH", "KH", "MM", "LA", "TL", ""]),
            date_of_birth=rng.choice([None, datetime.date(rng.randint(1975, 2006), 3, 9)]),
            topik_level=rng.randint(0, 6),
            kiip_stage=rng.randint(0, 5),
            current_visa=rng.choice(CurrentVisa.values),
            english_test=english_test,
            english_score=english_score,
            preferred_industries=rng.sample(Industry.values, rng.randint(0, 2)),
            preferred_regions=rng.sample(KoreaRegion.values, rng.randint(0, 2)),
            preferred_job_types=rng.sample(JobType.values, rng.randint(0, 1)),
            preferred_company_sizes=rng.sample(CompanySize.values, rng.randint(0, 2)),
            min_salary_krw=rng.choice([None, 30_000_000]),
            willing_to_relocate=rng.choice([True, False]),
            visibility=rng.choice(["discoverable", "applied_only", "hidden"]),
        )
        for skill in rng.sample(skills, rng.randint(0, 4)):
            factories.GraduateSkillFactory(profile=profile, skill=skill, level=rng.randint(1, 5))
        for _degree in range(rng.randint(0, 3)):
            factories.EducationRecordFactory(
                profile=profile,
                level=rng.choice(EducationLevel.values),
                field_of_study=fields[rng.choice(FIELDS)],
                country=rng.choice(["KR", "VN", "PH", "US"]),
                graduation_year=rng.randint(today.year - 12, today.year + 2),
            )
        for _job in range(rng.randint(0, 3)):
            start = today - datetime.timedelta(days=rng.randint(30, 4000))
            WorkExperience.objects.create(
                profile=profile, title="Engineer", employer_name="Firm",
                country=rng.choice(["KR", "VN"]), isco_code=rng.choice(["", "2149", "3113"]),
                start_date=start,
                end_date=rng.choice([None, start + datetime.timedelta(days=rng.randint(1, 900))]),
            )  # fmt: skip
        graduates.append(profile)
    return graduates
