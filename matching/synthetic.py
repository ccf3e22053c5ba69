"""Seeded synthetic matching instances with planted truth (no Django models, no database).

Postings and graduates are sampled from the target occupations (matching.synthetic_catalogue);
each entity keeps the occupation it came from, which defines the graded relevance of a pair:

- 3: same occupation,
- 2: related occupation (the `related` list, either direction) or the same ISCO-08 unit group,
- 1: same ISCO-08 minor group (first three digits) or the same industry,
- 0: otherwise, and always when a hard constraint fails (matching.reference.feasible).

Preferences play no part in the truth. Skill ids are 1-based positions in taxonomy.json's list.
The same arguments give the same instance, in any process (no set is iterated for sampling).
"""

import random
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from core.choices import INDUSTRY_REGIONS, CompanySize, Industry, JobType, KoreaRegion
from matching import reference
from matching.facts import GraduateFacts, MatchingInput, PostingFacts, PostingSkillFacts
from matching.synthetic_catalogue import Catalogue, Occupation, catalogue, occupation_tier

POSTING_TOPIK = (0, 1, 2, 3, 4, 5)
POSTING_TOPIK_WEIGHTS = (30, 10, 25, 20, 10, 5)
GRADUATE_TOPIK_WEIGHTS = np.array([22, 13, 20, 18, 13, 8, 6]) / 100  # TOPIK 0-6
JOB_TYPES = tuple(JobType.values)  # full-time, contract, internship, part-time
JOB_TYPE_WEIGHTS = (80, 12, 6, 2)
_FULL = JobType.FULL_TIME.value
JOB_TYPE_PREFERENCES: tuple[list[str], ...] = (
    [_FULL], [_FULL, JobType.CONTRACT.value], [_FULL, JobType.INTERNSHIP.value], [],
)  # fmt: skip
JOB_TYPE_PREFERENCE_WEIGHTS = (55, 25, 10, 10)
INDUSTRIES = tuple(Industry.values)
REGIONS = tuple(KoreaRegion.values)
SIZES = tuple(CompanySize.values)
SIZE_WEIGHTS = (50, 30, 20)


@dataclass
class PlantedTruth:
    """The facts that decide relevance, as arrays in the order of data.graduates/data.postings."""

    tiers: np.ndarray  # int8 (occupations, occupations): occupation_tier(graduate's, posting's)
    g_occupation: np.ndarray
    g_topik: np.ndarray
    g_education: np.ndarray
    g_fields: np.ndarray  # uint64 bit masks
    g_needs_sponsorship: np.ndarray
    g_discoverable: np.ndarray
    p_occupation: np.ndarray
    p_topik: np.ndarray
    p_education: np.ndarray
    p_fields: np.ndarray
    p_sponsors: np.ndarray

    def feasible_postings(self, row: int) -> np.ndarray:
        """Which postings the graduate at `row` may be matched with (reference.feasible)."""
        feasible: np.ndarray = (
            (self.g_topik[row] >= self.p_topik)
            & (self.g_education[row] >= self.p_education)
            & ((self.p_fields == 0) | ((self.p_fields & self.g_fields[row]) != 0))
            & (self.p_sponsors | (not self.g_needs_sponsorship[row]))
        )
        return feasible

    def feasible_graduates(self, row: int) -> np.ndarray:
        """Which graduates may appear in the posting at `row`'s list: feasible and discoverable."""
        feasible: np.ndarray = (
            (self.g_topik >= self.p_topik[row])
            & (self.g_education >= self.p_education[row])
            & ((self.p_fields[row] == 0) | ((self.g_fields & self.p_fields[row]) != 0))
            & (self.p_sponsors[row] | ~self.g_needs_sponsorship)
            & self.g_discoverable
        )
        return feasible

    def for_graduate(self, row: int) -> np.ndarray:
        """Relevance (int8) of every posting to the graduate at `row`."""
        tiers = self.tiers[self.g_occupation[row], self.p_occupation]
        return np.where(self.feasible_postings(row), tiers, 0).astype(np.int8)

    def for_posting(self, row: int) -> np.ndarray:
        """Relevance of every graduate to the posting at `row`; 0 for undiscoverable graduates,
        who can never appear in a posting's list."""
        tiers = self.tiers[self.g_occupation, self.p_occupation[row]]
        return np.where(self.feasible_graduates(row), tiers, 0).astype(np.int8)


@dataclass
class SyntheticInstance:
    data: MatchingInput
    graduate_occupation: dict[int, str]
    posting_occupation: dict[int, str]
    truth: PlantedTruth = field(repr=False)
    occupations: dict[str, Occupation] = field(repr=False, default_factory=dict)

    @cached_property
    def _graduates(self) -> dict[int, GraduateFacts]:
        return {g.id: g for g in self.data.graduates}

    @cached_property
    def _postings(self) -> dict[int, PostingFacts]:
        return {p.id: p for p in self.data.postings}

    def relevance(self, graduate_id: int, posting_id: int) -> int:
        """Graded relevance 0-3 of the pair (see the module docstring)."""
        tier = occupation_tier(
            self.occupations[self.graduate_occupation[graduate_id]],
            self.occupations[self.posting_occupation[posting_id]],
        )
        g, p = self._graduates[graduate_id], self._postings[posting_id]
        levels = {s: float(v) for s, v in g.skills.items()}
        return tier if tier and reference.feasible(g, p, levels) else 0


def _clip(level: int) -> int:
    return 1 if level < 1 else 5 if level > 5 else level


class _Interned:
    """Equal frozensets shared between entities: less memory, fewer allocations."""

    def __init__(self) -> None:
        self._sets: dict[tuple[str, ...], frozenset[str]] = {}

    def __call__(self, codes: list[str]) -> frozenset[str]:
        key = tuple(sorted(set(codes)))
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(key)
        return found


def _posting(pid: int, occ: Occupation, cat: Catalogue, rng: random.Random) -> PostingFacts:
    essential = list(occ.essential)
    for _ in range(min(rng.randint(0, 2), len(essential) - 3)):
        essential.pop(rng.randrange(len(essential)))
    skills: dict[int, PostingSkillFacts] = {}
    for s, level in essential:
        skills[s] = PostingSkillFacts(
            s, _clip(level + rng.randint(-1, 1)), round(rng.uniform(1, 2), 2)
        )
    extras = [(s, level) for s, level in occ.optional]
    extras += [(s, rng.randint(1, 3)) for s in rng.sample(cat.generic, rng.randint(0, 2))]
    for s, level in extras:
        if s not in skills:
            skills[s] = PostingSkillFacts(s, level, round(rng.uniform(0.3, 0.8), 2), False)
    education = occ.education_rank - (1 if rng.random() < 0.1 else 0)
    hubs = INDUSTRY_REGIONS[occ.industry]
    region = rng.choice(REGIONS) if rng.random() < 0.1 else rng.choice(hubs[:1] + hubs)
    return PostingFacts(
        id=pid,
        skills=tuple(skills.values()),
        min_topik=rng.choices(POSTING_TOPIK, POSTING_TOPIK_WEIGHTS)[0],
        min_education_rank=max(education, -1),
        accepted_fields=frozenset() if rng.random() < 0.25 else frozenset(occ.fields),
        sponsors_visa=rng.random() < 0.85,
        industry=occ.industry,
        region=region,
        job_type=rng.choices(JOB_TYPES, JOB_TYPE_WEIGHTS)[0],
        company_size=rng.choices(SIZES, SIZE_WEIGHTS)[0],
        salary_max_krw=int(round(rng.uniform(*occ.salary), -6)),
    )


def _graduate_skills(
    occ: Occupation, topik: int, cat: Catalogue, rng: random.Random
) -> dict[int, int]:
    """The occupation's profile, perturbed, plus random skills and languages."""
    r = rng.random
    drop = rng.uniform(0.2, 0.4)
    skills: dict[int, int] = {}
    for s, level in occ.essential + occ.optional:
        if r() < drop:
            continue
        if r() < 0.15 and s in cat.stand_ins:
            s = rng.choice(cat.stand_ins[s])
        noise = r()
        skills[s] = _clip(level - 1 if noise < 0.25 else level + 1 if noise > 0.75 else level)
    extras = rng.choices(
        range(1, len(cat.popular_cum) + 1), cum_weights=cat.popular_cum, k=rng.randint(3, 8)
    )
    for s in extras:
        skills.setdefault(s, rng.randint(1, 4))
    if topik >= 5:
        skills[cat.korean["korean-workplace"]] = 4
        skills[cat.korean["business-korean"]] = topik - 2
    elif topik >= 3:
        skills[cat.korean["korean-workplace"]] = topik - 1
    elif topik >= 1 or r() < 0.5:
        skills[cat.korean["korean-basic"]] = max(topik, 1)
    if r() < 0.75:
        skills[cat.english] = rng.randint(2, 4)
    skills[rng.choice(cat.native)] = 5
    return skills


def _preferences(occ: Occupation, rng: random.Random, interned: _Interned) -> dict[str, Any]:
    industries = [occ.industry] if rng.random() < 0.85 else []
    wanted = rng.choices((1, 2, 3), (50, 35, 15))[0]
    while len(industries) < wanted:
        industries.append(rng.choice(INDUSTRIES))
    hubs = [region for i in industries for region in INDUSTRY_REGIONS[i]]
    regions = [
        rng.choice(REGIONS) if rng.random() < 0.2 else rng.choice(hubs)
        for _ in range(rng.randint(0, 3))
    ]
    job_types = rng.choices(JOB_TYPE_PREFERENCES, JOB_TYPE_PREFERENCE_WEIGHTS)[0]
    sizes = [] if rng.random() < 0.6 else rng.sample(SIZES, rng.randint(1, 2))
    salary = 0 if rng.random() < 0.3 else round(occ.salary[0] * rng.uniform(0.85, 1.1), -6)
    return {
        "industries": interned(industries),
        "regions": interned(regions),
        "job_types": interned(job_types),
        "company_sizes": interned(sizes),
        "min_salary_krw": int(salary),
        "willing_to_relocate": rng.random() < 0.6,
    }


def _graduates(
    occupation: np.ndarray, cat: Catalogue, rng: random.Random, nprng: np.random.Generator
) -> tuple[list[GraduateFacts], dict[str, np.ndarray]]:
    """Graduates of the given occupation indices, ids 1..n, and their constraint arrays."""
    n = len(occupation)
    topik = nprng.choice(7, size=n, p=GRADUATE_TOPIK_WEIGHTS)
    shift = nprng.choice([-1, 0, 1], size=n, p=[0.15, 0.6, 0.25])
    occ_rank = np.array([o.education_rank for o in cat.occupations])
    education = np.where(nprng.random(n) < 0.02, -1, np.clip(occ_rank[occupation] + shift, 0, 4))
    needs = nprng.random(n) < 0.9
    discoverable = nprng.random(n) < 0.9
    interned = _Interned()
    graduates = []
    columns = (occupation, topik, education, needs, discoverable)
    rows = zip(*(c.tolist() for c in columns), strict=True)
    for gid, (o, t, e, need, disc) in enumerate(rows, start=1):
        occ = cat.occupations[o]
        degree = rng.sample(occ.fields, 2 if len(occ.fields) > 1 and rng.random() < 0.2 else 1)
        graduates.append(
            GraduateFacts(
                id=gid,
                skills=_graduate_skills(occ, t, cat, rng),
                topik=t,
                education_rank=e,
                fields=interned(degree + [code[:3] for code in degree]),
                needs_sponsorship=need,
                discoverable=disc,
                **_preferences(occ, rng, interned),
            )
        )
    arrays = {
        "g_occupation": occupation,
        "g_topik": topik,
        "g_education": education,
        "g_fields": np.array([cat.field_mask(g.fields) for g in graduates], dtype=np.uint64),
        "g_needs_sponsorship": needs,
        "g_discoverable": discoverable,
    }
    return graduates, arrays


def synthetic_instance(*, graduates: int, postings: int, seed: int = 7) -> SyntheticInstance:
    """A seeded instance: graduates get ids 1..graduates, postings ids 1..postings."""
    cat = catalogue()
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    weights = cat.zipf_weights(rng)
    p_occ = nprng.choice(len(cat.occupations), size=postings, p=weights)
    post_list = [
        _posting(n, cat.occupations[o], cat, rng) for n, o in enumerate(p_occ.tolist(), start=1)
    ]
    g_occ = nprng.choice(len(cat.occupations), size=graduates, p=weights)
    grad_list, g_arrays = _graduates(g_occ, cat, rng, nprng)
    truth = PlantedTruth(
        tiers=cat.tiers,
        **g_arrays,
        p_occupation=p_occ,
        p_topik=np.array([p.min_topik for p in post_list], dtype=np.int64),
        p_education=np.array([p.min_education_rank for p in post_list], dtype=np.int64),
        p_fields=np.array([cat.field_mask(p.accepted_fields) for p in post_list], np.uint64),
        p_sponsors=np.array([p.sponsors_visa for p in post_list], dtype=np.bool_),
    )
    slugs = [o.slug for o in cat.occupations]
    return SyntheticInstance(
        data=MatchingInput(graduates=grad_list, postings=post_list, relations=cat.relations),
        graduate_occupation={n: slugs[o] for n, o in enumerate(g_occ.tolist(), start=1)},
        posting_occupation={n: slugs[o] for n, o in enumerate(p_occ.tolist(), start=1)},
        truth=truth,
        occupations={o.slug: o for o in cat.occupations},
    )
