"""A partner's webhooks: registered by its software with its token, signed like a company's,
about the graduates who share with it (their consent, their applications) and the postings
published or closed; nothing once it is suspended or the graduate stops sharing."""

import json

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from jobs.models import PostingStatus
from jobs.services import application_submit, posting_set_status
from partners.services import (
    partner_approve,
    partner_share_grant,
    partner_share_withdraw,
    partner_suspend,
)
from tests.factories import (
    GraduateProfileFactory,
    JobPostingFactory,
    PartnerFactory,
    ready_to_apply,
)
from tests.partners.test_partner_api import _api, _token
from tests.webhooks.receiver import Receiver
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import HEADER, signature_valid

pytestmark = pytest.mark.django_db
EVERYTHING = [
    "graduate.consented", "graduate.consent_withdrawn", "application.created",
    "application.moved", "posting.published", "posting.closed",
]  # fmt: skip


@pytest.fixture
def partner_and_api(staff: User):
    partner = PartnerFactory()
    return partner, _api(_token(partner_approve(partner=partner, by=staff))[1]["access_token"])


def _types(receiver: Receiver) -> list[str]:
    return [json.loads(r["body"])["type"] for r in receiver.requests]


def test_a_partner_hears_of_its_graduates_and_of_postings(
    partner_and_api, receiver, django_capture_on_commit_callbacks
):
    partner, api = partner_and_api
    made = api.post("/api/v1/partner/webhooks/", {"url": receiver.url, "events": EVERYTHING})
    assert made.status_code == 201, made.json()
    endpoint = WebhookEndpoint.objects.get(pk=made.json()["id"])
    assert endpoint.partner == partner and endpoint.employer is None
    shared, other = (
        ready_to_apply(GraduateProfileFactory()),
        ready_to_apply(GraduateProfileFactory()),
    )
    posting = JobPostingFactory(status=PostingStatus.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        partner_share_grant(graduate=shared, partner=partner)
        posting_set_status(posting=posting, status=PostingStatus.OPEN)
        application_submit(graduate=shared, posting=posting, cover_letter="Hello")
        application_submit(graduate=other, posting=posting, cover_letter="Hello")  # not shared
        partner_share_withdraw(graduate=shared, partner=partner)
    assert _types(receiver) == [
        "graduate.consented", "posting.published", "application.created",
        "graduate.consent_withdrawn",
    ]  # fmt: skip
    first = receiver.requests[0]
    assert signature_valid(
        secret=made.json()["secret"], body=first["body"], header=first["headers"][HEADER.lower()]
    )
    assert json.loads(first["body"])["data"] == {"graduate": {"id": shared.pk, "sharing": True}}
    application = json.loads(receiver.requests[2]["body"])["data"]["application"]
    assert application["graduate"] == shared.pk
    log = api.get("/api/v1/partner/webhooks/deliveries/").json()["results"]
    assert {d["status"] for d in log} == {"delivered"} and len(log) == 4


def test_a_graduates_application_reaches_only_the_partners_they_share_with(
    partner_and_api, staff, receiver, django_capture_on_commit_callbacks
):
    api = partner_and_api[1]
    api.post("/api/v1/partner/webhooks/", {"url": receiver.url, "events": ["application.created"]})
    elsewhere = PartnerFactory()
    partner_approve(partner=elsewhere, by=staff)
    graduate = ready_to_apply(GraduateProfileFactory())
    partner_share_grant(graduate=graduate, partner=elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(graduate=graduate, posting=JobPostingFactory(), cover_letter="Hi")
    assert receiver.requests == []


def test_a_suspended_partner_is_sent_nothing(
    partner_and_api, receiver, django_capture_on_commit_callbacks
):
    partner, api = partner_and_api
    api.post("/api/v1/partner/webhooks/", {"url": receiver.url, "events": ["posting.closed"]})
    posting = JobPostingFactory()
    graduate = GraduateProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        partner_share_grant(graduate=graduate, partner=partner)
        partner_suspend(partner=partner)
        posting_set_status(posting=posting, status=PostingStatus.CLOSED)
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_a_company_cannot_subscribe_to_graduates_consent(employer, receiver):
    api = APIClient()
    api.force_authenticate(employer)
    answer = api.post(
        "/api/v1/employer/webhooks/", {"url": receiver.url, "events": ["graduate.consented"]}
    )
    assert answer.status_code == 400
    assert "events" in json.dumps(answer.json())


def test_a_partners_repeated_post_with_the_same_idempotency_key_is_replayed(
    partner_and_api, receiver
):
    api = partner_and_api[1]
    body = {"url": receiver.url, "events": ["posting.published"]}
    first = api.post("/api/v1/partner/webhooks/", body, HTTP_IDEMPOTENCY_KEY="setup-1")
    again = api.post("/api/v1/partner/webhooks/", body, HTTP_IDEMPOTENCY_KEY="setup-1")
    assert first.status_code == again.status_code == 201, again.content
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert WebhookEndpoint.objects.count() == 1
