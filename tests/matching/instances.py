"""Random small matching instances for property tests (seeded, so failures reproduce)."""

import random

from core.choices import CompanySize, Industry, JobType, KoreaRegion
from matching.facts import (
    ALL_ROUTES,
    GraduateFacts,
    MatchingInput,
    PostingFacts,
    PostingSkillFacts,
    SkillRelationFacts,
)

FIELDS = ["0511", "0531", "0533", "0613", "0711", "0713", "0714", "0715", "071", "061"]


def many_fields(n: int) -> list[str]:
    """`n` distinct field codes, more than a 64-bit mask holds when n > 64."""
    return [f"{9000 - k:04d}" for k in range(n)]


def random_instance(
    seed: int,
    graduates: int = 30,
    postings: int = 20,
    skills: int = 25,
    fields: list[str] = FIELDS,
    most_fields: tuple[int, int] = (3, 2),
) -> MatchingInput:
    """Graduates hold up to most_fields[0] of `fields`, postings accept up to most_fields[1]."""
    rng = random.Random(seed)
    skill_ids = rng.sample(range(1, 10 * skills), skills)

    def some(values: list[str], most: int) -> frozenset[str]:
        return frozenset(rng.sample(values, rng.randint(0, most)))

    grads = [
        GraduateFacts(
            id=1000 + n,
            skills={s: rng.randint(1, 5) for s in rng.sample(skill_ids, rng.randint(0, 8))},
            topik=rng.randint(0, 6),
            education_rank=rng.randint(-1, 4),
            fields=some(fields, most_fields[0]),
            needs_sponsorship=rng.random() < 0.7,
            visa_routes=rng.choice([ALL_ROUTES, ALL_ROUTES, 0b001, 0b010, 0b011, 0b110]),
            discoverable=rng.random() < 0.8,
            industries=some(Industry.values, 3),
            regions=some(KoreaRegion.values, 3),
            job_types=some(JobType.values, 2),
            company_sizes=some(CompanySize.values, 2),
            min_salary_krw=rng.choice([0, 30_000_000, 40_000_000, 55_000_000]),
            willing_to_relocate=rng.random() < 0.5,
        )
        for n in rng.sample(range(graduates * 3), graduates)
    ]
    posts = [
        PostingFacts(
            id=5000 + n,
            skills=tuple(
                PostingSkillFacts(s, rng.randint(1, 5), rng.choice([0.3, 0.5, 1.0, 1.5, 2.0]))
                for s in rng.sample(skill_ids, rng.randint(0, 7))
            ),
            min_topik=rng.choice([0, 0, 1, 2, 3, 4]),
            min_education_rank=rng.randint(-1, 3),
            accepted_fields=some(fields, most_fields[1]),
            sponsors_visa=rng.random() < 0.8,
            visa_routes=rng.choice([None, None, 0b001, 0b010, 0b100, 0b101]),
            industry=rng.choice(Industry.values),
            region=rng.choice(KoreaRegion.values),
            job_type=rng.choice(JobType.values),
            company_size=rng.choice(CompanySize.values),
            salary_max_krw=rng.choice([28_000_000, 36_000_000, 45_000_000, 60_000_000]),
        )
        for n in rng.sample(range(postings * 3), postings)
    ]
    relations = [
        SkillRelationFacts(a, b, rng.choice([0.3, 0.5, 0.8]))
        for a, b in (rng.sample(skill_ids, 2) for _ in range(skills))
    ]
    # Exact duplicates make ties, which the ranking must break by id.
    grads.append(GraduateFacts(**{**grads[0].__dict__, "id": 999_999}))
    return MatchingInput(graduates=grads, postings=posts, relations=relations)
