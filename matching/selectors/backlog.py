"""What matching still has to do: the outbox of edits waiting to be applied, and full runs in
progress or failed (for the staff dashboard and the readiness check)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Min, Q

from matching.models import MatchingChange, MatchRun, RunStatus


@dataclass(frozen=True)
class RunProgress:
    run: MatchRun
    quiet_seconds: float  # since the run last moved (a block claimed or done, a merge started)


@dataclass(frozen=True)
class MatchingBacklog:
    outbox_pending: int
    outbox_oldest_seconds: float | None  # the oldest edit not yet applied to the lists
    running: list[RunProgress]
    failed_recently: list[MatchRun]  # failed in the last week, newest first


def matching_backlog(*, now: datetime) -> MatchingBacklog:
    pending = MatchingChange.objects.filter(
        Q(applied_at__isnull=True) | Q(applied_at__lt=F("requested_at"))
    ).aggregate(count=Count("id"), oldest=Min("requested_at"))
    oldest = pending["oldest"]
    running = [
        RunProgress(run, (now - (run.progress_at or run.created_at)).total_seconds())
        for run in MatchRun.objects.filter(status__in=[RunStatus.PENDING, RunStatus.RUNNING])
    ]
    failed = list(
        MatchRun.objects.filter(status=RunStatus.FAILED, created_at__gte=now - timedelta(days=7))[
            :10
        ]
    )
    return MatchingBacklog(
        outbox_pending=pending["count"],
        outbox_oldest_seconds=None if oldest is None else (now - oldest).total_seconds(),
        running=running,
        failed_recently=failed,
    )
