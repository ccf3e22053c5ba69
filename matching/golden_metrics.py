"""The arithmetic of the golden-set report, on plain numbers (no Django, no database).

- `ndcg_at_k`: how well an order puts the best-graded candidates first; the same definition as
  `matching.evaluation.ndcg_at_k` (gains 2^grade - 1, discount log2(rank + 1), ideal = the grades
  sorted best first), but on grades that may be fractional (the mean of several graders).
- `kendall_tau_b`: rank correlation between two scorings of the same items, with the tie
  correction of Kendall (1945), so that the many ties of a 0-3 grade scale do not bias it.
- `krippendorff_alpha`: agreement among any number of graders who each grade some of the same
  units, after Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), through the
  coincidence matrix; nominal, ordinal and interval distances.

Every function returns nan when its figure is undefined (too few items, no variation), so that a
report can say "not enough data" instead of printing a misleading 0 or 1.
"""

import math
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations, permutations

METRICS = ("nominal", "ordinal", "interval")


def ndcg_at_k(grades_in_order: Sequence[float], k: int = 10) -> float:
    """nDCG@k of the grades in the order under test (best-placed first); nan when every grade
    is 0 (no order is better than another)."""

    def dcg(grades: Sequence[float]) -> float:
        return sum(
            (math.pow(2.0, g) - 1.0) / math.log2(rank + 2) for rank, g in enumerate(grades[:k])
        )

    ideal = dcg(sorted(grades_in_order, reverse=True))
    return dcg(grades_in_order) / ideal if ideal > 0 else math.nan


def _tied_pairs(values: Sequence[float]) -> int:
    return sum(t * (t - 1) // 2 for t in Counter(values).values())


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's tau-b of paired scores: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)),
    n0 all pairs, n1 and n2 the pairs tied in x and in y. In [-1, 1]; nan when there are fewer
    than two items or either side has no variation. O(n^2), for golden sets of tens of items."""
    if len(x) != len(y):
        raise ValueError("x and y must pair up: they have different lengths")
    n = len(x)
    pairs = n * (n - 1) // 2
    concordant = discordant = 0
    for i, j in combinations(range(n), 2):
        sign = (x[i] - x[j]) * (y[i] - y[j])
        if sign > 0:
            concordant += 1
        elif sign < 0:
            discordant += 1
    denominator = math.sqrt((pairs - _tied_pairs(x)) * (pairs - _tied_pairs(y)))
    return (concordant - discordant) / denominator if denominator > 0 else math.nan


def _coincidences(units: Sequence[Sequence[float]]) -> dict[tuple[float, float], float]:
    """o_ck: each ordered pair of values within a unit, weighted 1/(m_u - 1); units with fewer
    than two values are not pairable and left out."""
    matrix: dict[tuple[float, float], float] = {}
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for a, b in permutations(values, 2):
            matrix[(a, b)] = matrix.get((a, b), 0.0) + 1.0 / (m - 1)
    return matrix


def _distance(metric: str, totals: dict[float, float]) -> Callable[[float, float], float]:
    """The squared difference function delta^2(c, k) of the metric, given n_c per value."""
    if metric == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if metric == "interval":
        return lambda c, k: float(c - k) ** 2
    if metric == "ordinal":
        ordered = sorted(totals)

        def ordinal(c: float, k: float) -> float:
            low, high = sorted((c, k))
            between = sum(totals[g] for g in ordered if low <= g <= high)
            return (between - (totals[c] + totals[k]) / 2.0) ** 2

        return ordinal
    raise ValueError(f"Unknown metric {metric!r}; use one of {', '.join(METRICS)}")


def krippendorff_alpha(units: Sequence[Sequence[float]], metric: str = "ordinal") -> float:
    """Krippendorff's alpha = 1 - D_o / D_e over `units`, each the values its graders gave
    (missing grades simply left out). 1 is perfect agreement, 0 agreement at chance level;
    nan when fewer than two values are pairable or all pairable values are the same."""
    matrix = _coincidences(units)
    totals: dict[float, float] = {}
    for (c, _), weight in matrix.items():
        totals[c] = totals.get(c, 0.0) + weight
    n = sum(totals.values())
    delta = _distance(metric, totals)
    if n < 2:
        return math.nan
    observed = sum(weight * delta(c, k) for (c, k), weight in matrix.items())
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in totals for k in totals)
    if expected == 0:
        return math.nan
    return 1.0 - (n - 1) * observed / expected
