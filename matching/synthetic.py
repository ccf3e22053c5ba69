"""Seeded synthetic matching instances with planted truth (no Django models, no database).

Postings and graduates are sampled from the target occupations (matching.synthetic_catalogue);
each entity keeps the occupation it came from. matching.truth computes the graded truth the
evaluation uses from the facts themselves. Skill ids are 1-based positions in taxonomy.json's list.
The same arguments give the same instance, in any process (no set is iterated for sampling).

Beyond skills and TOPIK, graduates get a KIIP stage (a fifth of them), an English test result
(seven in ten) that their declared English skill follows, and 0-3 past roles with an ISCO-08 code
near their occupation (its own, a related one's) or far from it (another field, a job outside
engineering, unclassified). Postings get their occupation's ISCO-08 code, an English requirement,
a minimum of years of experience for about a third, and deal-breaker marks on one or two required
skills for about a third.
"""

import random
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from core.choices import INDUSTRY_REGIONS, CompanySize, Industry, JobType, KoreaRegion
from matching.facts import (
    ExperienceFacts,
    GraduateFacts,
    MatchingInput,
    PostingFacts,
    PostingSkillFacts,
)
from matching.scoring import ENGLISH_REQUIREMENT_CEFR
from matching.synthetic_catalogue import Catalogue, Occupation, catalogue

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
KIIP_SHARE = 0.2
KIIP_STAGE_WEIGHTS = np.array([30, 25, 20, 15, 10]) / 100  # stages 1-5
ENGLISH_CEFR_WEIGHTS = np.array([30, 10, 25, 22, 10, 3]) / 100  # no test, A2, B1, B2, C1, C2
PAST_ROLE_WEIGHTS = np.array([45, 30, 17, 8]) / 100  # 0-3 past roles
ROLE_YEARS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
ROLE_YEAR_SHARES = np.array([18, 24, 14, 16, 14, 9, 5]) / 100
# Where a past role sits: the graduate's own occupation code, a related occupation's (or one in
# the same minor group), another STEM occupation's, a job outside engineering, unclassified.
ROLE_KINDS = ("own", "near", "other", "outside", "unclassified")
ROLE_KIND_SHARES = np.array([35, 22, 18, 15, 10]) / 100
OUTSIDE_CODES = ("4110", "4321", "5223", "5120", "8160", "9329", "4222", "7411")
ENGLISH_ASKED = tuple(ENGLISH_REQUIREMENT_CEFR.values())  # none, basic, working, fluent
ENGLISH_ASKED_WEIGHTS = (40, 20, 30, 10)
EXPERIENCE_ASKED_SHARE = 0.35
EXPERIENCE_ASKED_YEARS = (1.0, 2.0, 3.0, 5.0)
EXPERIENCE_ASKED_WEIGHTS = (35, 35, 20, 10)
DEAL_BREAKER_COUNTS = (0, 1, 2)
DEAL_BREAKER_WEIGHTS = (65, 27, 8)


@dataclass
class SyntheticInstance:
    data: MatchingInput
    graduate_occupation: dict[int, str]
    posting_occupation: dict[int, str]
    occupations: dict[str, Occupation] = field(repr=False, default_factory=dict)

    @cached_property
    def _graduates(self) -> dict[int, GraduateFacts]:
        return {g.id: g for g in self.data.graduates}

    @cached_property
    def _postings(self) -> dict[int, PostingFacts]:
        return {p.id: p for p in self.data.postings}


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
    breakers = rng.choices(DEAL_BREAKER_COUNTS, DEAL_BREAKER_WEIGHTS)[0]
    breaking = {s for s, _ in rng.sample(essential, min(breakers, len(essential)))}
    for s, level in essential:
        skills[s] = PostingSkillFacts(
            s, _clip(level + rng.randint(-1, 1)), round(rng.uniform(1, 2), 2),
            deal_breaker=s in breaking,
        )  # fmt: skip
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
        min_english_cefr=rng.choices(ENGLISH_ASKED, ENGLISH_ASKED_WEIGHTS)[0],
        min_experience_years=(
            rng.choices(EXPERIENCE_ASKED_YEARS, EXPERIENCE_ASKED_WEIGHTS)[0]
            if rng.random() < EXPERIENCE_ASKED_SHARE
            else 0.0
        ),
        isco_code=occ.isco08,
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
    occ: Occupation, topik: int, english: int, cat: Catalogue, rng: random.Random
) -> dict[int, int]:
    """The occupation's profile, perturbed, plus random skills and languages (the English skill
    they declare follows their test's CEFR level, when they have one)."""
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
    if english and r() < 0.85:
        skills[cat.english] = _clip(english - 1 + rng.randint(-1, 1))
    elif not english and r() < 0.5:
        skills[cat.english] = rng.randint(1, 3)
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


def _role_codes(cat: Catalogue) -> list[tuple[tuple[str, ...], ...]]:
    """Per occupation, the codes a past role of each kind (ROLE_KINDS) may have."""
    codes = [o.isco08 for o in cat.occupations]
    stem = tuple(sorted(set(codes)))
    table: list[tuple[tuple[str, ...], ...]] = []
    for occ in cat.occupations:
        related = {
            other.isco08
            for other in cat.occupations
            if other.slug in occ.related or occ.slug in other.related
        }
        near = tuple(sorted(related | {c for c in codes if c[:3] == occ.isco08[:3]}))
        table.append(((occ.isco08,), near, stem, OUTSIDE_CODES, ("",)))
    return table


def _careers(
    occupation: np.ndarray, counts: np.ndarray, cat: Catalogue, nprng: np.random.Generator
) -> list[tuple[ExperienceFacts, ...]]:
    """Each graduate's past roles (`counts` of them), equal roles shared between graduates."""
    owner = np.repeat(occupation, counts)
    kinds = nprng.choice(len(ROLE_KINDS), size=len(owner), p=ROLE_KIND_SHARES)
    years = nprng.choice(ROLE_YEARS, size=len(owner), p=ROLE_YEAR_SHARES)
    picks = nprng.random(len(owner))
    table = _role_codes(cat)
    shared: dict[tuple[str, float], ExperienceFacts] = {}
    roles = []
    columns = (owner, kinds, years, picks)
    for o, kind, y, pick in zip(*(c.tolist() for c in columns), strict=True):
        options = table[o][kind]
        key = (options[int(pick * len(options))], y)
        role = shared.get(key)
        if role is None:
            role = shared[key] = ExperienceFacts(*key)
        roles.append(role)
    ends = np.cumsum(counts).tolist()
    return [tuple(roles[end - c : end]) for end, c in zip(ends, counts.tolist(), strict=True)]


def _graduates(
    occupation: np.ndarray, cat: Catalogue, rng: random.Random, nprng: np.random.Generator
) -> list[GraduateFacts]:
    """Graduates of the given occupation indices, ids 1..n."""
    n = len(occupation)
    topik = nprng.choice(7, size=n, p=GRADUATE_TOPIK_WEIGHTS)
    shift = nprng.choice([-1, 0, 1], size=n, p=[0.15, 0.6, 0.25])
    occ_rank = np.array([o.education_rank for o in cat.occupations])
    education = np.where(nprng.random(n) < 0.02, -1, np.clip(occ_rank[occupation] + shift, 0, 4))
    needs = nprng.random(n) < 0.9
    discoverable = nprng.random(n) < 0.9
    kiip = np.where(
        nprng.random(n) < KIIP_SHARE, nprng.choice(5, size=n, p=KIIP_STAGE_WEIGHTS) + 1, 0
    )
    english = nprng.choice(len(ENGLISH_CEFR_WEIGHTS), size=n, p=ENGLISH_CEFR_WEIGHTS)
    english = np.where(english > 0, english + 1, 0)  # no test, or CEFR A2 (2) to C2 (6)
    roles = nprng.choice(len(PAST_ROLE_WEIGHTS), size=n, p=PAST_ROLE_WEIGHTS)
    interned = _Interned()
    careers = _careers(occupation, roles, cat, nprng)
    graduates = []
    columns = (occupation, topik, education, needs, discoverable, kiip, english)
    rows = zip(*(c.tolist() for c in columns), careers, strict=True)
    for gid, (o, t, e, need, disc, k, en, past) in enumerate(rows, start=1):
        occ = cat.occupations[o]
        degree = rng.sample(occ.fields, 2 if len(occ.fields) > 1 and rng.random() < 0.2 else 1)
        graduates.append(
            GraduateFacts(
                id=gid,
                skills=_graduate_skills(occ, t, en, cat, rng),
                topik=t,
                kiip_stage=k,
                english_cefr=en,
                experience=past,
                education_rank=e,
                fields=interned(degree + [code[:3] for code in degree]),
                needs_sponsorship=need,
                discoverable=disc,
                **_preferences(occ, rng, interned),
            )
        )
    return graduates


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
    grad_list = _graduates(g_occ, cat, rng, nprng)
    slugs = [o.slug for o in cat.occupations]
    return SyntheticInstance(
        data=MatchingInput(graduates=grad_list, postings=post_list, relations=cat.relations),
        graduate_occupation={n: slugs[o] for n, o in enumerate(g_occ.tolist(), start=1)},
        posting_occupation={n: slugs[o] for n, o in enumerate(p_occ.tolist(), start=1)},
        occupations={o.slug: o for o in cat.occupations},
    )
