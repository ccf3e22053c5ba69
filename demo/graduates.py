"""Demo graduates, planned as plain data: who they are, what they studied, where they worked.

Each graduate starts from a target occupation (weighted toward the ones with open postings, so that
matching has something to find) and is then perturbed: some of the occupation's skills dropped,
levels moved by one, a few skills from related occupations added.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from core.choices import INDUSTRY_REGIONS
from demo.dates import REFERENCE_DATE
from demo.graduate_history import (
    EducationPlan,
    ExperiencePlan,
    education_plans,
    experience_plans,
)
from demo.graduate_skills import LanguageProfile, skill_levels
from demo.graduate_texts import headline, summary
from demo.institutions import CITIES, KOREAN_UNIVERSITIES
from demo.occupations import Occupation
from demo.people import NameSource, graduate_email, mobile_number
from demo.vocabulary import Vocabulary
from profiles.models import (
    CurrentVisa,
    EnglishTest,
    Visibility,
)

# Graduates per 500 by nationality: weighted toward the big sending countries, all eleven present.
NATIONALITY_SHARES: dict[str, int] = {
    "VN": 110, "ID": 90, "PH": 80, "TH": 60, "MY": 50, "MM": 50,
    "KH": 15, "TL": 15, "LA": 12, "SG": 10, "BN": 8,
}  # fmt: skip
# Share of people from a country who can show an English test result, and their usual level (0-1).
_ENGLISH_BY_COUNTRY: dict[str, tuple[float, float]] = {
    "SG": (0.6, 0.85), "PH": (0.6, 0.75), "MY": (0.55, 0.7), "BN": (0.55, 0.7),
}  # fmt: skip
_ENGLISH_DEFAULT = (0.4, 0.45)
_AGE_WEIGHTS = (3, 8, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1, 1)  # ages 21 to 35


@dataclass(frozen=True)
class GraduatePlan:
    email: str
    full_name: str
    nationality: str
    occupation: Occupation
    date_of_birth: date
    phone: str
    current_country: str
    current_city: str
    headline: str
    summary: str
    topik_level: int
    kiip_stage: int
    english_test: str
    english_score: Decimal | None
    current_visa: str
    preferred_industries: tuple[str, ...]
    preferred_regions: tuple[str, ...]
    preferred_job_types: tuple[str, ...]
    min_salary_krw: int | None
    willing_to_relocate: bool
    visibility: str
    education: tuple[EducationPlan, ...]
    experience: tuple[ExperiencePlan, ...]
    skills: tuple[tuple[str, int], ...]


def nationality_quotas(count: int) -> dict[str, int]:
    """Graduates per nationality summing to `count`; every country gets one once count >= 11."""
    total = sum(NATIONALITY_SHARES.values())
    quotas = {c: max(1, math.floor(count * s / total)) for c, s in NATIONALITY_SHARES.items()}
    for country in sorted(NATIONALITY_SHARES, key=NATIONALITY_SHARES.__getitem__, reverse=True):
        if sum(quotas.values()) >= count:
            break
        quotas[country] += 1
    while sum(quotas.values()) > count:
        largest = max(quotas, key=quotas.__getitem__)
        quotas[largest] -= 1
    return quotas


def graduate_plans(
    *,
    seed: int,
    quotas: dict[str, int],
    occupation_weights: dict[Occupation, int],
    vocabulary: Vocabulary,
) -> tuple[GraduatePlan, ...]:
    """Graduates per nationality as in `quotas`, in a shuffled order, numbered from 1."""
    nationalities = [c for c, n in quotas.items() for _ in range(n)]
    Random(f"{seed}:nationalities").shuffle(nationalities)
    names = NameSource(seed=seed)
    occupations, weights = zip(*occupation_weights.items(), strict=True)
    plans = []
    for number, country in enumerate(nationalities, start=1):
        rng = Random(f"{seed}:graduate:{number}")
        occupation = rng.choices(occupations, weights=weights)[0]
        plans.append(
            _plan(
                number=number,
                country=country,
                occupation=occupation,
                names=names,
                rng=rng,
                vocabulary=vocabulary,
                by_slug={o.slug: o for o in occupations},
            )
        )
    return tuple(plans)


def _plan(
    *,
    number: int,
    country: str,
    occupation: Occupation,
    names: NameSource,
    rng: Random,
    vocabulary: Vocabulary,
    by_slug: dict[str, Occupation],
) -> GraduatePlan:
    # The draws from `rng` happen in a fixed order (the same seed gives the same people), so the
    # helpers below are called in the order their fields are drawn.
    name = names.graduate_name(country=country, female=rng.random() < 0.45, rng=rng)
    age = rng.choices(range(21, 36), weights=_AGE_WEIGHTS)[0]
    born = date(REFERENCE_DATE.year - age - 1, 12, 2) + timedelta(days=rng.randint(0, 364))
    education, in_korea, experience = _history(
        country=country, occupation=occupation, born=born, rng=rng
    )
    latest = education[-1]
    topik = _topik(studied_in_korea=any(e.country == "KR" for e in education), rng=rng)
    english_test, english_score, english_ability = _english(country=country, rng=rng)
    skills = skill_levels(
        occupation=occupation,
        related=[by_slug[slug] for slug in occupation.related if slug in by_slug],
        languages=LanguageProfile(country, topik, english_ability),
        years_worked=sum(e.years for e in experience),
        vocabulary=vocabulary,
        rng=rng,
    )
    industries = _industries(occupation=occupation, rng=rng)
    phone, city = _contact(country=country, latest=latest, in_korea=in_korea, rng=rng)
    return GraduatePlan(
        email=graduate_email(name=name, number=number),
        full_name=name.full_name,
        nationality=country,
        occupation=occupation,
        date_of_birth=born,
        phone=phone,
        current_country="KR" if in_korea else country,
        current_city=city,
        headline=headline(occupation=occupation, education=latest, rng=rng),
        summary=summary(
            occupation=occupation,
            education=latest,
            experience=experience,
            skills=skills,
            topik=topik,
            vocabulary=vocabulary,
        ),
        topik_level=topik,
        kiip_stage=rng.randint(1, 3) if in_korea and rng.random() < 0.4 else 0,
        english_test=english_test,
        english_score=english_score,
        current_visa=_visa(latest=latest, in_korea=in_korea),
        preferred_industries=industries,
        **_wishes(industries=industries, age=age, occupation=occupation, rng=rng),
        education=education,
        experience=experience,
        skills=skills,
    )


def _contact(
    *, country: str, latest: EducationPlan, in_korea: bool, rng: Random
) -> tuple[str, str]:
    """A mobile number (most give one) and the city: the university's in Korea, else home."""
    phone = mobile_number(country=country, rng=rng) if rng.random() < 0.8 else ""
    city = KOREAN_UNIVERSITIES[latest.institution] if in_korea else rng.choice(CITIES[country])
    return phone, city


def _history(
    *, country: str, occupation: Occupation, born: date, rng: Random
) -> tuple[tuple[EducationPlan, ...], bool, tuple[ExperiencePlan, ...]]:
    """Degrees, whether the graduate lives in Korea now, and jobs (drawn in this order)."""
    education = education_plans(country=country, occupation=occupation, born=born, rng=rng)
    in_korea = _in_korea(latest=education[-1], rng=rng)
    experience = experience_plans(
        country=country, occupation=occupation, education=education, rng=rng
    )
    return education, in_korea, experience


def _in_korea(*, latest: EducationPlan, rng: Random) -> bool:
    """Whether the graduate lives in Korea: those studying there now, and most of this year's
    graduates of a Korean university (some D-10 job seekers, others went home)."""
    in_korea = latest.country == "KR" and latest.graduation_year >= REFERENCE_DATE.year
    if in_korea and latest.graduation_year == REFERENCE_DATE.year:
        in_korea = rng.random() < 0.7
    return in_korea


def _wishes(
    *, industries: tuple[str, ...], age: int, occupation: Occupation, rng: Random
) -> dict[str, Any]:
    """The preferences besides industries, and who may see the profile (drawn in this order)."""
    return {
        "preferred_regions": _regions(industries=industries, rng=rng),
        "preferred_job_types": _job_types(age=age, rng=rng),
        "min_salary_krw": (
            int(round(occupation.salary_min * rng.uniform(0.8, 1.05), -6))
            if rng.random() < 0.7
            else None
        ),
        "willing_to_relocate": rng.random() < 0.85,
        "visibility": rng.choices(
            (Visibility.DISCOVERABLE, Visibility.APPLIED_ONLY, Visibility.HIDDEN), (80, 15, 5)
        )[0],
    }


def _visa(*, latest: EducationPlan, in_korea: bool) -> str:
    if not in_korea:
        return CurrentVisa.NONE
    return CurrentVisa.D2 if latest.graduation_year > REFERENCE_DATE.year else CurrentVisa.D10


def _topik(*, studied_in_korea: bool, rng: Random) -> int:
    if studied_in_korea:
        return rng.choices((2, 3, 4, 5, 6), weights=(15, 30, 30, 15, 10))[0]
    return rng.choices(range(7), weights=(40, 12, 16, 14, 10, 5, 3))[0]


def _english(*, country: str, rng: Random) -> tuple[str, Decimal | None, float]:
    """The English test shown (if any), its score, and the ability (0-1) behind it."""
    tested_share, usual = _ENGLISH_BY_COUNTRY.get(country, _ENGLISH_DEFAULT)
    ability = min(1.0, max(0.0, rng.gauss(usual, 0.15)))
    if rng.random() >= tested_share:
        return EnglishTest.NONE, None, ability
    test = rng.choices(
        (EnglishTest.TOEIC, EnglishTest.IELTS, EnglishTest.TOEFL_IBT, EnglishTest.CEFR),
        weights=(45, 35, 15, 5),
    )[0]
    score = {
        EnglishTest.TOEIC: min(990, round((450 + ability * 520) / 5) * 5),
        EnglishTest.IELTS: round((4.5 + ability * 3.5) * 2) / 2,
        EnglishTest.TOEFL_IBT: min(120, round(45 + ability * 70)),
        EnglishTest.CEFR: 2 + round(ability * 3),
    }[test]
    return test, Decimal(str(score)), ability


def _industries(*, occupation: Occupation, rng: Random) -> tuple[str, ...]:
    others = [industry for industry in INDUSTRY_REGIONS if industry != occupation.industry]
    extra = rng.choices((0, 1, 2), weights=(40, 40, 20))[0]
    return (occupation.industry, *rng.sample(others, extra))


def _regions(*, industries: tuple[str, ...], rng: Random) -> tuple[str, ...]:
    hubs = list(dict.fromkeys(region for i in industries for region in INDUSTRY_REGIONS[i]))
    return tuple(rng.sample(hubs, min(len(hubs), rng.randint(1, 3))))


def _job_types(*, age: int, rng: Random) -> tuple[str, ...]:
    types = ["full_time"]
    if rng.random() < 0.25:
        types.append("contract")
    if age < 25 and rng.random() < 0.3:
        types.append("internship")
    return tuple(types)
