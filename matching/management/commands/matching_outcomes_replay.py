"""Replay the logged impressions in time order and print, per list and K, how often a pair shown
in the top K went on to be viewed, applied to, interviewed, and chosen by both sides."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from matching.models import ListKind
from matching.outcome_metrics import ListReport, outcome_reports
from matching.selectors import outcome_history

HEADER = (
    f"{'K':>4} {'pairs':>7} {'view-rate':>10} {'apply-rate':>11} {'interview-rate':>15} "
    f"{'mutual-success':>15} {'open windows':>13}"
)


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from exc


def _ks(value: str) -> list[int]:
    try:
        ks = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError as exc:
        raise CommandError(f"--k takes positive whole numbers, like 5,10,20: {value!r}") from exc
    if not ks or ks[0] < 1:
        raise CommandError(f"--k takes positive whole numbers, like 5,10,20: {value!r}")
    return ks


def _start_of(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _percent(count: int, pairs: int) -> str:
    return f"{100 * count / pairs:.1f}% ({count})" if pairs else "n/a"


class Command(BaseCommand):
    help = (
        "Replay logged impressions into view-, apply- and interview-rate@K and mutual-success@K, "
        "per list (dashboard matches, job search, candidate lists, digest e-mails)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", type=_day, help="first day of impressions (YYYY-MM-DD)")
        parser.add_argument("--until", type=_day, help="last day of impressions, included")
        parser.add_argument("--k", type=_ks, default=[5, 10, 20], help="cut-offs, e.g. 5,10,20")
        parser.add_argument(
            "--window-days", type=int, default=30, help="days after an impression that count"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        window = options["window_days"]
        if window < 0:
            raise CommandError("--window-days cannot be negative")
        since, until_day = options["since"], options["until"]
        until = _start_of(until_day + datetime.timedelta(days=1)) if until_day else None
        history = outcome_history(since=_start_of(since), until=until, window_days=window)
        span = f"from {since or 'the first'} to {until_day or 'the last'}"
        if not history.shown:
            self.stdout.write(f"No impressions logged {span}: nothing to replay.")
            return
        reports = outcome_reports(
            shown=history.shown,
            events=history.events,
            ks=options["k"],
            window_days=window,
            as_of=timezone.now(),
        )
        self.stdout.write(
            f"Outcome replay: impressions {span}; events within {window} days after a pair's "
            "first impression in the top K."
        )
        for report in reports:
            self._write(report)

    def _write(self, report: ListReport) -> None:
        label = str(ListKind(report.list_kind).label)
        self.stdout.write(
            f"\n{label}: {report.impressions} impressions, {report.pairs} distinct pairs"
        )
        self.stdout.write(HEADER)
        for row in report.by_k:
            self.stdout.write(
                f"{row.k:>4} {row.pairs:>7} {_percent(row.viewed, row.pairs):>10} "
                f"{_percent(row.applied, row.pairs):>11} "
                f"{_percent(row.interviewed, row.pairs):>15} "
                f"{_percent(row.mutual, row.pairs):>15} {row.open_windows:>13}"
            )
