"""Measure the engine and three baselines against a graded synthetic truth; print a table."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.evaluation import ENGINE, MARGIN, METHODS, POSTING_SIDE, SIDES, Comparison, compare

SIDE_NAMES = {SIDES[0]: "graduate -> postings", POSTING_SIDE: "posting -> graduates"}
COLUMNS = (("ndcg", "nDCG@{k}"), ("precision", "P@{k}"), ("mrr", "MRR"), ("recall", "R@50"))
CELL = 8
GAP = "   "


def table(comparison: Comparison) -> list[str]:
    """The metrics as text: a row per method, each direction's metrics side by side."""
    k = comparison.k
    width = len(COLUMNS) * CELL
    lines = [
        f"{'':14}" + GAP.join(f"{SIDE_NAMES[side]:<{width}}" for side in SIDES),
        f"{'method':14}"
        + GAP.join("".join(f"{title.format(k=k):<{CELL}}" for _, title in COLUMNS) for _ in SIDES),
    ]
    for method in METHODS:
        cells = [
            "".join(f"{getattr(comparison.metrics[method][side], name):<{CELL}.3f}"
                    for name, _ in COLUMNS)
            for side in SIDES
        ]  # fmt: skip
        lines.append(f"{method:14}" + GAP.join(cells))
    return [line.rstrip() for line in lines]


def margin_line(comparison: Comparison) -> str:
    parts = [
        f"{SIDE_NAMES[side]} {comparison.margin(side):+.3f} over {comparison.best_baseline(side)}"
        for side in SIDES
    ]
    verdict = "met" if comparison.meets_margin() else "NOT met"
    return (
        f"{ENGINE} margin in nDCG@{comparison.k} over the best baseline (needed {MARGIN:+.2f} in "
        f"both directions): {'; '.join(parts)}. Margin {verdict}."
    )


class Command(BaseCommand):
    help = (
        "Generate a synthetic instance and its graded truth, rank every pair with random, "
        "shared skills, BM25 and the engine, and print nDCG/P/MRR/recall for both directions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--graduates", type=int, default=2000)
        parser.add_argument("--postings", type=int, default=300)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--k", type=int, default=10, help="cut-off of nDCG and precision")

    def handle(self, *args: Any, **options: Any) -> None:
        comparison = compare(
            graduates=options["graduates"],
            postings=options["postings"],
            seed=options["seed"],
            k=options["k"],
        )
        self.stdout.write(
            f"{comparison.graduates} graduates x {comparison.postings} postings, seed "
            f"{comparison.seed}; graded truth 0-3 (matching.truth), relevant = grade 2 or more"
        )
        for line in (*table(comparison), margin_line(comparison)):
            self.stdout.write(line)
        steps = ", ".join(f"{step} {s:.2f}" for step, s in comparison.seconds.items())
        self.stdout.write(f"seconds: {steps}")
