"""Exact two-sided top-K matching: facts in, ranked lists out (numpy + numba, no Django).

`build_graduates` and `build_postings` turn GraduateFacts/PostingFacts into compact arrays once
(indices from a shared `Vocabulary`); `full_run` scores every pair in blocks of graduates and
returns, for every graduate, its best `cap` postings and, for every posting, its best `cap`
discoverable graduates (as matching.toplists.TopLists). The formula is in matching/kernels.py.
Results are exact: every pair is scored, nothing is pruned, ties break by id.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from core.choices import CompanySize, EducationLevel, Industry, JobType, KoreaRegion
from matching import kernels
from matching.facts import GraduateFacts, PostingFacts, SkillRelationFacts
from matching.needs import (
    MAX_ROLES,
    NEEDS,
    graduate_levels,
    graduate_roles,
    need_minimums,
    posting_weights,
)
from matching.scoring import isco_number, skill_cover
from matching.toplists import ColumnHeaps, TopLists, concat_lists


def _bits(vocabulary: Sequence[str]) -> dict[str, int]:
    return {code: 1 << n for n, code in enumerate(vocabulary)}


INDUSTRY_BITS = _bits(Industry.values)
REGION_BITS = _bits(KoreaRegion.values)
JOB_TYPE_BITS = _bits(JobType.values)
SIZE_BITS = _bits(CompanySize.values)
MAX_EDUCATION_RANK = len(EducationLevel.values) - 1


def bit_mask(codes: Iterable[str], bits: dict[str, int]) -> int:
    """The OR of the codes' bits; a code without a bit adds nothing."""
    mask = 0
    for code in codes:
        mask |= bits.get(code, 0)
    return mask


def field_words(n_fields: int) -> int:
    """How many 64-bit words a mask of `n_fields` fields of study takes (at least one)."""
    return max(1, -(-n_fields // 64))


def field_mask(codes: Iterable[str], index: dict[str, int], words: int) -> np.ndarray:
    """The fields of study as a bit mask over `words` 64-bit words (bit n = field index n); a
    code without an index adds nothing. Any number of fields fits: the mask has as many words as
    the vocabulary needs, so staff may add fields without limit."""
    mask = np.zeros(words, dtype=np.uint64)
    for code in codes:
        n = index.get(code)
        if n is not None:
            mask[n >> 6] |= np.uint64(1) << np.uint64(n & 63)
    return mask


def field_masks(code_sets: Iterable[Iterable[str]], index: dict[str, int]) -> np.ndarray:
    """One field_mask row per entity: shape (n, field_words(len(index)))."""
    words = field_words(len(index))
    rows = [field_mask(codes, index, words) for codes in code_sets]
    return np.array(rows, dtype=np.uint64).reshape(len(rows), words)


@dataclass
class Vocabulary:
    """Stable indices for skills and fields of study (sorted ids/codes, so runs are repeatable)."""

    skill_ids: np.ndarray  # int64, ascending; index = column
    field_index: dict[str, int]

    @classmethod
    def from_facts(
        cls, graduates: Sequence[GraduateFacts], postings: Sequence[PostingFacts]
    ) -> "Vocabulary":
        skills: set[int] = set()
        fields: set[str] = set()
        for g in graduates:
            skills.update(g.skills)
            fields.update(g.fields)
        for p in postings:
            skills.update(s.skill_id for s in p.skills)
            fields.update(p.accepted_fields)
        return cls(
            skill_ids=np.array(sorted(skills), dtype=np.int64),
            field_index={code: n for n, code in enumerate(sorted(fields))},
        )

    def skill_index(self, skill_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.skill_ids, skill_ids).astype(np.int32)

    @property
    def n_skills(self) -> int:
        return len(self.skill_ids)


@dataclass
class GraduateArrays:
    ids: np.ndarray
    ptr: np.ndarray  # CSR over effective skill levels, skill indices ascending within a row
    idx: np.ndarray
    level: np.ndarray
    topik: np.ndarray
    education: np.ndarray
    fields: np.ndarray  # (n, words): field_mask of the graduate's fields
    needs_sponsorship: np.ndarray
    discoverable: np.ndarray
    industries: np.ndarray
    regions: np.ndarray
    job_types: np.ndarray
    sizes: np.ndarray
    min_salary: np.ndarray
    relocate: np.ndarray
    routes: np.ndarray  # visa routes as bits (matching.facts.ALL_ROUTES = any)
    need_levels: np.ndarray  # (n, 3): Korean, English, education on the ladder (matching.needs)
    role_code: np.ndarray  # (n, MAX_ROLES) ISCO codes of past roles (-1 = unclassified)
    role_years: np.ndarray  # (n, MAX_ROLES) their years (0 = no role)

    def pack(self) -> tuple[np.ndarray, ...]:
        return (
            self.ptr[:-1], self.ptr[1:], self.idx, self.level, self.topik, self.education,
            self.fields, self.needs_sponsorship, self.discoverable, self.industries, self.regions,
            self.job_types, self.sizes, self.min_salary, self.relocate, self.ids, self.routes,
            self.need_levels, self.role_code, self.role_years,
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class PostingArrays:
    ids: np.ndarray
    ptr: np.ndarray  # CSR over required/nice skills, skill indices ascending within a row
    idx: np.ndarray
    min_level: np.ndarray
    weight: np.ndarray  # normalised: a posting's weights sum to one
    weight_per_level: np.ndarray  # scoring.skill_cover(weight, min_level)
    topik: np.ndarray
    education: np.ndarray
    fields: np.ndarray  # (n, words): field_mask of the accepted fields (all zero = any field)
    routes: np.ndarray  # visa routes the offer opens (0 = no sponsorship)
    industry: np.ndarray
    region: np.ndarray
    job_type: np.ndarray
    size: np.ndarray
    salary_max: np.ndarray
    need_min: np.ndarray  # (n, 4): the level each other need asks (matching.needs; 0 = not asked)
    need_cover: np.ndarray  # (n, 4): scoring.skill_cover of each need (0 = not asked)
    isco: np.ndarray  # the posting's ISCO code as an int (-1 = unclassified)
    needs_max: np.ndarray  # the most the other needs can add to the fit: their weights' sum
    db_ptr: np.ndarray  # CSR over deal-breaker skills
    db_idx: np.ndarray
    db_min: np.ndarray

    def pack(self) -> tuple[np.ndarray, ...]:
        return (
            self.topik, self.education, self.fields, self.routes, self.industry, self.region,
            self.job_type, self.size, self.salary_max, self.ids, self.need_min, self.need_cover,
            self.isco, self.needs_max, self.db_ptr[:-1], self.db_ptr[1:], self.db_idx,
            self.db_min,
        )  # fmt: skip

    def inverted(self, n_skills: int) -> tuple[np.ndarray, ...]:
        """skill -> (posting row, min level, weight), postings ascending within a skill."""
        rows = np.repeat(np.arange(len(self.ids), dtype=np.int64), np.diff(self.ptr))
        order = np.lexsort((rows, self.idx))
        counts = np.bincount(self.idx, minlength=n_skills)
        inv_ptr = np.zeros(n_skills + 1, dtype=np.int64)
        np.cumsum(counts, out=inv_ptr[1:])
        return inv_ptr, rows[order], self.min_level[order], self.weight_per_level[order]

    def __len__(self) -> int:
        return len(self.ids)


def _relation_table(
    relations: Iterable[SkillRelationFacts], vocab: Vocabulary
) -> dict[int, list[tuple[int, float]]]:
    known = set(vocab.skill_ids.tolist())
    table: dict[int, list[tuple[int, float]]] = {}
    for r in relations:
        if r.skill_id in known and r.related_skill_id in known:
            table.setdefault(r.skill_id, []).append((r.related_skill_id, r.credit))
    return table


def expand_levels(
    skills: dict[int, int], relations: dict[int, list[tuple[int, float]]]
) -> dict[int, float]:
    """Effective levels: a skill's own level, or credit x level of a related skill, the larger.

    One step only: relations of relations do not chain.
    """
    effective: dict[int, float] = {s: float(level) for s, level in skills.items()}
    for skill_id, level in skills.items():
        for related, credit in relations.get(skill_id, ()):
            via = credit * level
            if via > effective.get(related, 0.0):
                effective[related] = via
    return effective


def build_graduates(
    graduates: Sequence[GraduateFacts],
    vocab: Vocabulary,
    relations: Iterable[SkillRelationFacts] = (),
) -> GraduateArrays:
    table = _relation_table(relations, vocab)
    ptr = np.zeros(len(graduates) + 1, dtype=np.int64)
    idx_parts: list[np.ndarray] = []
    lvl_parts: list[np.ndarray] = []
    for n, g in enumerate(graduates):
        effective = (
            expand_levels(g.skills, table) if table else {s: float(v) for s, v in g.skills.items()}
        )
        ids = np.fromiter(effective.keys(), dtype=np.int64, count=len(effective))
        levels = np.fromiter(effective.values(), dtype=np.float64, count=len(effective))
        order = np.argsort(ids)
        idx_parts.append(vocab.skill_index(ids[order]))
        lvl_parts.append(levels[order])
        ptr[n + 1] = ptr[n] + len(ids)
    return GraduateArrays(
        ids=np.array([g.id for g in graduates], dtype=np.int64),
        ptr=ptr,
        idx=np.concatenate(idx_parts) if idx_parts else np.zeros(0, np.int32),
        level=np.concatenate(lvl_parts) if lvl_parts else np.zeros(0, np.float64),
        topik=np.array([g.korean for g in graduates], dtype=np.int8),
        education=np.array([g.education_rank for g in graduates], dtype=np.int8),
        fields=field_masks((g.fields for g in graduates), vocab.field_index),
        needs_sponsorship=np.array([g.needs_sponsorship for g in graduates], dtype=np.bool_),
        discoverable=np.array([g.discoverable for g in graduates], dtype=np.bool_),
        industries=np.array([bit_mask(g.industries, INDUSTRY_BITS) for g in graduates], np.uint32),
        regions=np.array([bit_mask(g.regions, REGION_BITS) for g in graduates], np.uint32),
        job_types=np.array([bit_mask(g.job_types, JOB_TYPE_BITS) for g in graduates], np.uint32),
        sizes=np.array([bit_mask(g.company_sizes, SIZE_BITS) for g in graduates], np.uint32),
        min_salary=np.array([g.min_salary_krw for g in graduates], dtype=np.float64),
        relocate=np.array([g.willing_to_relocate for g in graduates], dtype=np.bool_),
        routes=np.array([g.visa_routes for g in graduates], dtype=np.uint32),
        **graduate_need_arrays(graduates),
    )


def graduate_need_arrays(graduates: Sequence[GraduateFacts]) -> dict[str, np.ndarray]:
    """Each graduate's levels on the other needs and their past roles (matching.needs)."""
    levels = np.zeros((len(graduates), 3))
    codes = np.full((len(graduates), MAX_ROLES), -1, dtype=np.int32)
    years = np.zeros((len(graduates), MAX_ROLES))
    for n, g in enumerate(graduates):
        levels[n] = graduate_levels(g)
        for r, (code, y) in enumerate(graduate_roles(g)):
            codes[n, r], years[n, r] = code, y
    return {"need_levels": levels, "role_code": codes, "role_years": years}


def build_postings(postings: Sequence[PostingFacts], vocab: Vocabulary) -> PostingArrays:
    ptr = np.zeros(len(postings) + 1, dtype=np.int64)
    db_ptr = np.zeros(len(postings) + 1, dtype=np.int64)
    idx: list[int] = []
    mins: list[float] = []
    weights: list[float] = []
    db_idx: list[int] = []
    db_min: list[float] = []
    need_min = np.zeros((len(postings), len(NEEDS)))
    need_cover = np.zeros((len(postings), len(NEEDS)))
    # The most the other needs can add to a fit (their weights), with a hair of margin for
    # rounding: it only bounds which pairs are worth scoring.
    needs_max = np.zeros(len(postings))
    index_of = {int(s): n for n, s in enumerate(vocab.skill_ids)}
    for n, p in enumerate(postings):
        skills = sorted(p.skills, key=lambda s: s.skill_id)
        skill_weights, need_weights = posting_weights(p)
        idx.extend(index_of[s.skill_id] for s in skills)
        mins.extend(float(s.min_level) for s in skills)
        weights.extend(skill_weights)
        breakers = [s for s in skills if s.deal_breaker]
        db_idx.extend(index_of[s.skill_id] for s in breakers)
        db_min.extend(float(s.min_level) for s in breakers)
        ptr[n + 1] = ptr[n] + len(skills)
        db_ptr[n + 1] = db_ptr[n] + len(breakers)
        need_min[n], need_cover[n] = need_arrays(p, need_weights)
        needs_max[n] = sum(need_weights) * (1.0 + 1e-9)
    return PostingArrays(
        ids=np.array([p.id for p in postings], dtype=np.int64),
        ptr=ptr,
        idx=np.array(idx, dtype=np.int32),
        min_level=np.array(mins, dtype=np.float64),
        weight=np.array(weights, dtype=np.float64),
        weight_per_level=np.array([skill_cover(w, m) for w, m in zip(weights, mins, strict=True)]),
        topik=np.array([p.min_topik for p in postings], dtype=np.int8),
        education=np.array([p.min_education_rank for p in postings], dtype=np.int8),
        fields=field_masks((p.accepted_fields for p in postings), vocab.field_index),
        routes=np.array([p.offer_routes for p in postings], dtype=np.uint32),
        industry=np.array([INDUSTRY_BITS.get(p.industry, 0) for p in postings], np.uint32),
        region=np.array([REGION_BITS.get(p.region, 0) for p in postings], np.uint32),
        job_type=np.array([JOB_TYPE_BITS.get(p.job_type, 0) for p in postings], np.uint32),
        size=np.array([SIZE_BITS.get(p.company_size, 0) for p in postings], np.uint32),
        salary_max=np.array([p.salary_max_krw for p in postings], dtype=np.float64),
        need_min=need_min,
        need_cover=need_cover,
        isco=np.array([isco_number(p.isco_code) for p in postings], dtype=np.int32),
        needs_max=needs_max,
        db_ptr=db_ptr,
        db_idx=np.array(db_idx, dtype=np.int32),
        db_min=np.array(db_min, dtype=np.float64),
    )


def need_arrays(p: PostingFacts, need_weights: Sequence[float]) -> tuple[list[float], list[float]]:
    """A posting's minimum and `skill_cover` per other need (0, 0 where not asked)."""
    minimums = need_minimums(p)
    covers = [
        skill_cover(need_weights[k], minimums[k]) if minimums[k] > 0.0 else 0.0 for k in NEEDS
    ]
    return list(minimums), covers


def score_rows(
    graduates: GraduateArrays,
    postings: PostingArrays,
    inverted: tuple[np.ndarray, ...],
    r0: int,
    r1: int,
    cap: int,
    heaps: ColumnHeaps,
) -> TopLists:
    """Score graduates[r0:r1] against all postings: their final lists, and offers to `heaps`."""
    rows = TopLists.empty(graduates.ids[r0:r1], cap)
    if r1 > r0 and len(postings):
        kernels.score_block(
            r0, r1, cap, graduates.pack(), postings.pack(), inverted,
            rows.score, rows.ids, rows.fit, rows.pref, rows.length, rows.total,
            heaps.score, heaps.ids, heaps.fit, heaps.pref, heaps.length, heaps.total,
            heaps.floor,
        )  # fmt: skip
    return rows


@dataclass
class FullResult:
    graduates: TopLists
    postings: TopLists


def score_range(
    graduates: GraduateArrays,
    postings: PostingArrays,
    r0: int,
    r1: int,
    cap: int,
    block_size: int = 4096,
) -> FullResult:
    """Graduates[r0:r1] against every posting: their lists, and the postings' partial lists.

    One worker's share of a distributed run; `merge_posting_lists` combines the shares.
    """
    n_skills = int(max(graduates.idx.max(initial=-1), postings.idx.max(initial=-1))) + 1
    inverted = postings.inverted(n_skills)
    heaps = ColumnHeaps.new(len(postings), cap)
    rows = [
        score_rows(graduates, postings, inverted, b, min(b + block_size, r1), cap, heaps)
        for b in range(r0, max(r1, r0 + 1), block_size)
    ]
    return FullResult(graduates=concat_lists(rows), postings=heaps.merged(postings.ids, cap))


def full_run(
    graduates: GraduateArrays, postings: PostingArrays, cap: int, block_size: int = 4096
) -> FullResult:
    """Every graduate against every posting; both sides' exact top-`cap` lists."""
    return score_range(graduates, postings, 0, len(graduates), cap, block_size)
