"""Full runs recover from lost messages, dead workers and transient errors (tasks in-process).

Each test puts a run in the state a fault leaves behind (the database is the truth; what the
broker lost is simply never sent) and checks that the reconciler and the idempotent tasks bring
it to the same lists as a clean run. tests/matching/test_faults.py does the same through real
worker processes and a Redis that is killed.
"""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from matching import services, tasks
from matching.models import GraduateMatchList, MatchRun, MatchRunBlock
from matching.services import match_runs_reconcile
from tests.matching.market import assert_stored_lists_are_exact, build_market

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(settings):
    return build_market(settings)


def _later(minutes: float) -> timezone.datetime:
    return timezone.now() + timedelta(minutes=minutes)


def _run_work(now) -> None:
    """What the beat's reconciler task does, run in-process: send (here: run) what is missing."""
    for work in match_runs_reconcile(now=now):
        if work.start:
            tasks.matching_run_start_task(work.run_id)
        for number in work.blocks:
            tasks.matching_run_block_task(work.run_id, number)
        if work.finish:
            tasks.matching_run_finish_task(work.run_id)


def test_a_start_delivered_twice_continues_the_run_instead_of_failing(market):
    run = MatchRun.objects.create()
    first = services.match_run_start(run=run)
    services.match_run_block(run=run, number=first[0])
    again = services.match_run_start(run=run)  # the same message, delivered a second time
    assert again == first[1:]
    assert MatchRunBlock.objects.filter(run=run).count() == len(first) == 5
    tasks.matching_run_start_task(run.pk)  # and the task itself: no IntegrityError
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)


def test_a_lost_start_message_is_sent_again_after_a_quiet_spell(market):
    run = MatchRun.objects.create()  # the start message never reached a worker
    assert match_runs_reconcile(now=_later(1)) == []  # maybe just queued behind other work
    _run_work(_later(3))
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)


def test_blocks_never_sent_after_the_start_committed_are_sent_again(market):
    run = MatchRun.objects.create()
    services.match_run_start(run=run)  # committed; the worker died before sending the blocks
    found = match_runs_reconcile(now=_later(3))
    assert [w.blocks for w in found] == [[0, 1, 2, 3, 4]]
    _run_work(_later(3))
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)


def test_a_merge_never_sent_after_the_last_block_is_sent_again(market):
    run = MatchRun.objects.create()
    for number in services.match_run_start(run=run):
        services.match_run_block(run=run, number=number)  # the merge message was lost
    # A redelivered block sees every block done and asks for the merge (not "done, nothing").
    assert services.match_run_block(run=run, number=2) is True
    assert [w.finish for w in match_runs_reconcile(now=_later(3))] == [True]
    _run_work(_later(3))
    run.refresh_from_db()
    assert run.status == "succeeded" and run.is_current
    assert_stored_lists_are_exact(visible=4)


def test_a_block_held_by_a_dead_worker_is_handed_on_after_its_lease(market, settings):
    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    MatchRunBlock.objects.filter(run=run, number=1).update(claimed_at=timezone.now())
    # While the lease runs, a second delivery of the block leaves it to its holder ...
    assert services.match_run_block(run=run, number=1) is False
    assert not MatchRunBlock.objects.get(run=run, number=1).done
    # ... and the reconciler sends only the blocks nobody holds.
    assert match_runs_reconcile(now=_later(3))[0].blocks == [0, 2, 3, 4]
    # Once the lease has run out, its holder is taken for dead (its time limit ended it before).
    expired = timezone.now() - timedelta(seconds=settings.MATCHING_BLOCK_LEASE + 60)
    MatchRunBlock.objects.filter(run=run, number=1).update(claimed_at=expired)
    assert match_runs_reconcile(now=_later(3))[0].blocks == [0, 1, 2, 3, 4]
    _run_work(_later(3))
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)


def test_a_run_making_progress_is_left_alone_however_long_it_runs(market, settings):
    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    long_ago = timezone.now() - timedelta(hours=5)
    MatchRun.objects.filter(pk=run.pk).update(started_at=long_ago, created_at=long_ago)
    services.match_run_block(run=run, number=0)  # progress just now
    assert [w.failed for w in match_runs_reconcile()] in ([], [""])
    run.refresh_from_db()
    assert run.status == "running"


def test_a_run_without_progress_for_the_stalled_time_is_failed_and_kept(market, settings):
    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    stalled = settings.MATCHING_STALLED_AFTER / 60
    match_runs_reconcile(now=_later(stalled + 1))
    run.refresh_from_db()
    assert run.status == "failed" and "stalled: no progress since" in run.error
    # A later run succeeds; the failed one stays, with its reason, for staff.
    tasks.matching_run_start_task(MatchRun.objects.create().pk)
    assert MatchRun.objects.filter(pk=run.pk, status="failed").exists()


def test_staff_retry_continues_a_failed_run_where_it_stopped(
    market, django_capture_on_commit_callbacks
):
    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    services.match_run_block(run=run, number=0)
    done_before = MatchRunBlock.objects.get(run=run, number=0).compute_ms
    services.match_run_fail(run=run, error="block 1: RuntimeError('bug, since fixed')")
    with django_capture_on_commit_callbacks(execute=True):
        services.match_run_retry(run=run)
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert MatchRunBlock.objects.get(run=run, number=0).compute_ms == done_before  # kept
    assert_stored_lists_are_exact(visible=4)


def test_a_cut_database_connection_is_retried_and_does_not_fail_the_run(market, monkeypatch):
    from celery.exceptions import Retry

    from matching.services import runs

    real = runs.graduate_facts

    def cut(**kwargs):
        raise OperationalError("terminating connection due to administrator command")

    run = MatchRun.objects.create()
    services.match_run_start(run=run)
    monkeypatch.setattr(runs, "graduate_facts", cut)
    with pytest.raises(Retry):  # the task asks Celery to try again later (eager: raised here)
        tasks.matching_run_block_task.apply(args=(run.pk, 0), throw=True)
    run.refresh_from_db()
    assert run.status == "running" and not run.error
    monkeypatch.setattr(runs, "graduate_facts", real)
    # The retry, or if its message is lost the reconciler once the block's lease ends, goes on.
    MatchRunBlock.objects.filter(run=run).update(claimed_at=timezone.now() - timedelta(hours=1))
    _run_work(_later(3))
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert_stored_lists_are_exact(visible=4)


@pytest.mark.parametrize(
    ("module", "function", "step"),
    [("services", "match_run_start", "start"), ("runs", "graduate_facts", "block 0")],
)
def test_a_bug_fails_the_run_with_its_error(market, monkeypatch, module, function, step):
    """Not a transient error: the run is failed at once, with the step and the error."""
    from matching.services import runs

    def broken(**kwargs):
        raise ValueError("no such field")

    monkeypatch.setattr(services if module == "services" else runs, function, broken)
    run = MatchRun.objects.create()
    with pytest.raises(ValueError):
        tasks.matching_run_start_task(run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and f"{step}: ValueError('no such field')" in run.error
    assert run.finished_at >= run.started_at
    assert not GraduateMatchList.objects.filter(run=run).exists()


def test_an_older_run_finishing_late_never_replaces_a_newer_current_one(market):
    old = MatchRun.objects.create()
    services.match_run_start(run=old)  # its snapshot is taken first ...
    newer = MatchRun.objects.create()
    tasks.matching_run_start_task(newer.pk)  # ... then a newer run finishes and becomes current
    for number in range(5):
        services.match_run_block(run=old, number=number)
    services.match_run_finish(run=MatchRun.objects.get(pk=old.pk))  # the old one ends late
    assert MatchRun.objects.get(is_current=True) == newer
    assert not MatchRun.objects.filter(pk=old.pk).exists()  # superseded, cleaned away
    assert_stored_lists_are_exact(visible=4)


def test_a_worker_reads_the_postings_once_for_all_the_blocks_of_a_run(market, monkeypatch):
    from matching.services import runs

    real, reads = runs.posting_facts, []
    monkeypatch.setattr(runs, "posting_facts", lambda **kw: reads.append(1) or real(**kw))
    monkeypatch.setattr(runs, "_run_inputs", None)
    tasks.matching_run_start_task(MatchRun.objects.create().pk)  # five blocks, one process
    assert len(reads) == 1
    assert_stored_lists_are_exact(visible=4)
    tasks.matching_run_start_task(MatchRun.objects.create().pk)  # a new run reads them again
    assert len(reads) == 2
