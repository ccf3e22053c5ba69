"""Webhooks end to end against a real HTTP receiver: endpoints only owners register, on public
https addresses; each event is posted signed (the receiver checks the signature as a partner
would), retried with growing waits after a failure, failed after the last attempt, redelivered
with the same event id (a receiver that acts once per id acts once), never redirected."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from employers.models import MemberRole
from jobs.services import application_move, application_submit, posting_set_status
from tests.factories import (
    EmployerMemberFactory,
    GraduateProfileFactory,
    JobPostingFactory,
    ready_to_apply,
)
from tests.webhooks.receiver import Receiver
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    MAX_ATTEMPTS,
    webhook_deliveries_due_send,
    webhook_endpoint_create,
)
from webhooks.signing import HEADER, signature, signature_valid

pytestmark = pytest.mark.django_db
WEBHOOKS = "/api/v1/employer/webhooks/"


@pytest.fixture
def employer_api(employer: User) -> APIClient:
    api = APIClient()
    api.force_authenticate(employer)
    return api


@pytest.fixture
def company(employer: User) -> Any:
    return employer.employer_membership.employer


def _endpoint(company: Any, employer: User, receiver: Receiver, *events: str) -> WebhookEndpoint:
    return webhook_endpoint_create(
        owner=company, by=employer, url=receiver.url, events=list(events)
    )


def _apply(posting: Any) -> Any:
    graduate = ready_to_apply(GraduateProfileFactory())
    return application_submit(graduate=graduate, posting=posting, cover_letter="Hello")


def test_an_application_is_posted_signed_and_logged(
    company, employer, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(company, employer, receiver, "application.created")
    posting = JobPostingFactory(employer=company)
    with django_capture_on_commit_callbacks(execute=True):
        application = _apply(posting)
    [request] = receiver.requests
    assert signature_valid(
        secret=endpoint.secret, body=request["body"], header=request["headers"][HEADER.lower()]
    )
    event = json.loads(request["body"])
    assert event["type"] == "application.created"
    assert event["data"]["application"] == {
        "id": application.pk,
        "posting": posting.pk,
        "status": "applied",
        "updated_at": application.updated_at.isoformat(),
    }
    assert request["headers"]["talentbridge-event-id"] == event["id"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)


def test_only_the_events_an_endpoint_wants_and_only_its_companys(
    company, employer, receiver, django_capture_on_commit_callbacks
):
    _endpoint(company, employer, receiver, "application.moved", "posting.closed")
    mine, theirs = JobPostingFactory(employer=company), JobPostingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = _apply(mine)  # created: not wanted
        _apply(theirs)  # another company's
        application_move(application=application, to_status="screening", by=employer)
        posting_set_status(posting=mine, status="closed")
    assert [json.loads(r["body"])["type"] for r in receiver.requests] == [
        "application.moved",
        "posting.closed",
    ]


def test_a_failed_delivery_is_retried_later_and_then_delivered(
    company, employer, receiver, django_capture_on_commit_callbacks
):
    _endpoint(company, employer, receiver, "application.created")
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        _apply(JobPostingFactory(employer=company))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < wait <= timedelta(seconds=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_deliveries_due_send() == 0  # not due yet
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_deliveries_due_send() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert len(receiver.requests) == 2 and len(receiver.acted_on()) == 1


def test_after_the_last_attempt_a_delivery_is_failed(
    company, employer, receiver, django_capture_on_commit_callbacks
):
    _endpoint(company, employer, receiver, "application.created")
    receiver.answers = [503] * MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        _apply(JobPostingFactory(employer=company))
    for _ in range(MAX_ATTEMPTS - 1):
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            webhook_deliveries_due_send()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS)
    assert len(receiver.requests) == MAX_ATTEMPTS


def test_a_redelivery_keeps_the_event_id_and_the_log_shows_it(
    company, employer, receiver, employer_api: APIClient, django_capture_on_commit_callbacks
):
    _endpoint(company, employer, receiver, "application.created")
    with django_capture_on_commit_callbacks(execute=True):
        _apply(JobPostingFactory(employer=company))
    delivery = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        again = employer_api.post(f"{WEBHOOKS}deliveries/{delivery.pk}/redeliver/")
    assert again.status_code == 202, again.content
    assert len(receiver.requests) == 2 and receiver.acted_on() == {str(delivery.event_id)}
    log = employer_api.get(f"{WEBHOOKS}deliveries/").json()["results"]
    assert [(d["event_id"], d["status"], d["attempts"]) for d in log] == [
        (str(delivery.event_id), "delivered", 2)
    ]


def test_a_redirect_is_an_answer_not_a_place_to_go(
    company, employer, receiver, django_capture_on_commit_callbacks
):
    _endpoint(company, employer, receiver, "application.created")
    receiver.answers = [302]
    with django_capture_on_commit_callbacks(execute=True):
        _apply(JobPostingFactory(employer=company))
    assert len(receiver.requests) == 1  # the redirect target was never asked
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)


def test_a_signature_fails_for_another_body_another_secret_or_an_old_time():
    body, now = b'{"id":"1"}', 1_764_982_800
    header = signature(secret="whsec_a", body=body, timestamp=now)
    assert signature_valid(secret="whsec_a", body=body, header=header, now=now + 10)
    assert not signature_valid(secret="whsec_a", body=b'{"id":"2"}', header=header, now=now)
    assert not signature_valid(secret="whsec_b", body=body, header=header, now=now)
    assert not signature_valid(secret="whsec_a", body=body, header=header, now=now + 3600)
    assert not signature_valid(secret="whsec_a", body=body, header="v1=abc", now=now)


def test_owners_register_endpoints_and_see_the_secret_once(
    company, employer, employer_api: APIClient, receiver
):
    created = employer_api.post(
        WEBHOOKS, {"url": receiver.url, "events": ["application.created"]}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["secret"].startswith("whsec_")
    listed = employer_api.get(WEBHOOKS).json()["results"]
    assert [e["url"] for e in listed] == [receiver.url] and "secret" not in listed[0]
    colleague = EmployerMemberFactory(employer=company, role=MemberRole.RECRUITER)
    api = APIClient()
    api.force_authenticate(colleague.user)
    refused = api.post(WEBHOOKS, {"url": receiver.url, "events": ["posting.closed"]}, format="json")
    assert refused.status_code == 403
    deleted = api.delete(f"{WEBHOOKS}{listed[0]['id']}/")
    assert deleted.status_code == 403 and WebhookEndpoint.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hooks",  # not https
        "https://127.0.0.1/hooks",  # the platform's own machine
        "https://169.254.169.254/latest/meta-data",  # a cloud's metadata address
        "https://10.0.0.5/hooks",  # a private network
        "https://user:pass@example.com/hooks",
    ],
)
def test_in_production_webhooks_go_only_to_public_https_addresses(
    employer_api: APIClient, settings, url: str
):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    response = employer_api.post(
        WEBHOOKS, {"url": url, "events": ["posting.closed"]}, format="json"
    )
    assert response.status_code == 400 and "url" in response.json()["error"]["fields"]
    assert not WebhookEndpoint.objects.exists()


def test_unknown_events_are_refused(employer_api: APIClient, receiver):
    response = employer_api.post(
        WEBHOOKS, {"url": receiver.url, "events": ["everything"]}, format="json"
    )
    assert response.status_code == 400 and "events.0" in response.json()["error"]["fields"]
