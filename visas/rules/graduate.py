"""A graduate's profile rows and a posting as the guidance engine's facts: pure, no queries.

The one place that turns stored rows into PersonFacts/OfferFacts: pages (one profile at a time,
visas.selectors) and the matching loader (10^5 per run, matching.selectors) both call it. Rows
come from the database's constrained columns, so they skip validate_person's per-field checks.
A graduate without a nationality gets no facts (None): the rules cannot be applied to them.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from visas.rules import OfferFacts, PersonFacts, RuleInputError, validate_offer
from visas.rules.factview import LEVEL_RANK


@dataclass(frozen=True, slots=True)
class DegreeRow:
    level: str  # EducationLevel value
    field_stem: bool
    country: str  # ISO code; KR = a Korean university
    graduation_year: int


@dataclass(frozen=True, slots=True)
class JobRow:
    start: date
    end: date | None  # None while ongoing
    country: str


def person_facts(
    *,
    nationality: str,
    born: date | None,
    topik: int,
    kiip_stage: int,
    current_visa: str,
    degrees: Iterable[DegreeRow],
    jobs: Iterable[JobRow],
    on: date,
) -> PersonFacts | None:
    """A graduate as the rules see them on `on`, or None without a nationality."""
    if not nationality:
        return None
    jobs = list(jobs)
    experience = years_worked(jobs, on=on)
    korean = [job for job in jobs if job.country == "KR"]
    korean_experience = years_worked(korean, on=on) if korean else 0.0
    degree = highest_completed(degrees, year=on.year)
    if degree is None:
        return PersonFacts(
            nationality=nationality,
            age=age_on(born, on),
            topik=topik,
            kiip_stage=kiip_stage,
            experience_years=experience,
            korean_experience_years=korean_experience,
            current_visa=current_visa,
        )
    country = "" if degree.level == "diploma" else degree.country  # a diploma is not a degree
    return PersonFacts(
        nationality=nationality,
        age=age_on(born, on),
        education_level=degree.level,
        field_stem=degree.field_stem,
        degree_country=country,
        korean_degree=country == "KR",
        topik=topik,
        kiip_stage=kiip_stage,
        experience_years=experience,
        korean_experience_years=korean_experience,
        current_visa=current_visa,
        years_since_graduation=on.year - degree.graduation_year,
    )


def offer_facts(
    *,
    salary_max_krw: int,
    e7_code: str,
    employer_size: str,
    sponsorship: bool,
    eps_job: bool | None = None,
) -> OfferFacts:
    """A posting as a job offer: the top of its salary range. An E-7 occupation code the rules
    cannot read (free text in the admin) is left out rather than failing the whole offer."""
    raw = {
        "annual_salary_krw": salary_max_krw,
        "occupation_code": e7_code,
        "employer_size": employer_size,
        "sponsorship": sponsorship,
        "eps_job": eps_job,
    }
    try:
        return validate_offer(raw)
    except RuleInputError as error:
        if set(error.errors) != {"occupation_code"}:
            raise
        return validate_offer({**raw, "occupation_code": ""})


def highest_completed(degrees: Iterable[DegreeRow], *, year: int) -> DegreeRow | None:
    """The highest level completed by `year` (the latest of equal levels)."""
    best: DegreeRow | None = None
    for degree in degrees:
        if degree.graduation_year > year or degree.level not in LEVEL_RANK:
            continue
        if best is None or (LEVEL_RANK[degree.level], degree.graduation_year) > (
            LEVEL_RANK[best.level],
            best.graduation_year,
        ):
            best = degree
    return best


def age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def years_worked(jobs: Iterable[JobRow], *, on: date) -> float:
    """Years covered by the jobs up to `on`, overlaps once, rounded down to a tenth.

    End dates count as days worked, and a year is 365 days, so a job from 1 March to the last
    day of February two years later is 2.0 years, not 1.99 (which would fail "at least 2")."""
    day = timedelta(days=1)
    periods = sorted((job.start, min(job.end or on, on) + day) for job in jobs if job.start <= on)
    days = 0
    current: tuple[date, date] | None = None
    for start, end in periods:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            days += (current[1] - current[0]).days
        current = (start, end)
    if current is not None:
        days += (current[1] - current[0]).days
    return math.floor(days / 365 * 10) / 10
