"""Demo job postings: planned from the target occupations, then written where they are missing."""

import math
from dataclasses import dataclass
from datetime import date, datetime
from random import Random

from demo.catalogue import EMPLOYERS, EmployerEntry
from demo.dates import ACTIVITY_END, ACTIVITY_START, REFERENCE_DATE, at, days_after
from demo.occupations import Occupation
from demo.posting_texts import posting_description
from demo.vocabulary import Vocabulary
from employers.models import Employer
from jobs.models import EnglishRequirement, JobPosting, PostingSkill, PostingStatus, Requirement
from jobs.services import public_postings_changed

# Roles other industries hire too: a battery plant needs MES and quality engineers as well.
CROSS_INDUSTRY: dict[str, tuple[str, ...]] = {
    "semiconductors": (
        "analytical-chemist",
        "automation-control-engineer",
        "data-engineer",
        "mes-software-engineer",
    ),
    "electronics": ("automation-control-engineer", "manufacturing-quality-engineer"),
    "display": (
        "electronics-technician",
        "analytical-chemist",
        "manufacturing-quality-engineer",
        "mes-software-engineer",
        "automation-control-engineer",
    ),
    "batteries": (
        "chemical-process-engineer",
        "analytical-chemist",
        "automation-control-engineer",
        "mes-software-engineer",
    ),
    "automotive": ("production-engineer", "welding-technician", "bms-engineer"),
    "shipbuilding": ("welding-technician", "cae-analysis-engineer", "power-systems-engineer"),
    "machinery": ("embedded-software-engineer", "electronics-technician"),
    "chemicals": ("battery-materials-researcher", "manufacturing-quality-engineer"),
    "energy": (
        "electronics-hardware-engineer",
        "bms-engineer",
        "data-engineer",
        "mechanical-engineering-technician",
        "chemical-process-engineer",
    ),
    "software": ("embedded-software-engineer", "automotive-embedded-software-engineer"),
}
# The demo employer, a chip-equipment maker, posts these in turn: the demo graduate fits the first.
DEMO_EMPLOYER_OCCUPATIONS = (
    "process-engineer-semiconductor",
    "semiconductor-equipment-engineer",
    "semiconductor-equipment-technician",
    "automation-control-engineer",
    "mechanical-design-engineer",
)
# How many postings an employer gets, relative to the others.
_POSTING_WEIGHT = {"sme": 2.2, "mid": 3.5, "large": 5.0}
_PENDING_WEIGHT = 1.2
_DEMO_EMPLOYER_WEIGHT = 6.0


@dataclass(frozen=True)
class SkillRequirement:
    skill: str
    requirement: str
    min_level: int
    weight: float


@dataclass(frozen=True)
class PostingPlan:
    employer: EmployerEntry
    occupation: Occupation
    title: str
    min_topik: int
    english_requirement: str
    salary_min: int
    salary_max: int
    job_type: str
    visa_sponsorship: bool
    is_eps_job: bool
    openings: int
    status: str
    deadline: date | None
    published_at: datetime | None
    skills: tuple[SkillRequirement, ...]


def posting_plans(
    *, seed: int, count: int, occupations: tuple[Occupation, ...]
) -> tuple[PostingPlan, ...]:
    """`count` postings spread over the catalogue's employers, bigger companies posting more."""
    by_slug = {occupation.slug: occupation for occupation in occupations}
    showcase = [by_slug[slug] for slug in DEMO_EMPLOYER_OCCUPATIONS if slug in by_slug]
    plans: list[PostingPlan] = []
    for index, (entry, postings) in enumerate(zip(EMPLOYERS, _allocation(count), strict=True)):
        rng = Random(f"{seed}:postings:{index}")
        titles: set[str] = set()
        candidates, weights = _occupation_candidates(entry=entry, by_slug=by_slug)
        for number in range(postings):
            if index == 0 and showcase:
                occupation = showcase[number % len(showcase)]
            else:
                occupation = rng.choices(candidates, weights=weights)[0]
            title = _unique_title(occupation=occupation, entry=entry, taken=titles, rng=rng)
            titles.add(title)
            plans.append(_plan(entry=entry, occupation=occupation, title=title, rng=rng))
    return tuple(plans)


def _allocation(count: int) -> list[int]:
    """Postings per catalogue employer, summing to `count` (largest-remainder rounding)."""
    weights = [_posting_weight(index, entry) for index, entry in enumerate(EMPLOYERS)]
    shares = [count * weight / sum(weights) for weight in weights]
    counts = [math.floor(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: count - sum(counts)]:
        counts[i] += 1
    return counts


def _posting_weight(index: int, entry: EmployerEntry) -> float:
    if index == 0:
        return _DEMO_EMPLOYER_WEIGHT
    return _PENDING_WEIGHT if entry.pending else _POSTING_WEIGHT[entry.size_class]


def _occupation_candidates(
    *, entry: EmployerEntry, by_slug: dict[str, Occupation]
) -> tuple[list[Occupation], list[int]]:
    own = [o for o in by_slug.values() if o.industry == entry.industry]
    cross = [by_slug[slug] for slug in CROSS_INDUSTRY.get(entry.industry, ()) if slug in by_slug]
    if not own and not cross:
        raise ValueError(f"No occupation in occupations.json fits the industry {entry.industry!r}")
    return own + cross, [4] * len(own) + [1] * len(cross)


def _unique_title(
    *, occupation: Occupation, entry: EmployerEntry, taken: set[str], rng: Random
) -> str:
    base = occupation.display_title
    site = entry.city.rsplit("-", 1)[0]
    variants = [
        base,
        f"Junior {base}",
        f"{base} ({site})",
        f"Graduate {base}",
        f"{base} (Contract)",
    ]
    first = rng.choice(variants[:2])
    for title in [first, *variants]:
        if title not in taken:
            return title
    number = 2
    while f"{base} #{number}" in taken:
        number += 1
    return f"{base} #{number}"


def _plan(*, entry: EmployerEntry, occupation: Occupation, title: str, rng: Random) -> PostingPlan:
    status = _status(entry=entry, rng=rng)
    published_at, deadline = _dates(status=status, rng=rng)
    salary_min, salary_max = _salary(occupation=occupation, size_class=entry.size_class, rng=rng)
    return PostingPlan(
        employer=entry,
        occupation=occupation,
        title=title,
        min_topik=_min_topik(occupation=occupation, rng=rng),
        english_requirement=_english(occupation=occupation, rng=rng),
        salary_min=salary_min,
        salary_max=salary_max,
        job_type="contract" if title.endswith("(Contract)") else _job_type(rng=rng),
        visa_sponsorship=rng.random() < 0.9,
        # Small manufacturers hire technicians through the EPS quota; engineers come on E-7.
        is_eps_job=occupation.is_technician and entry.size_class == "sme",
        openings=rng.randint(2, 6) if occupation.is_technician else rng.randint(1, 3),
        status=status,
        deadline=deadline,
        published_at=published_at,
        skills=_skills(occupation=occupation, rng=rng),
    )


def _status(*, entry: EmployerEntry, rng: Random) -> str:
    if entry.pending:
        return PostingStatus.DRAFT  # an unverified employer cannot publish yet
    if entry is EMPLOYERS[0]:
        return PostingStatus.OPEN
    draw = rng.random()
    if draw < 0.84:
        return PostingStatus.OPEN
    return PostingStatus.DRAFT if draw < 0.92 else PostingStatus.CLOSED


def _dates(*, status: str, rng: Random) -> tuple[datetime | None, date | None]:
    """Published at and deadline: open postings close after REFERENCE_DATE, closed ones before."""
    if status == PostingStatus.DRAFT:
        return None, days_after(REFERENCE_DATE, rng.randint(60, 180))
    if status == PostingStatus.CLOSED:
        published = days_after(ACTIVITY_START, -rng.randint(30, 150))
        return at(published, rng.randint(9, 17)), days_after(published, rng.randint(30, 60))
    window = (ACTIVITY_END - ACTIVITY_START).days - 25
    published = days_after(ACTIVITY_START, rng.randint(0, window))
    return at(published, rng.randint(9, 17)), days_after(REFERENCE_DATE, rng.randint(20, 150))


def _salary(*, occupation: Occupation, size_class: str, rng: Random) -> tuple[int, int]:
    """A range inside the occupation's band, nearer the top at bigger companies; whole millions."""
    low, high = occupation.salary_min, occupation.salary_max
    span = high - low
    reach = {"sme": 0.2, "mid": 0.35, "large": 0.5}[size_class]
    start = low + span * rng.uniform(0.0, reach)
    end = start + span * rng.uniform(0.25, 0.45)
    salary_min = min(high, max(low, math.ceil(start / 1_000_000) * 1_000_000))
    salary_max = min(high, max(salary_min, math.floor(end / 1_000_000) * 1_000_000))
    return salary_min, salary_max


def _min_topik(*, occupation: Occupation, rng: Random) -> int:
    if occupation.is_software:
        return rng.choices((0, 1, 2), weights=(50, 25, 25))[0]
    if occupation.is_technician:
        return rng.choices((2, 3), weights=(60, 40))[0]
    return rng.choices((0, 1, 2, 3, 4), weights=(15, 15, 30, 25, 15))[0]


def _english(*, occupation: Occupation, rng: Random) -> str:
    if occupation.is_software:
        return rng.choices((EnglishRequirement.WORKING, EnglishRequirement.BASIC), (70, 30))[0]
    if occupation.is_technician:
        return rng.choices((EnglishRequirement.NONE, EnglishRequirement.BASIC), (60, 40))[0]
    options = (EnglishRequirement.NONE, EnglishRequirement.BASIC, EnglishRequirement.WORKING)
    return rng.choices(options, weights=(20, 50, 30))[0]


def _experience_asked(salary_min: int) -> int:
    """Years of experience a posting asks, from the pay it offers (no draw from the generator,
    so adding it left every other demo row as it was): entry pay asks none."""
    for floor, years in ((56_000_000, 3), (48_000_000, 2), (42_000_000, 1)):
        if salary_min >= floor:
            return years
    return 0


def _job_type(*, rng: Random) -> str:
    return rng.choices(("full_time", "contract", "internship"), weights=(86, 9, 5))[0]


def _skills(*, occupation: Occupation, rng: Random) -> tuple[SkillRequirement, ...]:
    """Essential skills required (weight 1.0-2.0); most optional ones nice to have (0.3-0.8).
    A technician's first essential skill (the hands-on one a line cannot run without) is a deal
    breaker."""
    required = [
        SkillRequirement(
            need.skill,
            Requirement.DEAL_BREAKER
            if occupation.is_technician and n == 0
            else Requirement.REQUIRED,
            need.level,
            round(rng.uniform(1, 2), 1),
        )
        for n, need in enumerate(occupation.essential)
    ]
    nice = [
        SkillRequirement(need.skill, Requirement.NICE, need.level, round(rng.uniform(0.3, 0.8), 1))
        for need in occupation.optional
        if rng.random() < 0.75
    ]
    return tuple(required + nice)


def postings_write(
    *,
    plans: tuple[PostingPlan, ...],
    employers: dict[str, Employer],
    vocabulary: Vocabulary,
) -> dict[tuple[str, str], JobPosting]:
    """Create the planned postings that are missing (by employer and title); return all of them."""
    existing = {
        (posting.employer_id, posting.title): posting
        for posting in JobPosting.objects.filter(
            employer__in=[employers[plan.employer.name] for plan in plans]
        )
    }
    postings: dict[tuple[str, str], JobPosting] = {}
    new: list[tuple[PostingPlan, JobPosting]] = []
    for plan in plans:
        employer = employers[plan.employer.name]
        posting = existing.get((employer.pk, plan.title))
        if posting is None:
            posting = _posting_build(plan=plan, employer=employer, vocabulary=vocabulary)
            new.append((plan, posting))
        postings[(plan.employer.name, plan.title)] = posting
    JobPosting.objects.bulk_create([posting for _, posting in new])
    PostingSkill.objects.bulk_create(
        PostingSkill(
            posting=posting,
            skill_id=vocabulary.skill_ids[need.skill],
            requirement=need.requirement,
            min_level=need.min_level,
            weight=need.weight,
        )
        for plan, posting in new
        for need in plan.skills
    )
    through = JobPosting.accepted_fields.through
    through.objects.bulk_create(
        through(jobposting_id=posting.pk, fieldofstudy_id=vocabulary.field_ids[code])
        for plan, posting in new
        for code in plan.occupation.fields
    )
    public_postings_changed()  # bulk inserts send no signals
    return postings


def _posting_build(*, plan: PostingPlan, employer: Employer, vocabulary: Vocabulary) -> JobPosting:
    return JobPosting(
        employer=employer,
        title=plan.title,
        description=posting_description(plan=plan, vocabulary=vocabulary),
        occupation=plan.occupation.display_title,
        isco_code=plan.occupation.isco08,
        e7_code=plan.occupation.e7_code,
        min_education=plan.occupation.min_education,
        min_topik=plan.min_topik,
        english_requirement=plan.english_requirement,
        min_experience_years=_experience_asked(plan.salary_min),
        salary_min_krw=plan.salary_min,
        salary_max_krw=plan.salary_max,
        region=plan.employer.region,
        city=plan.employer.town,
        job_type=plan.job_type,
        visa_sponsorship=plan.visa_sponsorship,
        is_eps_job=plan.is_eps_job,
        openings=plan.openings,
        status=plan.status,
        deadline=plan.deadline,
        published_at=plan.published_at,
    )
