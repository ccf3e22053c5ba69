"""The matching score pair by pair in plain Python: the yardstick for the engine.

It follows matching/kernels.py operation for operation (same order of additions), so scores are
bit-identical, and it ranks by brute force over all pairs. Slow by design; tests and the benchmark
use it on small instances and samples.
"""

from dataclasses import dataclass

from matching import scoring
from matching.engine import expand_levels, normalised_weights
from matching.facts import GraduateFacts, MatchingInput, PostingFacts


@dataclass(frozen=True)
class PairScore:
    score: float
    fit: float
    preference: float


def _factor(wanted: frozenset[str], offered: str) -> float:
    if not wanted:
        return scoring.NEUTRAL
    return 1.0 if offered in wanted else 0.0


def preference(g: GraduateFacts, p: PostingFacts) -> float:
    v_ind = _factor(g.industries, p.industry)
    v_reg = _factor(g.regions, p.region)
    if v_reg == 0.0 and g.willing_to_relocate:
        v_reg = scoring.RELOCATE_CREDIT
    v_type = _factor(g.job_types, p.job_type)
    v_size = _factor(g.company_sizes, p.company_size)
    if g.min_salary_krw <= 0:
        v_sal = scoring.NEUTRAL
    else:
        ratio = float(p.salary_max_krw) / float(g.min_salary_krw)
        if ratio >= 1.0:
            v_sal = 1.0
        elif ratio <= scoring.SALARY_FLOOR_RATIO:
            v_sal = 0.0
        else:
            v_sal = (ratio - scoring.SALARY_FLOOR_RATIO) / (1.0 - scoring.SALARY_FLOOR_RATIO)
    return (
        scoring.W_INDUSTRY * v_ind
        + scoring.W_REGION * v_reg
        + scoring.W_JOB_TYPE * v_type
        + scoring.W_SIZE * v_size
        + scoring.W_SALARY * v_sal
    )


def feasible(g: GraduateFacts, p: PostingFacts) -> bool:
    if g.topik < p.min_topik or g.education_rank < p.min_education_rank:
        return False
    if p.accepted_fields and not (g.fields & p.accepted_fields):
        return False
    return not (g.needs_sponsorship and not (g.visa_routes & p.offer_routes))


def fit(effective: dict[int, float], p: PostingFacts) -> float:
    skills = sorted(p.skills, key=lambda s: s.skill_id)
    weights = normalised_weights([s.importance for s in skills])
    total = 0.0
    for s, w in zip(skills, weights, strict=True):
        level = effective.get(s.skill_id, 0.0)
        if level > 0.0:
            m = float(s.min_level)
            total += scoring.skill_term(level, m, scoring.skill_cover(w, m))
    return min(total, 1.0)


def pair_score(
    g: GraduateFacts, p: PostingFacts, relations: dict[int, list[tuple[int, float]]]
) -> PairScore | None:
    """The pair's score, or None when it is excluded (constraint failed, or nothing in common)."""
    if not p.skills:
        return None
    f = fit(expand_levels(g.skills, relations), p)
    if f <= 0.0 or not feasible(g, p):
        return None
    pref = preference(g, p)
    if pref <= 0.0:
        return None
    score = 2.0 * f * pref / (f + pref)
    return PairScore(score, f, pref) if score > 0.0 else None


def relation_table(data: MatchingInput) -> dict[int, list[tuple[int, float]]]:
    known = {s for g in data.graduates for s in g.skills} | {
        s.skill_id for p in data.postings for s in p.skills
    }
    table: dict[int, list[tuple[int, float]]] = {}
    for r in data.relations:
        if r.skill_id in known and r.related_skill_id in known:
            table.setdefault(r.skill_id, []).append((r.related_skill_id, r.credit))
    return table


def top_lists(
    data: MatchingInput, cap: int
) -> tuple[dict[int, list[tuple[int, PairScore]]], dict[int, list[tuple[int, PairScore]]]]:
    """Brute force: every graduate's and every posting's best `cap` (id, score), best first."""
    relations = relation_table(data)
    by_graduate: dict[int, list[tuple[int, PairScore]]] = {g.id: [] for g in data.graduates}
    by_posting: dict[int, list[tuple[int, PairScore]]] = {p.id: [] for p in data.postings}
    for g in data.graduates:
        for p in data.postings:
            pair = pair_score(g, p, relations)
            if pair is None:
                continue
            by_graduate[g.id].append((p.id, pair))
            if g.discoverable:
                by_posting[p.id].append((g.id, pair))
    for lists in (by_graduate, by_posting):
        for key, entries in lists.items():
            entries.sort(key=lambda e: (-e[1].score, e[0]))
            lists[key] = entries[:cap]
    return by_graduate, by_posting
