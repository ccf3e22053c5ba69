"""Keeping full runs moving whatever happens to their messages: the reconciler.

A run's state lives in PostgreSQL (the run, its blocks, who claimed what and when); a Celery
message only says "work on this now". Messages get lost (Redis restarted without persistence),
stuck (a worker SIGKILLed holds them unacknowledged until the visibility timeout) or are never
sent (the broker was down, or the worker died between a commit and the send). The reconciler runs
every minute (Celery beat), compares each unfinished run with what should be happening and sends
again what is missing. Every task it sends is idempotent, so sending one twice costs at most a
duplicate computation, never a wrong list.

It fails a run only when nothing has moved for MATCHING_STALLED_AFTER seconds; transient errors
inside the tasks are retried by the tasks themselves and never fail a run.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from matching.models import MatchRun, RunStatus

# A run nobody started this long after it was requested, or a block nobody claimed this long
# after the run last moved, has lost its message.
RESEND_AFTER = timedelta(minutes=2)


@dataclass
class RunWork:
    """What the reconciler found missing for one run: the messages to send again."""

    run_id: int
    start: bool = False
    blocks: list[int] = field(default_factory=list)
    finish: bool = False
    failed: str = ""

    @property
    def anything(self) -> bool:
        return self.start or bool(self.blocks) or self.finish or bool(self.failed)


def match_runs_reconcile(*, now: datetime | None = None) -> list[RunWork]:
    """Every unfinished run's missing work (the caller sends it); stalled runs are failed here."""
    now = now or timezone.now()
    found = []
    for run in MatchRun.objects.filter(status__in=[RunStatus.PENDING, RunStatus.RUNNING]):
        work = _run_work(run, now)
        if work.failed:
            match_run_fail(run=run, error=work.failed)
        if work.anything:
            found.append(work)
    return found


def _run_work(run: MatchRun, now: datetime) -> RunWork:
    work = RunWork(run.pk)
    lease = timedelta(seconds=settings.MATCHING_BLOCK_LEASE)
    last_moved = run.progress_at or run.created_at
    if last_moved < now - timedelta(seconds=settings.MATCHING_STALLED_AFTER):
        work.failed = f"stalled: no progress since {timezone.localtime(last_moved):%Y-%m-%d %H:%M}"
        return work
    quiet = last_moved < now - RESEND_AFTER
    if run.status == RunStatus.PENDING:
        work.start = quiet
        return work
    if run.blocks_done == run.blocks_total:
        claim = run.merge_claimed_at
        work.finish = (claim is None and quiet) or (claim is not None and claim < now - lease)
        return work
    for number, claimed_at in run.blocks.filter(done=False).values_list("number", "claimed_at"):
        if (claimed_at is None and quiet) or (claimed_at is not None and claimed_at < now - lease):
            work.blocks.append(number)
    return work


def match_run_fail(*, run: MatchRun, error: str) -> None:
    """Record that the run cannot finish; it stays, with its error, until staff retry it."""
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk, status__in=[RunStatus.PENDING, RunStatus.RUNNING]).update(
        status=RunStatus.FAILED,
        error=error[:4000],
        started_at=Coalesce(F("started_at"), Value(now)),
        finished_at=now,
    )


def match_run_retry(*, run: MatchRun) -> MatchRun:
    """Take a failed run up again where it stopped: blocks already scored are kept, the rest are
    sent again by the reconciler's next pass (sent here at once)."""
    from matching.tasks import matching_run_start_task

    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.FAILED:
            return run
        run.status = RunStatus.RUNNING if run.blocks_total or run.snapshot_at else RunStatus.PENDING
        run.finished_at, run.progress_at, run.merge_claimed_at = None, timezone.now(), None
        run.error = f"retried after: {run.error}"[:4000]
        run.save()
        run.blocks.filter(done=False).update(claimed_at=None)
        # The start is re-entrant: on a running run it returns the blocks left, so one message
        # covers both cases.
        from core.enqueue import send_after_commit

        send_after_commit(matching_run_start_task, run.pk)
    return run
