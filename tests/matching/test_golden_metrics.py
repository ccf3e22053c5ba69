"""The golden-set metrics against values computed by hand or printed in the literature."""

import math

import numpy as np
import pytest

from matching import evaluation
from matching.golden_metrics import kendall_tau_b, krippendorff_alpha, ndcg_at_k

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1-5, None where an observer gave no value. Unit 12 has one value only,
# so it is not pairable. The paper gives alpha = 0.743 (nominal), 0.815 (ordinal), 0.849
# (interval).
_ = None
OBSERVERS = (
    (1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _),
    (1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3),
    (_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _),
    (1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _),
)
UNITS = [[v for v in unit if v is not None] for unit in zip(*OBSERVERS, strict=True)]


@pytest.mark.parametrize(
    ("metric", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_alpha_reproduces_krippendorffs_worked_example(metric: str, expected: float) -> None:
    assert krippendorff_alpha(UNITS, metric) == pytest.approx(expected, abs=0.0005)


def test_alpha_reproduces_the_two_coder_binary_example() -> None:
    # Same paper, section A: two observers, ten units, binary values; alpha = 0.095.
    first = (0, 1, 0, 0, 0, 0, 0, 0, 1, 0)
    second = (1, 1, 1, 0, 0, 1, 0, 0, 0, 0)
    units = [list(pair) for pair in zip(first, second, strict=True)]
    assert krippendorff_alpha(units, "nominal") == pytest.approx(0.095, abs=0.0005)


def test_alpha_is_one_for_perfect_agreement_and_nan_without_pairs_or_variation() -> None:
    assert krippendorff_alpha([[0, 0], [1, 1], [3, 3, 3]]) == pytest.approx(1.0)
    assert math.isnan(krippendorff_alpha([[2], [3]]))  # one grader: nothing is pairable
    assert math.isnan(krippendorff_alpha([[2, 2], [2, 2]]))  # no variation at all
    with pytest.raises(ValueError, match="Unknown metric"):
        krippendorff_alpha(UNITS, "ratio-ish")


def test_alpha_punishes_systematic_disagreement_below_zero() -> None:
    assert krippendorff_alpha([[0, 3], [3, 0], [1, 2], [2, 1]], "interval") < 0


def test_tau_b_with_ties_on_both_sides_by_hand() -> None:
    # Pairs: (1,2) tied in y, (2,3) tied in x, the other four concordant: P=4, Q=0.
    # n0 = 6, n1 = n2 = 1, so tau-b = 4 / sqrt(5 * 5) = 0.8.
    assert kendall_tau_b([1, 2, 2, 3], [1, 1, 2, 3]) == pytest.approx(0.8)


def test_tau_b_negative_case_by_hand() -> None:
    # x strictly increasing; y = 2, 0, 1, 1: P = 2, Q = 3, one pair tied in y:
    # (2 - 3) / sqrt(6 * 5).
    assert kendall_tau_b([1, 2, 3, 4], [2, 0, 1, 1]) == pytest.approx(-1 / math.sqrt(30))


def test_tau_b_bounds_and_undefined_cases() -> None:
    assert kendall_tau_b([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert kendall_tau_b([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    assert math.isnan(kendall_tau_b([1, 2, 3], [2, 2, 2]))
    assert math.isnan(kendall_tau_b([1], [1]))
    with pytest.raises(ValueError, match="different lengths"):
        kendall_tau_b([1, 2], [1])


def test_tau_b_agrees_with_scipy_on_random_tied_data() -> None:
    from scipy.stats import kendalltau

    rng = np.random.default_rng(13)
    for _ in range(20):
        x = rng.integers(0, 6, size=15).tolist()
        y = rng.integers(0, 4, size=15).tolist()
        assert kendall_tau_b(x, y) == pytest.approx(kendalltau(x, y).statistic)


def test_ndcg_by_hand() -> None:
    # DCG of 2, 3, 0 = 3/1 + 7/log2(3); ideal 3, 2, 0 = 7/1 + 3/log2(3).
    expected = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert ndcg_at_k([2, 3, 0], k=10) == pytest.approx(expected)
    assert ndcg_at_k([3, 2, 1, 0]) == pytest.approx(1.0)
    assert math.isnan(ndcg_at_k([0, 0, 0]))


def test_ndcg_cuts_at_k_but_takes_the_ideal_from_every_grade() -> None:
    # Only the first place counts at k=1; the ideal first place is the 3 at the end.
    assert ndcg_at_k([1, 0, 3], k=1) == pytest.approx(1 / 7)


def test_ndcg_on_whole_grades_matches_the_synthetic_evaluation() -> None:
    grades = [1, 3, 0, 2, 2, 0, 3, 1, 0, 0, 2, 1]
    for k in (1, 5, 10):
        assert ndcg_at_k(grades, k) == pytest.approx(
            evaluation.ndcg_at_k(grades, np.array(grades), k)
        )
