"""Full runs survive a SIGKILLed worker and a Redis that loses its queues (real processes).

Each test runs a full run through real `celery worker` processes on a Redis of its own, breaks
something mid-run, and checks that the reconciler (run here, as the beat runs it every minute)
brings the run to the same lists as a clean computation.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.celery import app as celery_app
from matching import tasks
from matching.models import MatchRun, MatchRunBlock
from matching.services import match_runs_reconcile
from tests.faults import OwnRedis, start_worker, stop, wait_for
from tests.matching.market import assert_stored_lists_are_exact, build_market

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEASE_S = 8  # the workers' MATCHING_BLOCK_LEASE: a dead worker's block is handed on after it
WORKER_ENV = {
    "MATCHING_BLOCK_SIZE": "3",  # ten blocks for 30 graduates
    "MATCHING_TOP_K": "4",
    "MATCHING_BLOCK_LEASE": str(LEASE_S),
}


@pytest.fixture
def own_redis():
    """A Redis of the test's own, and this process sending tasks to it (not running them)."""
    redis = OwnRedis()
    redis.start()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield redis
    celery_app.conf.task_always_eager = eager
    redis.kill()


@pytest.fixture
def market(settings):
    world = build_market(settings)
    settings.MATCHING_BLOCK_SIZE = 3
    settings.MATCHING_BLOCK_LEASE = LEASE_S
    return world


def _send(redis: OwnRedis, task, *args) -> None:  # type: ignore[no-untyped-def]
    with celery_app.connection_for_write(redis.url) as conn:
        task.apply_async(args, connection=conn)


def _reconcile(redis: OwnRedis) -> None:
    """One pass of the beat's reconciler, as if the quiet spell before a resend had passed."""
    for work in match_runs_reconcile(now=timezone.now() + timedelta(minutes=3)):
        if work.start:
            _send(redis, tasks.matching_run_start_task, work.run_id)
        for number in work.blocks:
            _send(redis, tasks.matching_run_block_task, work.run_id, number)
        if work.finish:
            _send(redis, tasks.matching_run_finish_task, work.run_id)


def _claimed(run: MatchRun) -> bool:
    """A worker has begun scoring the run's blocks: the moment to break something."""
    return MatchRunBlock.objects.filter(run=run, claimed_at__isnull=False).exists()


def _finished(run: MatchRun) -> bool:
    return MatchRun.objects.get(pk=run.pk).status in {"succeeded", "failed"}


def _until_finished(run: MatchRun, redis: OwnRedis, passes: int = 20) -> None:
    """Reconcile every few seconds until the run ends (the beat does it every minute)."""
    for _ in range(passes):
        _reconcile(redis)
        if wait_for(lambda: _finished(run), 4):
            break
    run.refresh_from_db()
    assert run.status == "succeeded", run.error


def test_a_worker_killed_mid_run_is_replaced_and_the_run_finishes_exactly(market, own_redis):
    first = start_worker(own_redis.url, "doomed", WORKER_ENV)
    second = None
    try:
        run = MatchRun.objects.create()
        _send(own_redis, tasks.matching_run_start_task, run.pk)
        assert wait_for(lambda: _claimed(run), 60)
        stop(first, kill=True)  # the whole worker, SIGKILL: nothing is acknowledged or cleaned up
        run.refresh_from_db()
        assert run.status == "running" and run.blocks_done < run.blocks_total
        second = start_worker(own_redis.url, "replacement", WORKER_ENV)
        _until_finished(run, own_redis)
    finally:
        stop(first, kill=True)
        stop(second)
    assert run.blocks_done == run.blocks_total == 10
    assert_stored_lists_are_exact(visible=4)


def test_redis_killed_mid_run_loses_the_queue_and_the_run_still_finishes_exactly(market, own_redis):
    worker = start_worker(own_redis.url, "survivor", WORKER_ENV)
    try:
        run = MatchRun.objects.create()
        _send(own_redis, tasks.matching_run_start_task, run.pk)
        assert wait_for(lambda: _claimed(run), 60)
        own_redis.kill()  # no persistence: every queued block message is gone
        run.refresh_from_db()
        assert run.status == "running" and run.blocks_done < run.blocks_total
        own_redis.start()  # empty; the worker reconnects by itself
        _until_finished(run, own_redis)
    finally:
        stop(worker)
    assert run.blocks_done == run.blocks_total == 10
    assert_stored_lists_are_exact(visible=4)


def test_a_cold_rebuild_of_the_live_state_holds_no_lock_on_the_run(market, monkeypatch):
    """The full run's swap locks the current run's row; a cold update must not hold it up."""
    import psycopg

    from matching.services import changes, match_run_request, matching_changes_apply
    from profiles.services import graduate_skills_set

    match_run_request()  # in-process here
    run = MatchRun.objects.get(is_current=True)
    changes._live = None  # this process has no state yet: the next update builds it
    monkeypatch.setattr(changes, "_send_apply_once", lambda: None)  # applied by hand below
    graduate_skills_set(
        profile=market["graduates"][0], levels={s.pk: 5 for s in market["skills"][:3]}
    )
    from django.db import connection

    db = connection.settings_dict
    real = changes.LiveState
    lock_free: list[bool] = []

    def building(*args, **kwargs):  # type: ignore[no-untyped-def]
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
            dbname=db["NAME"], autocommit=False,
        ) as other:  # fmt: skip
            other.execute(
                "SELECT id FROM matching_matchrun WHERE id = %s FOR UPDATE NOWAIT", [run.pk]
            )
            lock_free.append(True)
            other.rollback()
        return real(*args, **kwargs)

    monkeypatch.setattr(changes, "LiveState", building)
    assert matching_changes_apply().applied == 1
    assert lock_free == [True]
    assert_stored_lists_are_exact(visible=4)
