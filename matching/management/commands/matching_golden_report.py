"""Print how the engine's order of graded candidates agrees with the golden set's grades."""

import math
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.golden_report import Figures, K, golden_report
from matching.models import GradeSource
from matching.selectors import current_run, golden_grades_by_posting

SOURCES: dict[str, list[str]] = {
    "recruiter": [GradeSource.RECRUITER],
    "seed": [GradeSource.DEVELOPERS_SEED],
    "all": list(GradeSource.values),
}
LABEL_WIDTH = 60


def _figure(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.3f}"


def _row(f: Figures) -> str:
    label = f.label if len(f.label) <= LABEL_WIDTH else f.label[: LABEL_WIDTH - 1] + "…"
    in_list = "—" if f.in_list is None else str(f.in_list)
    return (
        f"{label:<{LABEL_WIDTH}} {f.grades:>6} {f.graders:>7} {f.candidates:>10} {in_list:>7} "
        f"{_figure(f.ndcg):>8} {_figure(f.tau):>7} {_figure(f.alpha):>7} {f.overlap:>7}"
    )


class Command(BaseCommand):
    help = (
        "Compare the engine's order of graded candidates with the golden set: nDCG@10, Kendall's "
        "tau-b and Krippendorff's alpha among graders, per graded posting and overall."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--posting", type=int, help="Only this posting (its id).")
        parser.add_argument(
            "--source",
            choices=sorted(SOURCES),
            default="all",
            help="recruiter: recruiters' grades; seed: the developers' demo grades; all: both.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        run = current_run()
        entries = golden_grades_by_posting(
            sources=SOURCES[options["source"]], posting_id=options["posting"]
        )
        report = golden_report(entries, has_run=run is not None)
        run_label = f"run #{run.pk}" if run is not None else "no current run"
        self.stdout.write(f"Golden set report (grades: {options['source']}; {run_label})")
        header = (
            f"{'posting':<{LABEL_WIDTH}} {'grades':>6} {'graders':>7} {'candidates':>10} "
            f"{'listed':>7} {f'nDCG@{K}':>8} {'tau-b':>7} {'alpha':>7} {'overlap':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for figures in report.postings:
            self.stdout.write(_row(figures))
        self.stdout.write("-" * len(header))
        self.stdout.write(_row(report.overall))
        notes = [
            f"{f.label}: {note}" for f in [*report.postings, report.overall] for note in f.notes
        ]
        if report.notes or notes:
            self.stdout.write("")
            self.stdout.write("Not enough data for some figures (shown as —):")
        for note in [*report.notes, *notes]:
            self.stdout.write(f"  {note}")
        self.stdout.write("")
        self.stdout.write(
            "listed: graded candidates in the engine's stored list (the others follow it, by id); "
            "overlap: candidates graded by two graders or more; alpha is ordinal."
        )
