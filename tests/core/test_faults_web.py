"""Requests made while Redis is down, against real processes: the site on gunicorn and a Celery
worker on a Redis of the test's own, a real SMTP connection to a sink, PostgreSQL.

The web process answers success for work that committed (the outbox row and the e-mail row are
the promise), and once Redis is back the beat's sweeps get that work done: the matching lists
hold the edit exactly, and the e-mail goes out once, with the Message-ID of its key.
"""

import json
import os
import signal
import time
import urllib.request
from email import message_from_bytes

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.token_services import api_token_create
from config.celery import app as celery_app
from matching.models import MatchingChange, MatchRun
from matching.services import match_run_block, match_run_finish, match_run_start
from matching.tasks import matching_apply_changes_task
from notifications import services as notification_services
from notifications.models import DeliveryStatus, EmailDelivery
from notifications.services import email_queue, message_id
from notifications.tasks import notify_send_due_emails_task
from tests import factories
from tests.faults import (
    OwnRedis,
    SmtpSink,
    pool_children,
    start_web,
    start_worker,
    stop,
    wait_for,
)
from tests.matching.market import assert_stored_lists_are_exact, build_market

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROCESS_ENV = {"MATCHING_TOP_K": "4", "MATCHING_BLOCK_SIZE": "7", "DJANGO_DEBUG": "false"}


@pytest.fixture
def stack():
    redis, smtp = OwnRedis(), SmtpSink()
    redis.start()
    env = {**PROCESS_ENV, "EMAIL_URL": smtp.url}
    web, base = start_web(redis.url, env)
    yield {"redis": redis, "smtp": smtp, "base": base, "env": env}
    stop(web)
    redis.kill()
    smtp.close()


def _full_run() -> None:
    """A current run, computed in this process (its follow-up tasks too: they run eagerly)."""
    run = MatchRun.objects.create(top_k=settings.MATCHING_TOP_K)
    for number in match_run_start(run=run):
        match_run_block(run=run, number=number)
    match_run_finish(run=run)


def _call(base: str, method: str, path: str, token: str, body: dict) -> tuple[int, float]:
    request = urllib.request.Request(  # noqa: S310 (a local http URL)
        base + path, method=method, data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (local)
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def _send(redis: OwnRedis, task) -> None:  # type: ignore[no-untyped-def]
    """What the beat sends every minute (to the test's own Redis, not run in this process)."""
    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    try:
        with celery_app.connection_for_write(redis.url) as conn:
            task.apply_async((), connection=conn)
    finally:
        celery_app.conf.task_always_eager = eager


def test_requests_answer_while_redis_is_down_and_their_work_is_done_once_it_is_back(
    settings, stack
):
    market = build_market(settings)
    _full_run()
    graduate, posting = market["graduates"][0], market["postings"][0]
    factories.ready_to_apply(graduate)  # applying needs a degree, a skill and a CV
    recruiter = factories.EmployerMemberFactory(employer=posting.employer).user
    token = api_token_create(user=graduate.user, name="fault test").key
    stack["redis"].kill()

    skills = {"skills": [{"skill": market["skills"][0].name, "level": 5}]}
    put = _call(stack["base"], "PUT", "/api/v1/graduate/skills/", token, skills)
    post = _call(stack["base"], "POST", "/api/v1/graduate/applications/", token,
                 {"posting": posting.pk})  # fmt: skip

    assert (put[0], post[0]) == (200, 201)  # success for what committed ...
    assert max(put[1], post[1]) < 15  # ... without waiting long on the dead broker
    change = MatchingChange.objects.get(kind="graduate", entity_id=graduate.pk)
    assert change.applied_at is None  # the outbox row waits
    delivery = EmailDelivery.objects.get(to_email=recruiter.email)
    assert delivery.status == DeliveryStatus.PENDING and stack["smtp"].messages == []

    stack["redis"].start()  # back, empty: every message sent meanwhile is gone
    worker = start_worker(stack["redis"].url, "after-outage", stack["env"])
    try:
        _send(stack["redis"], matching_apply_changes_task)
        _send(stack["redis"], notify_send_due_emails_task)
        assert wait_for(lambda: _applied(change) and len(stack["smtp"].messages) == 1, 60)
        _send(stack["redis"], notify_send_due_emails_task)  # a later sweep sends nothing again
        time.sleep(2)
    finally:
        stop(worker)
    assert len(stack["smtp"].messages) == 1
    sent = message_from_bytes(stack["smtp"].messages[0])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert sent["Message-ID"] == message_id(delivery.key) and sent["To"] == recruiter.email
    assert_stored_lists_are_exact(visible=4)


def _applied(change: MatchingChange) -> bool:
    change.refresh_from_db()
    return change.applied_at is not None


def test_a_worker_killed_after_the_smtp_server_took_a_message_sends_it_again_as_the_same_one(
    monkeypatch,
):
    """The one crash no sender can rule out: the server has the message, the worker dies before
    recording it. The sweep sends it again with the same Message-ID, so the recipient's mail
    system shows it once; the delivery ends sent, with both attempts counted."""
    redis, worker = OwnRedis(), None

    def kill_the_sender(count: int) -> None:
        if count == 1:  # the server took it; the worker never hears so
            for pid in pool_children(worker):
                os.kill(pid, signal.SIGKILL)

    smtp = SmtpSink(on_message=kill_the_sender)
    redis.start()
    try:
        worker = start_worker(redis.url, "smtp-crash", {**PROCESS_ENV, "EMAIL_URL": smtp.url})
        monkeypatch.setattr(notification_services, "send_after_commit", lambda *args: None)
        user = factories.UserFactory()
        delivery = email_queue(
            key="fault-test:1",
            to_email=user.email,
            template="application_moved",
            context={"kind": "application_moved", "params": {}, "url": ""},
            user=user,
        )  # fmt: skip  (its message is lost: the sweep finds the row)
        _send(redis, notify_send_due_emails_task)
        assert wait_for(lambda: len(smtp.messages) == 1, 60)
        assert wait_for(lambda: _held_by_nobody_alive(delivery), 30)
        # As if the send lease had run out (five minutes), then the beat's sweep:
        EmailDelivery.objects.filter(pk=delivery.pk).update(claimed_until=timezone.now())
        _send(redis, notify_send_due_emails_task)
        assert wait_for(lambda: _status(delivery) == DeliveryStatus.SENT, 60)
    finally:
        stop(worker)
        redis.kill()
        smtp.close()
    first, second = (message_from_bytes(m) for m in smtp.messages)
    assert first["Message-ID"] == second["Message-ID"] == message_id("fault-test:1")
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def _held_by_nobody_alive(delivery: EmailDelivery) -> bool:
    """The killed attempt's claim is still on the row and it is not sent."""
    delivery.refresh_from_db()
    return delivery.status == DeliveryStatus.PENDING and delivery.claimed_until is not None


def _status(delivery: EmailDelivery) -> str:
    delivery.refresh_from_db()
    return delivery.status
