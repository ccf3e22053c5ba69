"""The matching score pair by pair in plain Python: the yardstick for the engine.

It follows matching/kernels.py operation for operation (same order of additions), so scores are
bit-identical, and it ranks by brute force over all pairs. Slow by design; tests and the benchmark
use it on small instances and samples.
"""

from dataclasses import dataclass

from matching import needs, scoring
from matching.engine import expand_levels
from matching.facts import GraduateFacts, MatchingInput, PostingFacts


@dataclass(frozen=True)
class PairScore:
    score: float
    fit: float
    preference: float

    @property
    def employer_key(self) -> float:
        """The order of a posting's candidates (scoring.employer_key), stored as their score."""
        return scoring.employer_key(self.fit, self.preference)


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


def feasible(g: GraduateFacts, p: PostingFacts, effective: dict[int, float]) -> bool:
    if g.korean < p.min_topik or g.education_rank < p.min_education_rank:
        return False
    if p.accepted_fields and not (g.fields & p.accepted_fields):
        return False
    for s in p.skills:
        if s.deal_breaker and effective.get(s.skill_id, 0.0) < s.min_level:
            return False
    return not (g.needs_sponsorship and not (g.visa_routes & p.offer_routes))


def skills_term(effective: dict[int, float], p: PostingFacts) -> float:
    skills = sorted(p.skills, key=lambda s: s.skill_id)
    weights = needs.posting_weights(p)[0]
    total = 0.0
    for s, w in zip(skills, weights, strict=True):
        level = effective.get(s.skill_id, 0.0)
        if level > 0.0:
            m = float(s.min_level)
            total += scoring.skill_term(level, m, scoring.skill_cover(w, m))
    return total


def needs_term(g: GraduateFacts, p: PostingFacts) -> float:
    """The other needs' terms, added in the kernel's order (matching.needs)."""
    minimums = needs.need_minimums(p)
    weights = needs.posting_weights(p)[1]
    levels = needs.graduate_levels(g)
    total = 0.0
    for k in (needs.KOREAN, needs.ENGLISH, needs.EDUCATION):
        if minimums[k] > 0.0:
            total += scoring.skill_term(
                levels[k], minimums[k], scoring.skill_cover(weights[k], minimums[k])
            )
    m = minimums[needs.EXPERIENCE]
    if m > 0.0:
        years = needs.relevant_years(needs.graduate_roles(g), scoring.isco_number(p.isco_code))
        cover = scoring.skill_cover(weights[needs.EXPERIENCE], m)
        total += scoring.skill_term(scoring.experience_level(years), m, cover)
    return total


def fit(g: GraduateFacts, p: PostingFacts, effective: dict[int, float]) -> float:
    """The pair's fit: 0 when no skill is in common (the pair is then excluded), else the
    skills' and the other needs' terms, capped at 1."""
    skills = skills_term(effective, p)
    return min(skills + needs_term(g, p), 1.0) if skills > 0.0 else 0.0


def pair_score(
    g: GraduateFacts, p: PostingFacts, relations: dict[int, list[tuple[int, float]]]
) -> PairScore | None:
    """The pair's score, or None when it is excluded (constraint failed, or nothing in common)."""
    if not p.skills:
        return None
    effective = expand_levels(g.skills, relations)
    f = fit(g, p, effective)
    if f <= 0.0 or not feasible(g, p, effective):
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
    for entries in by_graduate.values():
        entries.sort(key=lambda e: (-e[1].score, e[0]))
        del entries[cap:]
    for entries in by_posting.values():
        entries.sort(key=lambda e: (-e[1].employer_key, e[0]))
        del entries[cap:]
    return by_graduate, by_posting
