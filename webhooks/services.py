"""Webhooks: a verified company's owner, or an approved partner's software, registers endpoints
for its events; each event becomes a delivery per subscribed endpoint, in the transaction of the
change, and a worker posts it, signed (webhooks.signing), after the commit. A delivery is sent
only while its owner keeps its access (a verified company, an approved partner).

A delivery that fails (no answer in DELIVERY_TIMEOUT seconds, or a status other than 2xx) is
tried again later, with growing waits (RETRY_WAITS), by the sweep every minute (which also sends
what a lost message left behind); after MAX_ATTEMPTS it is failed, and the owner can redeliver
it. A delivery keeps its event id through retries and redeliveries: receivers act on an id once.
"""

import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.changes import APPLICATION_STATUS, PARTNER_SHARE, POSTING_STATUS
from core.enqueue import send_after_commit
from employers.models import Employer, MemberRole
from jobs.models import Application, JobPosting, PostingStatus
from partners.models import Partner, PartnerShare, PartnerStatus
from partners.selectors import partners_sharing_graduate
from webhooks.addresses import AddressRefused, webhook_url_check
from webhooks.models import (
    COMPANY_EVENTS,
    PARTNER_EVENTS,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from webhooks.signing import HEADER, signature

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
RETRY_WAITS = (60, 300, 1800, 7200, 21600)  # seconds after the 1st, 2nd ... failed attempt
DELIVERY_TIMEOUT = 5
CLAIM_SECONDS = 60  # a delivery being posted is not posted again by the sweep meanwhile
ENDPOINTS_MAX = 10


Owner = Employer | Partner


def _may_manage(owner: Owner, by: User | None) -> None:
    """A company's endpoints are its owners' to manage; a partner's, its software's (the API
    has checked its token), while staff keep it approved."""
    if isinstance(owner, Partner):
        if not owner.is_approved:
            raise PermissionDenied(_("Only an approved partner can manage its webhooks."))
        return
    member = owner.members.filter(user=by).first() if by is not None else None
    if member is None or member.role != MemberRole.OWNER:
        raise PermissionDenied(_("Only an owner of the company can manage its webhooks."))


def _owned_by(owner: Owner) -> dict[str, Owner]:
    return {"partner": owner} if isinstance(owner, Partner) else {"employer": owner}


def webhook_endpoint_create(
    *, owner: Owner, by: User | None, url: str, events: list[str]
) -> WebhookEndpoint:
    """A new endpoint for the company's or partner's events (its secret is shown once)."""
    _may_manage(owner, by)
    allowed = [str(e) for e in (PARTNER_EVENTS if isinstance(owner, Partner) else COMPANY_EVENTS)]
    errors: dict[str, list[str]] = {}
    try:
        webhook_url_check(url)
    except AddressRefused as refused:
        errors["url"] = [str(refused)]
    if not events or set(events) - set(allowed):
        errors["events"] = [
            _("Choose one or more of: %(events)s.") % {"events": ", ".join(allowed)}
        ]
    if WebhookEndpoint.objects.filter(**_owned_by(owner)).count() >= ENDPOINTS_MAX:
        errors["url"] = [_("At most %(n)s endpoints can be registered.") % {"n": ENDPOINTS_MAX}]
    if errors:
        raise ValidationError(errors)
    return WebhookEndpoint.objects.create(
        **_owned_by(owner), url=url, events=sorted(set(events)), created_by=by
    )


def _owner_of(endpoint: WebhookEndpoint) -> Owner:
    owner = endpoint.partner if endpoint.partner_id is not None else endpoint.employer
    assert owner is not None, "an endpoint has one owner (webhook_endpoint_one_owner)"
    return owner


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by: User | None) -> None:
    _may_manage(_owner_of(endpoint), by)
    endpoint.delete()


def _emit(endpoints: QuerySet[WebhookEndpoint], event: str, data: dict[str, Any]) -> int:
    """One delivery per active endpoint that wants `event`, sent after commit; how many."""
    wanting = [e for e in endpoints.filter(is_active=True) if event in e.events]
    for endpoint in wanting:
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=data)
        _send(delivery)
    return len(wanting)


def webhook_event_emit(*, employer_id: int, event: str, data: dict[str, Any]) -> int:
    """The company's endpoints hear of `event`; how many."""
    return _emit(WebhookEndpoint.objects.filter(employer_id=employer_id), event, data)


def _partner_endpoints(partner_ids: list[int] | None) -> QuerySet[WebhookEndpoint]:
    """The endpoints of approved partners (of these, when given)."""
    endpoints = WebhookEndpoint.objects.filter(partner__status=PartnerStatus.APPROVED)
    return endpoints if partner_ids is None else endpoints.filter(partner_id__in=partner_ids)


def webhook_events_from_change(*, kind: str, entity_id: int) -> None:
    """The listener of core.changes: an application's new status (for its company and for the
    partners its graduate shares with), a posting's publication or closing (for its company
    and every approved partner), a graduate's choice to share with a partner or to stop (for
    that partner). Ids and states only: the rest is read through the API, with a token, under
    the same rules as any reader."""
    if kind == APPLICATION_STATUS:
        _application_events(entity_id)
    elif kind == POSTING_STATUS:
        _posting_events(entity_id)
    elif kind == PARTNER_SHARE:
        share = PartnerShare.objects.filter(pk=entity_id).first()
        if share is not None:
            event = (
                WebhookEvent.GRADUATE_CONSENTED
                if share.is_live
                else WebhookEvent.GRADUATE_CONSENT_WITHDRAWN
            )
            data = {"graduate": {"id": share.graduate_number, "sharing": share.is_live}}
            _emit(_partner_endpoints([share.partner_id]), event, data)


def _application_events(application_id: int) -> None:
    application = Application.objects.select_related("posting").filter(pk=application_id).first()
    if application is None:
        return
    first = application.history.count() <= 1
    event = WebhookEvent.APPLICATION_CREATED if first else WebhookEvent.APPLICATION_MOVED
    state = {
        "id": application.pk,
        "posting": application.posting_id,
        "status": application.status,
        "updated_at": application.updated_at.isoformat(),
    }
    webhook_event_emit(
        employer_id=application.posting.employer_id, event=event, data={"application": state}
    )
    partners = partners_sharing_graduate(graduate_id=application.graduate_id)
    if partners:
        state = {**state, "graduate": application.graduate_id}
        _emit(_partner_endpoints(partners), event, {"application": state})


def _posting_events(posting_id: int) -> None:
    posting = JobPosting.objects.filter(pk=posting_id).first()
    events = {
        PostingStatus.OPEN: WebhookEvent.POSTING_PUBLISHED,
        PostingStatus.CLOSED: WebhookEvent.POSTING_CLOSED,
    }
    if posting is None or posting.status not in events:
        return
    event = events[PostingStatus(posting.status)]
    data = {"posting": {"id": posting.pk, "title": posting.title, "status": posting.status}}
    webhook_event_emit(employer_id=posting.employer_id, event=event, data=data)
    _emit(_partner_endpoints(None), event, data)


def _send(delivery: WebhookDelivery) -> None:
    _send_id(delivery.pk)


def _send_id(delivery_id: int) -> None:
    from webhooks.tasks import webhook_deliver_task  # the task module imports this one

    send_after_commit(webhook_deliver_task, delivery_id)


def webhook_delivery_attempt(*, delivery_id: int) -> str:
    """Post the delivery if it is due and nobody else is posting it; its status after."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
    delivery = (
        WebhookDelivery.objects.select_related("endpoint__employer", "endpoint__partner")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or not claimed:
        return "gone" if delivery is None else delivery.status
    code, error = _post(delivery)
    delivery.attempts += 1
    delivery.last_status_code, delivery.last_error = code, error[:300]
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    else:
        wait = RETRY_WAITS[min(delivery.attempts, len(RETRY_WAITS)) - 1]
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=wait)
    delivery.save()
    return delivery.status


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """(the receiver's status, an error text); never follows a redirect."""
    owner = _owner_of(delivery.endpoint)
    if not (owner.is_approved if isinstance(owner, Partner) else owner.is_verified):
        return None, "Not sent: the owner's access is suspended (not approved or verified)."
    try:
        webhook_url_check(delivery.endpoint.url)
    except AddressRefused as refused:
        return None, str(refused)
    body = json.dumps(
        {
            "id": str(delivery.event_id),
            "type": delivery.event,
            "created_at": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        separators=(",", ":"),
    ).encode()
    stamp = int(timezone.now().timestamp())
    # webhook_url_check has allowed only https (http where local receivers are allowed).
    request = urllib.request.Request(  # noqa: S310
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "TalentBridge-Webhooks/1",
            "TalentBridge-Event-Id": str(delivery.event_id),
            "TalentBridge-Event": delivery.event,
            HEADER: signature(secret=delivery.endpoint.secret, body=body, timestamp=stamp),
        },
    )
    try:
        with _NO_REDIRECTS.open(request, timeout=DELIVERY_TIMEOUT) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as refused:
        return refused.code, f"HTTP {refused.code}"
    except (urllib.error.URLError, OSError) as failed:
        return None, str(getattr(failed, "reason", failed))


class _Refuse(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is the receiver's answer (3xx), not somewhere else to go


_NO_REDIRECTS = urllib.request.build_opener(_Refuse)


def webhook_delivery_redeliver(*, delivery: WebhookDelivery, by: User | None) -> WebhookDelivery:
    """The company's owner (or the partner) sends it again (the same event id) now, whatever
    became of it."""
    _may_manage(_owner_of(delivery.endpoint), by)
    webhook_deliveries_resend(deliveries=[delivery])
    return delivery


@transaction.atomic
def webhook_deliveries_resend(*, deliveries: list[WebhookDelivery]) -> None:
    """Send these again now (staff in the admin, or an owner through the API)."""
    for delivery in deliveries:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.PENDING, timezone.now()
        delivery.save(update_fields=["status", "next_attempt_at"])
        _send(delivery)


def webhook_deliveries_due_send() -> int:
    """Send every pending delivery whose time has come (retries, and messages lost on the way
    to the broker); how many."""
    due = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:500]
    )
    for delivery_id in due:
        _send_id(delivery_id)
    return len(due)
