"""Writes for notifications: in-app messages, e-mail deliveries, and sending them once.

Every notification and e-mail has an idempotency key; creating one twice returns the first row,
and an e-mail already sent is never sent again, so tasks may run any number of times. An e-mail's
retries are scheduled in its row, not in the broker, and a sweep (every minute) sends what is due.
"""

import hashlib
import logging
import smtplib
from datetime import timedelta
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from core.enqueue import send_after_commit, send_now
from notifications.models import DeliveryStatus, EmailDelivery, Notification
from notifications.selectors import email_deliveries_due, unread_key
from notifications.texts import notification_text

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def notification_create(
    *, user: User, kind: str, key: str, params: dict[str, Any], url: str = ""
) -> Notification:
    """The in-app notification for `key`, created on the first call only."""
    notification, created = Notification.objects.get_or_create(
        key=key, defaults={"user": user, "kind": kind, "params": params, "url": url}
    )
    if created:
        _forget_unread(user.pk)
    return notification


def _forget_unread(user_id: int) -> None:
    """The nav's kept unread figure is read again once this transaction commits."""
    transaction.on_commit(lambda: cache.delete(unread_key(user_id)))


def email_queue(
    *,
    key: str,
    to_email: str,
    template: str,
    context: dict[str, Any],
    user: User | None = None,
    language: str | None = None,
) -> EmailDelivery:
    """Record an e-mail to send and send it after commit; a known `key` changes nothing.

    It is written in `language`, else in the language of the `user` it is for, else in English.

    The row is the promise: if the broker cannot take the message, the sweep sends it."""
    delivery, created = EmailDelivery.objects.get_or_create(
        key=key,
        defaults={
            "user": user,
            "to_email": to_email,
            "template": template,
            "context": context,
            "language": language or (user.language if user else "") or settings.LANGUAGE_CODE,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        # The task module imports this one (the task calls email_delivery_send).
        from notifications.tasks import notify_send_email_task

        send_after_commit(notify_send_email_task, delivery.pk)
    return delivery


def notify(
    *,
    user: User,
    kind: str,
    key: str,
    params: dict[str, Any],
    url: str,
    email: bool = True,
) -> Notification:
    """An in-app notification and, by default, the same news by e-mail (one key for both)."""
    notification = notification_create(user=user, kind=kind, key=key, params=params, url=url)
    if email and user.email:
        email_queue(
            key=key,
            to_email=user.email,
            template=kind,
            context={"kind": kind, "params": params, "url": absolute_url(url) if url else ""},
            user=user,
        )
    return notification


def notifications_prune(*, now: Any = None) -> int:
    """Delete e-mail records sent or failed, and notifications, past their RETENTION_DAYS;
    pending e-mails stay. Returns how many rows went."""
    now = now or timezone.now()
    keep = settings.RETENTION_DAYS
    deliveries, _ = (
        EmailDelivery.objects.exclude(status=DeliveryStatus.PENDING)
        .filter(created_at__lt=now - timedelta(days=keep["email_deliveries"]))
        .delete()
    )
    notifications, _ = Notification.objects.filter(
        created_at__lt=now - timedelta(days=keep["notifications"])
    ).delete()
    return deliveries + notifications


# Parameters that name a person: blanked when that person's account is deleted.
PERSONAL_PARAMS = ("graduate_name",)


@transaction.atomic
def notifications_forget_person(*, user: User) -> None:
    """Before `user`'s account is deleted: e-mails to them go (sent or pending), and other
    people's notifications and e-mails about them (`params["person"]`) keep no name."""
    EmailDelivery.objects.filter(user=user).delete()
    EmailDelivery.objects.filter(to_email__iexact=user.email).delete()
    for notification in Notification.objects.filter(params__person=user.pk):
        notification.params = _forgotten(notification.params)
        notification.save(update_fields=["params"])
    for delivery in EmailDelivery.objects.filter(context__params__person=user.pk):
        # A calendar invitation names the person too (ATTENDEE): it goes with the name.
        kept = {name: value for name, value in delivery.context.items() if name != "ics"}
        delivery.context = {**kept, "params": _forgotten(delivery.context["params"])}
        delivery.save(update_fields=["context"])


@transaction.atomic
def notifications_redact(*, key_prefixes: list[str]) -> int:
    """Blank the person in the notifications and e-mail records whose key starts with one of
    `key_prefixes` (news about one application, say); returns how many were changed."""
    if not key_prefixes:
        return 0
    changed = 0
    match = Q()
    for prefix in key_prefixes:
        match |= Q(key__startswith=prefix)
    for notification in Notification.objects.filter(match):
        if any(notification.params.get(name) for name in PERSONAL_PARAMS):
            notification.params = _forgotten(notification.params)
            notification.save(update_fields=["params"])
            changed += 1
    for delivery in EmailDelivery.objects.filter(match):
        params = delivery.context.get("params") or {}
        if any(params.get(name) for name in PERSONAL_PARAMS):
            kept = {name: value for name, value in delivery.context.items() if name != "ics"}
            delivery.context = {**kept, "params": _forgotten(params)}
            delivery.save(update_fields=["context"])
            changed += 1
    return changed


def _forgotten(params: dict[str, Any]) -> dict[str, Any]:
    kept = {name: value for name, value in params.items() if name != "person"}
    return {**kept, **{name: "" for name in PERSONAL_PARAMS if name in kept}}


def message_id(key: str) -> str:
    """The Message-ID of the e-mail with idempotency key `key`: the same on every attempt, so a
    message sent again after a worker died mid-send is recognised as the same message."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "talentbridge.example"
    return f"<{digest}@{domain}>"


def email_render(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The message of a delivery, rendered in its language from the template triplet."""
    with translation.override(delivery.language):
        context = dict(delivery.context)
        text = notification_text(context.get("kind", delivery.template), context.get("params", {}))
        context.update(title=text.title, body=text.body, site_url=settings.SITE_URL)
        base = f"notifications/email/{delivery.template}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=render_to_string(f"{base}.txt", context),
            to=[delivery.to_email],
            headers={"Message-ID": message_id(delivery.key)},
        )
        message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    if delivery.context.get("ics"):
        message.attach(_calendar_part(delivery.context["ics"], delivery.context.get("ics_method")))
    return message


def _calendar_part(ics: str, method: str | None) -> MIMEText:
    """A calendar invitation (RFC 5545 text) as an attachment calendars recognise."""
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", method or "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


# Gaps between attempts while the mail server fails, in minutes: about 5 hours in all, then the
# delivery is failed and staff can send it again from the admin.
RETRY_GAPS_MINUTES = (1, 2, 5, 10, 20, 40, 60, 60, 60, 60)
MAX_ATTEMPTS = len(RETRY_GAPS_MINUTES) + 1
# How long one attempt may hold a delivery (several EMAIL_TIMEOUTs). A worker killed mid-send
# releases it after this; the sweep then sends it again, with the same Message-ID.
SEND_LEASE = timedelta(minutes=5)


def email_delivery_send(*, delivery_id: int) -> EmailDelivery:
    """Attempt a pending delivery whose time has come; a sent, failed, held or not-yet-due one
    is left alone, so the task may run any number of times.

    The attempt is recorded and committed before the mail server is contacted (a crash still
    counts it); a failure schedules the next attempt, and after MAX_ATTEMPTS fails the delivery.
    """
    delivery = _claim(delivery_id)
    if delivery is None:
        return EmailDelivery.objects.get(pk=delivery_id)
    try:
        email_render(delivery).send()
    except Exception as exc:  # the mail server's failure, or a message that cannot be rendered
        if not isinstance(exc, smtplib.SMTPException | OSError):
            logger.exception("e-mail %s could not be rendered or sent", delivery.pk)
        error = f"{type(exc).__name__}: {exc}"
        now = timezone.now()
        if delivery.attempts >= MAX_ATTEMPTS:
            updates: dict[str, Any] = {"status": DeliveryStatus.FAILED, "failed_at": now}
        else:
            gap = timedelta(minutes=RETRY_GAPS_MINUTES[delivery.attempts - 1])
            updates = {"next_attempt_at": now + gap}
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            last_error=error, claimed_until=None, **updates
        )
    else:
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
        )
    delivery.refresh_from_db()
    return delivery


def _claim(delivery_id: int) -> EmailDelivery | None:
    """Count an attempt and hold the delivery for SEND_LEASE, if it is pending, due and free."""
    now = timezone.now()
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.status != DeliveryStatus.PENDING:
            return None
        if delivery.claimed_until is not None and delivery.claimed_until > now:
            return None
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return None
        delivery.attempts += 1
        delivery.claimed_until = now + SEND_LEASE
        delivery.save(update_fields=["attempts", "claimed_until"])
    return delivery


def email_delivery_resend(*, delivery: EmailDelivery) -> EmailDelivery:
    """Staff: send a failed delivery again, with a fresh budget of attempts (same Message-ID)."""
    from notifications.tasks import notify_send_email_task

    updated = EmailDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        failed_at=None,
        claimed_until=None,
        next_attempt_at=timezone.now(),
    )
    if updated:
        send_after_commit(notify_send_email_task, delivery.pk)
    delivery.refresh_from_db()
    return delivery


def email_deliveries_send_due(*, limit: int = 500) -> list[int]:
    """The sweep: send every pending delivery whose time has come and that nobody holds
    (lost messages, a broker that was down, a worker killed mid-send). Returns their ids."""
    from notifications.tasks import notify_send_email_task

    due = email_deliveries_due(now=timezone.now(), limit=limit)
    for delivery_id in due:
        send_now(notify_send_email_task, delivery_id)
    return due


def notifications_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    changed = unread.update(read_at=timezone.now())
    if changed:
        _forget_unread(user.pk)
    return changed
