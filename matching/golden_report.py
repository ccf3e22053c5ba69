"""The golden-set report: how the engine's order of graded candidates agrees with the grades, and
how the graders agree with each other (`manage.py matching_golden_report` prints it).

Per posting:
- the engine's order: the posting's stored list in the current run, best first; graded candidates
  that are not in the list come after it, in id order (the engine did not rank them at all);
- the grade of a candidate: the mean of their graders' grades (one grader: that grade);
- nDCG@10 of the grades in the engine's order, against the best possible order of the same grades;
- Kendall's tau-b between the engine's order and the grades (1: the engine orders exactly as the
  grades; 0: no relation; ties in the grades are corrected for);
- Krippendorff's alpha (ordinal) over the candidates that at least two graders graded.

Overall: nDCG@10 and tau-b are the means over the postings where they are defined (each posting's
order is its own, so pairs across postings mean nothing); alpha pools every doubly graded
candidate of every posting.
"""

import math
from dataclasses import dataclass, field

from matching.golden_metrics import kendall_tau_b, krippendorff_alpha, ndcg_at_k
from matching.selectors import PostingGrades

K = 10


@dataclass(frozen=True)
class Figures:
    label: str
    grades: int
    graders: int
    candidates: int
    in_list: int | None  # graded candidates the engine listed; None without a current run
    ndcg: float
    tau: float
    alpha: float
    overlap: int  # candidates graded by two graders or more
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldenReport:
    postings: list[Figures]
    overall: Figures
    notes: list[str] = field(default_factory=list)


def engine_order(graded: set[int], stored: list[int]) -> list[int]:
    """The graded candidates in the engine's order: the stored list's order, then the rest by
    id."""
    listed = [gid for gid in stored if gid in graded]
    return listed + sorted(graded - set(listed))


def _mean(values: list[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan


def _alpha_units(entry: PostingGrades) -> list[list[float]]:
    return [[float(g) for g in by_grader.values()] for by_grader in entry.grades.values()]


def posting_figures(entry: PostingGrades, k: int = K) -> Figures:
    grade_of = {gid: _mean([float(g) for g in by.values()]) for gid, by in entry.grades.items()}
    units = _alpha_units(entry)
    notes: list[str] = []
    ndcg = tau = math.nan
    in_list = None
    if entry.engine_order is not None:
        order = engine_order(set(grade_of), entry.engine_order)
        in_list = len(set(entry.engine_order) & set(grade_of))
        ranked_grades = [grade_of[gid] for gid in order]
        ndcg = ndcg_at_k(ranked_grades, k)
        # Higher is better on both sides: the first place gets the highest engine value.
        tau = kendall_tau_b([-place for place in range(len(order))], ranked_grades)
        if math.isnan(ndcg):
            notes.append("every grade is 0, so no order is better than another (nDCG)")
        if math.isnan(tau):
            notes.append("tau-b needs two candidates with different grades")
    alpha = krippendorff_alpha(units, "ordinal")
    overlap = sum(1 for unit in units if len(unit) >= 2)
    graders = {grader for by in entry.grades.values() for grader in by}
    if math.isnan(alpha):
        notes.append(_alpha_reason(len(graders), overlap))
    return Figures(
        label=f"#{entry.posting.pk} {entry.posting}",
        grades=sum(len(unit) for unit in units),
        graders=len(graders),
        candidates=len(grade_of),
        in_list=in_list,
        ndcg=ndcg,
        tau=tau,
        alpha=alpha,
        overlap=overlap,
        notes=tuple(notes),
    )


def _alpha_reason(graders: int, overlap: int) -> str:
    if graders < 2:
        return f"alpha needs two graders ({graders} graded here)"
    if overlap == 0:
        return "alpha needs two graders on the same candidates (no candidate graded twice)"
    return "alpha is undefined: the doubly graded candidates all got the same grade"


def golden_report(entries: list[PostingGrades], *, has_run: bool, k: int = K) -> GoldenReport:
    """Figures per posting and overall; `has_run` says whether a current match run exists."""
    postings = [posting_figures(entry, k) for entry in entries]
    units = [unit for entry in entries for unit in _alpha_units(entry)]
    graders = {grader for e in entries for by in e.grades.values() for grader in by}
    overlap = sum(1 for unit in units if len(unit) >= 2)
    alpha = krippendorff_alpha(units, "ordinal")
    in_lists = [f.in_list for f in postings if f.in_list is not None]
    overall = Figures(
        label="overall",
        grades=sum(f.grades for f in postings),
        graders=len(graders),
        candidates=sum(f.candidates for f in postings),
        in_list=sum(in_lists) if has_run else None,
        ndcg=_mean([f.ndcg for f in postings]),
        tau=_mean([f.tau for f in postings]),
        alpha=alpha,
        overlap=overlap,
        notes=(_alpha_reason(len(graders), overlap),) if entries and math.isnan(alpha) else (),
    )
    notes = []
    if not entries:
        notes.append("No grades yet: grade candidates on the staff pages (/staff/golden/).")
    elif not has_run:
        notes.append(
            "No current match run: the engine's order is unknown, so nDCG@10 and tau-b are not "
            "computed (start a run from the staff dashboard or the admin)."
        )
    return GoldenReport(postings=postings, overall=overall, notes=notes)
