"""/readyz: services, a live worker, and background work that is not falling behind."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core.models import WorkerHeartbeat
from matching.models import MatchingChange, MatchRun
from notifications.models import EmailDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def alive_worker(db):
    """A worker that has just sent its heartbeat (with a broker, readiness expects one)."""
    return WorkerHeartbeat.objects.create(worker="alive@host", last_seen=timezone.now())


def test_ready_in_process_with_nothing_waiting(client: Client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert set(body["checks"]) == {
        "database", "cache", "broker", "worker", "matching_outbox", "emails",
    }  # fmt: skip
    assert body["checks"]["worker"] == {"ok": True}  # no details for the public
    assert "no-cache" in response.headers["Cache-Control"]


def test_an_outbox_falling_behind_makes_the_platform_not_ready(client: Client):
    MatchingChange.objects.create(
        kind="graduate", entity_id=1, requested_at=timezone.now() - timedelta(minutes=30)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["down"] == ["matching_outbox"]


def test_e_mails_waiting_long_past_their_time_make_the_platform_not_ready(client: Client):
    EmailDelivery.objects.create(
        key="k", to_email="a@example.com", template="new_application",
        next_attempt_at=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["down"] == ["emails"]


def test_a_silent_worker_makes_the_platform_not_ready(client: Client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # real workers are expected
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(minutes=9))
    body = client.get("/readyz").json()
    assert body["checks"]["worker"]["ok"] is False


def test_staff_see_the_figures_behind_each_check(staff_client: Client):
    MatchingChange.objects.create(kind="graduate", entity_id=1, requested_at=timezone.now())
    body = staff_client.get("/readyz").json()
    assert body["checks"]["matching_outbox"]["detail"].startswith("1 pending, oldest ")


def test_the_staff_dashboard_shows_background_work_and_links_failed_runs(staff_client: Client):
    MatchRun.objects.create(status="failed", error="stalled: no progress")
    EmailDelivery.objects.create(
        key="k", to_email="a@example.com", template="new_application", status="failed"
    )
    html = staff_client.get("/staff/").content.decode()
    assert "Background work" in html and "All running" in html
    assert "1 run failed this week." in html and "?status__exact=failed" in html
    assert "1 e-mail could not be delivered." in html


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_the_real_broker_the_queues_are_read(staff_client: Client):
    from portal.staff.selectors import background_work

    work = background_work()
    assert work.queues is not None
    assert set(work.queues.depths) == {"default", "matching", "notifications"}
    assert all(c.ok for c in work.checks), work.checks
