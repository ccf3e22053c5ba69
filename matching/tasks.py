"""Matching tasks: thin wrappers that load a run and call matching.services.

Full runs fan out into one task per block of graduates, so every worker on the `matching` queue
takes a share; the block that finishes last sends the merge. Every task is idempotent, and the
reconciler (every minute) sends again whatever a lost message or a dead worker left undone.
Transient errors (a database connection cut, the broker away) are retried with growing gaps and
never fail a run; any other error fails it, with the error kept for staff.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.enqueue import TRANSIENT_ERRORS, send_now
from matching import services
from matching.models import MatchRun

RETRY_TRANSIENT = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 12,
}
# A block or merge never outlives its lease: the reconciler hands it to another worker only after.
RUN_STEP = {
    **RETRY_TRANSIENT,
    "soft_time_limit": 0.8 * settings.MATCHING_BLOCK_LEASE,
    "time_limit": 0.9 * settings.MATCHING_BLOCK_LEASE,
}


@contextmanager
def _failing(run: MatchRun, step: str) -> Iterator[None]:
    """Record a non-transient error on the run (then re-raise); transient ones only re-raise."""
    try:
        yield
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        services.match_run_fail(run=run, error=f"{step}: {exc!r}")
        raise


@shared_task(**RETRY_TRANSIENT)
def matching_run_start_task(run_id: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    with _failing(run, "start"):
        numbers = services.match_run_start(run=run)
    for number in numbers:
        send_now(matching_run_block_task, run_id, number)
    if not numbers:  # nothing left to score: the merge is due (or the run is over, a no-op)
        send_now(matching_run_finish_task, run_id)


@shared_task(**RUN_STEP)
def matching_run_block_task(run_id: int, number: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    with _failing(run, f"block {number}"):
        all_done = services.match_run_block(run=run, number=number)
    if all_done:
        send_now(matching_run_finish_task, run_id)


@shared_task(**RUN_STEP)
def matching_run_finish_task(run_id: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    with _failing(run, "finish"):
        run = services.match_run_finish(run=run)
    if run.is_current and not matching_live_warm_task.app.conf.task_always_eager:
        # A worker prepares the incremental state now, so the first edit does not wait for it,
        # and keeps the postings' facts for the pages.
        send_now(matching_live_warm_task)
        send_now(matching_posting_facts_warm_task)


@shared_task(**RETRY_TRANSIENT)
def matching_live_warm_task() -> None:
    services.matching_live_warm()


@shared_task(**RETRY_TRANSIENT)
def matching_posting_facts_warm_task() -> None:
    """Hourly (Celery beat) and after each full run: keep the public postings' facts."""
    services.public_posting_facts_warm()


@shared_task
def matching_sweep_runs_task() -> None:
    """Every minute (Celery beat): the reconciler; send again what unfinished runs are missing."""
    for work in services.match_runs_reconcile():
        if work.start:
            send_now(matching_run_start_task, work.run_id)
        for number in work.blocks:
            send_now(matching_run_block_task, work.run_id, number)
        if work.finish:
            send_now(matching_run_finish_task, work.run_id)


@shared_task
def matching_nightly_run_task() -> None:
    services.match_run_request()


@shared_task(**RETRY_TRANSIENT)
def matching_apply_changes_task() -> None:
    services.matching_changes_apply()


@shared_task
def matching_digests_send_task() -> None:
    """Daily (Celery beat): tell graduates of yesterday's postings that match them."""
    services.match_digests_send(day=timezone.localdate())


@shared_task
def matching_impressions_prune_task() -> None:
    """Daily (Celery beat): delete impressions and outcomes past IMPRESSION_RETENTION_DAYS."""
    services.impressions_prune()
