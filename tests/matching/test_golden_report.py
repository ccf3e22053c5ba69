"""`manage.py matching_golden_report` on a small case worked out by hand."""

import math
from io import StringIO

import pytest
from django.core.management import call_command

from matching.golden_report import engine_order
from matching.models import GradeSource, MatchRun
from matching.services import golden_grade_record
from tests import factories
from tests.matching.golden_world import current_run_with, quick_user, staff_grader

pytestmark = pytest.mark.django_db


def _report(*args: str) -> str:
    out = StringIO()
    call_command("matching_golden_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def case():
    """Engine order A, B, C; D graded but not listed. Grader 1: A 3, B 0, C 2, D 1; grader 2:
    A 3, B 1, C 2. Mean grades in the engine's order: 3, 0.5, 2, 1."""
    posting = factories.JobPostingFactory(title="Etch process engineer")
    a, b, c, d = (factories.GraduateProfileFactory(user=quick_user()) for _ in range(4))
    current_run_with({posting: [a, b, c]})
    first, second = staff_grader("Kim"), staff_grader("Park")
    for graduate, grade in ((a, 3), (b, 0), (c, 2), (d, 1)):
        golden_grade_record(posting=posting, graduate=graduate, grader=first, grade=grade)
    for graduate, grade in ((a, 3), (b, 1), (c, 2)):
        golden_grade_record(posting=posting, graduate=graduate, grader=second, grade=grade)
    return posting


def _ndcg_by_hand() -> float:
    gain = lambda g: 2**g - 1  # noqa: E731
    dcg = gain(3) + gain(0.5) / math.log2(3) + gain(2) / 2 + gain(1) / math.log2(5)
    ideal = gain(3) + gain(2) / math.log2(3) + gain(1) / 2 + gain(0.5) / math.log2(5)
    return dcg / ideal


def test_the_report_prints_ndcg_tau_and_alpha_worked_out_by_hand(case) -> None:
    out = _report()
    row = next(line for line in out.splitlines() if line.startswith(f"#{case.pk} "))
    # tau-b: of the six pairs, A-B, A-C, A-D and C-D agree with the grades, B-C and B-D do not:
    # (4 - 2) / 6. Alpha (ordinal): units A {3,3}, B {0,1}, C {2,2} (D has one grade, not
    # pairable); n = 6, sum of o*delta^2 = 2, sum of n_c*n_k*delta^2 = 198:
    # 1 - 5 * 2 / 198 = 0.949.
    assert row.split()[-8:] == [
        "7",  # grades
        "2",  # graders
        "4",  # candidates
        "3",  # listed
        f"{_ndcg_by_hand():.3f}",
        "0.333",
        "0.949",
        "3",  # overlap
    ]
    assert "nDCG@10" in out and "tau-b" in out and "alpha" in out
    assert f"run #{MatchRun.objects.get().pk}" in out


def test_one_grader_gets_figures_but_alpha_asks_for_a_second_grader(case) -> None:
    out = _report("--source", "seed")
    assert "No grades yet" in out
    developer = staff_grader("developers")
    graduate = factories.GraduateProfileFactory(user=quick_user())
    golden_grade_record(
        posting=case,
        graduate=graduate,
        grader=developer,
        grade=2,
        source=GradeSource.DEVELOPERS_SEED,
    )
    out = _report("--source", "seed", "--posting", str(case.pk))
    assert "alpha needs two graders (1 graded here)" in out


def test_without_a_current_run_the_report_says_why_ndcg_and_tau_are_missing(case) -> None:
    MatchRun.objects.update(is_current=False)
    out = _report("--posting", str(case.pk))
    assert "No current match run" in out
    row = next(line for line in out.splitlines() if line.startswith(f"#{case.pk} "))
    assert row.split()[-5:] == ["—", "—", "—", "0.949", "3"]


def test_graded_candidates_the_engine_did_not_list_follow_its_list_in_id_order() -> None:
    assert engine_order({5, 3, 9, 1}, [9, 7, 1]) == [9, 1, 3, 5]
