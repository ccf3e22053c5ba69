"""The gap-closing planner: the cheapest set of courses that closes a graduate's gaps (no Django).

A gap is something a posting asks that the graduate lacks: a skill at a minimum level (own level,
or the level a related skill gives, below it) or a TOPIK level. A course closes a gap only when it
teaches that very skill up to at least the level asked (a Korean-language course closes a TOPIK gap
when the level it prepares for is at least the one asked). No partial credit: a course reaching a
lower level, or teaching a related skill, does not count as closing the gap (the score after the
plan still gives the partial credit the matching formula gives; see training.selectors).

`plan_cover` is a weighted set cover, solved exactly: it minimises, in this order, the total cost
(hours or US cents, the caller's choice), the number of courses, and a tie-breaking measure (the
other of hours and cents). Gaps no course closes are reported as uncovered and the plan covers all
the others. Method: dominated courses are pruned, then a dynamic programme over the subsets of gaps
covered so far (exact; fast while the gaps are few, as they are for one posting); above
`DP_MAX_GAPS` gaps an integer programme (scipy.optimize.milp) minimises cost, then course count.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

DP_MAX_GAPS = 16
Key = tuple[int, int, int]  # (cost, number of courses, tie-break measure)


@dataclass(frozen=True)
class Gap:
    """`key` names what is missing (a skill id, or "topik"); `level` is the level needed."""

    key: Hashable
    level: int
    weight: float = 1.0  # the gap's share of the posting's fit; reported, not optimised


@dataclass(frozen=True)
class Candidate:
    """A course: `cost` in the objective's unit (whole hours or US cents), `tie` the other one,
    `levels` what it teaches (gap key -> level reached)."""

    id: int
    cost: int
    levels: Mapping[Hashable, int]
    tie: int = 0


@dataclass(frozen=True)
class Plan:
    course_ids: tuple[int, ...]  # ascending
    cost: int
    tie: int
    covered: frozenset[Hashable]
    uncovered: frozenset[Hashable]
    pruned: int = 0  # candidates dropped as useless or dominated
    method: str = "dp"
    closes: dict[int, frozenset[Hashable]] = field(default_factory=dict)  # course -> gaps closed


def closes(candidate: Candidate, gap: Gap) -> bool:
    return candidate.levels.get(gap.key, 0) >= gap.level


def _masks(gaps: Sequence[Gap], candidates: Iterable[Candidate]) -> dict[int, int]:
    """Each candidate's set of closed gaps as a bit mask (bit i = gaps[i])."""
    return {c.id: sum(1 << i for i, gap in enumerate(gaps) if closes(c, gap)) for c in candidates}


def prune(candidates: Sequence[Candidate], masks: Mapping[int, int]) -> list[Candidate]:
    """Drop candidates that close nothing, and those another candidate dominates (closes at least
    the same gaps for no more cost and no more tie measure; among equals the lowest id stays)."""
    useful = sorted((c for c in candidates if masks[c.id]), key=lambda c: (c.cost, c.tie, c.id))
    kept: list[Candidate] = []
    for c in useful:
        mask = masks[c.id]
        dominated = any(
            masks[k.id] & mask == mask and k.cost <= c.cost and k.tie <= c.tie for k in kept
        )
        if not dominated:
            kept.append(c)
    return sorted(kept, key=lambda c: c.id)


def _solve_dp(candidates: Sequence[Candidate], masks: Mapping[int, int], target: int) -> list[int]:
    """Exact: the best (cost, count, tie) for every reachable set of closed gaps, adding the
    candidates one by one (each used at most once). The order of keys is kept by addition, so the
    best set for the full mask is optimal."""
    best: dict[int, tuple[Key, tuple[int, ...]]] = {0: ((0, 0, 0), ())}
    for c in candidates:
        cover = masks[c.id]
        for mask, (key, chosen) in list(best.items()):
            new_mask = mask | cover
            if new_mask == mask:
                continue
            new_key = (key[0] + c.cost, key[1] + 1, key[2] + c.tie)
            current = best.get(new_mask)
            if current is None or new_key < current[0]:
                best[new_mask] = (new_key, (*chosen, c.id))
    return list(best[target][1])


def _solve_milp(
    candidates: Sequence[Candidate], masks: Mapping[int, int], gap_count: int, target: int
) -> list[int]:
    """Exact for cost then count: minimise cost x (n + 1) + count over 0/1 choices such that each
    coverable gap is closed at least once (integers well inside a double's exact range)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(candidates)
    costs = np.array([c.cost * (n + 1) + 1 for c in candidates], dtype=float)
    rows = [i for i in range(gap_count) if target >> i & 1]
    matrix = np.array(
        [[1.0 if masks[c.id] >> i & 1 else 0.0 for c in candidates] for i in rows], dtype=float
    )
    result = milp(
        costs,
        constraints=LinearConstraint(matrix, lb=np.ones(len(rows)), ub=np.full(len(rows), np.inf)),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
    )
    if not result.success:  # cannot happen: every row has a candidate
        raise RuntimeError(f"set cover integer programme failed: {result.message}")
    return [c.id for c, x in zip(candidates, result.x, strict=True) if x > 0.5]


def plan_cover(
    gaps: Sequence[Gap], candidates: Sequence[Candidate], *, method: str = "auto"
) -> Plan:
    """The optimal plan (see the module docstring). `method`: "auto", "dp" or "milp"."""
    keys = [g.key for g in gaps]
    if len(set(keys)) != len(keys):
        raise ValueError("each gap must have its own key")
    if len({c.id for c in candidates}) != len(candidates):
        raise ValueError("each candidate must have its own id")
    if any(c.cost < 0 or c.tie < 0 for c in candidates):
        raise ValueError("costs must not be negative")
    masks = _masks(gaps, candidates)
    kept = prune(candidates, masks)
    target = 0
    for c in kept:
        target |= masks[c.id]
    if method == "auto":
        method = "dp" if target.bit_count() <= DP_MAX_GAPS else "milp"
    if target == 0:
        chosen: list[int] = []
    elif method == "dp":
        chosen = _solve_dp(kept, masks, target)
    elif method == "milp":
        chosen = _solve_milp(kept, masks, len(gaps), target)
    else:
        raise ValueError(f"unknown method {method!r}")
    by_id = {c.id: c for c in kept}
    covered = frozenset(g.key for i, g in enumerate(gaps) if target >> i & 1)
    return Plan(
        course_ids=tuple(sorted(chosen)),
        cost=sum(by_id[i].cost for i in chosen),
        tie=sum(by_id[i].tie for i in chosen),
        covered=covered,
        uncovered=frozenset(keys) - covered,
        pruned=len(candidates) - len(kept),
        method=method,
        closes={
            i: frozenset(g.key for j, g in enumerate(gaps) if masks[i] >> j & 1) for i in chosen
        },
    )
