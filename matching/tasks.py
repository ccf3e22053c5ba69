"""Matching tasks: thin wrappers that load a run and call matching.services.

Full runs fan out into one task per block of graduates, so every worker on the `matching` queue
takes a share; the block that finishes last enqueues the merge.
"""

from celery import shared_task
from django.utils import timezone

from matching import services
from matching.models import MatchRun


@shared_task
def matching_run_start_task(run_id: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    try:
        numbers = services.match_run_start(run=run)
    except Exception as exc:
        services.match_run_fail(run=run, error=repr(exc))
        raise
    if not numbers and run.blocks_total == 0:
        matching_run_finish_task.delay_on_commit(run_id)
    for number in numbers:
        matching_run_block_task.delay_on_commit(run_id, number)


@shared_task
def matching_run_block_task(run_id: int, number: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    try:
        last = services.match_run_block(run=run, number=number)
    except Exception as exc:
        services.match_run_fail(run=run, error=f"block {number}: {exc!r}")
        raise
    if last:
        matching_run_finish_task.delay_on_commit(run_id)


@shared_task
def matching_run_finish_task(run_id: int) -> None:
    run = MatchRun.objects.get(pk=run_id)
    try:
        services.match_run_finish(run=run)
    except Exception as exc:
        services.match_run_fail(run=run, error=f"finish: {exc!r}")
        raise


@shared_task
def matching_nightly_run_task() -> None:
    services.match_run_request()


@shared_task
def matching_apply_changes_task() -> None:
    services.matching_changes_apply()


@shared_task
def matching_sweep_runs_task() -> None:
    for run in services.match_runs_sweep():
        matching_run_start_task.delay(run.pk)


@shared_task
def matching_digests_send_task() -> None:
    """Daily (Celery beat): tell graduates of yesterday's postings that match them."""
    services.match_digests_send(day=timezone.localdate())


@shared_task
def matching_impressions_prune_task() -> None:
    """Daily (Celery beat): delete impressions and outcomes past IMPRESSION_RETENTION_DAYS."""
    services.impressions_prune()
