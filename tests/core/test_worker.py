"""A task that crosses the real broker: enqueued here, run by a separate `celery worker` process."""

import time

import pytest

from core.models import WorkerHeartbeat
from core.tasks import worker_heartbeat_task


def _wait_for(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_heartbeat_task_runs_in_a_real_worker_and_writes_to_the_database(celery_worker_process):
    worker_heartbeat_task.delay()
    assert _wait_for(
        lambda: WorkerHeartbeat.objects.filter(worker__startswith="pytest-worker@").exists()
    )
    beat = WorkerHeartbeat.objects.get(worker__startswith="pytest-worker@")
    assert beat.beats == 1

    worker_heartbeat_task.delay()
    assert _wait_for(lambda: WorkerHeartbeat.objects.get(pk=beat.pk).beats == 2)
    assert WorkerHeartbeat.objects.count() == 1


@pytest.mark.django_db
def test_heartbeat_task_in_process_records_the_in_process_worker():
    worker_heartbeat_task.delay()
    beat = WorkerHeartbeat.objects.get()
    assert beat.beats == 1


def test_task_messages_are_json_and_acked_late():
    from config.celery import app

    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert app.conf.task_time_limit < visibility
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.broker_transport_options["socket_timeout"] > 0


def test_every_beat_entry_names_a_registered_task():
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


def test_matching_tasks_go_to_the_matching_queue_and_the_heartbeat_to_the_default_one():
    from config.celery import app

    app.loader.import_default_modules()
    matching = [name for name in app.tasks if name.startswith("matching.tasks.")]
    assert sorted(name.rsplit(".", 1)[1] for name in matching) == [
        "matching_apply_changes_task",
        "matching_digests_send_task",
        "matching_impressions_prune_task",
        "matching_live_warm_task",
        "matching_nightly_run_task",
        "matching_posting_facts_warm_task",
        "matching_run_block_task",
        "matching_run_finish_task",
        "matching_run_start_task",
        "matching_sweep_runs_task",
    ]
    for name in matching:
        assert app.amqp.router.route({}, name)["queue"].name == "matching", name
    heartbeat = app.amqp.router.route({}, "core.tasks.worker_heartbeat_task")
    assert heartbeat["queue"].name == "default"
