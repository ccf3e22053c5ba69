"""A demo graduate's education and work history, consistent with their age and occupation."""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from core.choices import ASEAN_COUNTRIES
from demo.catalogue import EMPLOYERS
from demo.dates import REFERENCE_DATE
from demo.institutions import (
    CITIES,
    DEGREE_PREFIX,
    INDUSTRY_TRADE_NAMES,
    KOREAN_UNIVERSITIES,
    PROGRAMMES,
    UNIVERSITIES,
    company_name,
)
from demo.occupations import Occupation

# Education level by the occupation's minimum: most meet it, some exceed it, a few fall short.
_LEVELS_BY_MINIMUM: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "diploma": (("diploma", "associate", "bachelor"), (40, 35, 25)),
    "associate": (("diploma", "associate", "bachelor"), (15, 50, 35)),
    "bachelor": (("associate", "bachelor", "master"), (5, 78, 17)),
    "master": (("bachelor", "master"), (45, 55)),
    "doctorate": (("master", "doctorate"), (50, 50)),
}
_AGE_AT_GRADUATION = {"diploma": (19, 21), "associate": (20, 22), "bachelor": (22, 23)}
_MAX_COMPLETED_YEAR = REFERENCE_DATE.year  # a later year means the degree is still in progress


@dataclass(frozen=True)
class EducationPlan:
    level: str
    field_code: str
    programme: str
    institution: str
    country: str
    graduation_year: int


@dataclass(frozen=True)
class ExperiencePlan:
    title: str
    employer_name: str
    country: str
    start_date: date
    end_date: date | None
    industry: str

    @property
    def years(self) -> float:
        return ((self.end_date or REFERENCE_DATE) - self.start_date).days / 365


def education_plans(
    *, country: str, occupation: Occupation, born: date, rng: Random
) -> tuple[EducationPlan, ...]:
    """One record, or two for a master's (the bachelor's at home first); oldest first."""
    levels, weights = _LEVELS_BY_MINIMUM[occupation.min_education or "bachelor"]
    level = rng.choices(levels, weights=weights)[0]
    first_level = level if level in _AGE_AT_GRADUATION else "bachelor"
    low, high = _AGE_AT_GRADUATION[first_level]
    first_year = min(_MAX_COMPLETED_YEAR, born.year + rng.randint(low, high))
    field = _field(occupation=occupation, rng=rng)
    first = _record(level=first_level, field=field, country=country, year=first_year, rng=rng)
    if first_level == level:
        return (first,)
    in_korea = rng.random() < 0.6
    # A master's in Korea may still be in progress (the graduate is there on a D-2 visa).
    latest_year = _MAX_COMPLETED_YEAR + 1 if in_korea else _MAX_COMPLETED_YEAR
    year = min(first_year + rng.randint(2, 3), latest_year)
    if year < first_year + 2:
        return (first,)  # too young for a master's yet
    field = field if rng.random() < 0.7 else _field(occupation=occupation, rng=rng)
    second = _record(
        level=level, field=field, country="KR" if in_korea else country, year=year, rng=rng
    )
    return (first, second)


def _field(*, occupation: Occupation, rng: Random) -> str:
    return occupation.fields[0] if rng.random() < 0.55 else rng.choice(occupation.fields)


def _record(*, level: str, field: str, country: str, year: int, rng: Random) -> EducationPlan:
    if country == "KR":
        institution = rng.choice(list(KOREAN_UNIVERSITIES))
    else:
        universities, colleges = UNIVERSITIES[country]
        institution = rng.choice(
            colleges if level in ("diploma", "associate") and colleges else universities
        )
    programme = rng.choice(PROGRAMMES.get(field, PROGRAMMES.get(field[:3], ("Engineering",))))
    prefix = DEGREE_PREFIX[level]
    if field[:2] in ("05", "06") and level in ("bachelor", "master"):
        prefix = {"bachelor": "B.Sc.", "master": "M.Sc."}[level]
    return EducationPlan(
        level=level,
        field_code=field,
        programme=f"{prefix} {programme}",
        institution=institution,
        country=country,
        graduation_year=year,
    )


def experience_plans(
    *, country: str, occupation: Occupation, education: tuple[EducationPlan, ...], rng: Random
) -> tuple[ExperiencePlan, ...]:
    """Zero to two jobs in the home country: an internship before graduating, then work.

    Work falls between the first degree and the master's (if any) or runs until now.
    """
    first, latest = education[0], education[-1]
    until = date(latest.graduation_year - 2, 8, 1) if len(education) > 1 else REFERENCE_DATE
    plans: list[ExperiencePlan] = []
    if rng.random() < 0.35:
        start = date(first.graduation_year - 1, rng.randint(5, 7), 1)
        finish = start + timedelta(days=rng.randint(60, 150))
        plans.append(
            _job(country, occupation, f"{occupation.display_title} Intern", start, finish, rng)
        )
    start = date(first.graduation_year, rng.randint(7, 10), 1)
    if (until - start).days > 300 and rng.random() < 0.75:
        ongoing = until == REFERENCE_DATE and rng.random() < 0.6
        end = None if ongoing else until - timedelta(days=30)
        junior = ((end or REFERENCE_DATE) - start).days < 2 * 365
        title = f"Junior {occupation.display_title}" if junior else occupation.display_title
        plans.append(_job(country, occupation, title, start, end, rng))
    return tuple(plans[-2:])


def _job(
    country: str, occupation: Occupation, title: str, start: date, end: date | None, rng: Random
) -> ExperiencePlan:
    city = rng.choice(CITIES[country])
    subsidiaries = [e.name for e in EMPLOYERS if e.industry == occupation.industry]
    if subsidiaries and rng.random() < 0.35:
        employer = f"{rng.choice(subsidiaries)} {ASEAN_COUNTRIES[country]}"
    else:
        trade = rng.choice(INDUSTRY_TRADE_NAMES[occupation.industry])
        employer = company_name(country=country, place=city, trade=trade)
    return ExperiencePlan(title, employer, country, start, end, occupation.industry)
