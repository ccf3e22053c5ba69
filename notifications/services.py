"""Writes for notifications: in-app messages, e-mail deliveries, and sending them once.

Every notification and e-mail has an idempotency key; creating one twice returns the first row,
and an e-mail already sent is never sent again, so tasks may run any number of times.
"""

import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from notifications.models import DeliveryStatus, EmailDelivery, Notification
from notifications.texts import notification_text


class MailServerError(Exception):
    """The mail server failed or could not be reached; the send is worth retrying."""


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def notification_create(
    *, user: User, kind: str, key: str, params: dict[str, Any], url: str = ""
) -> Notification:
    """The in-app notification for `key`, created on the first call only."""
    notification, _created = Notification.objects.get_or_create(
        key=key, defaults={"user": user, "kind": kind, "params": params, "url": url}
    )
    return notification


def email_queue(
    *,
    key: str,
    to_email: str,
    template: str,
    context: dict[str, Any],
    user: User | None = None,
    language: str | None = None,
) -> EmailDelivery:
    """Record an e-mail to send and enqueue it after commit; a known `key` changes nothing."""
    delivery, created = EmailDelivery.objects.get_or_create(
        key=key,
        defaults={
            "user": user,
            "to_email": to_email,
            "template": template,
            "context": context,
            "language": language or settings.LANGUAGE_CODE,
        },
    )
    if created:
        # The task module imports this one (the task calls email_delivery_send).
        from notifications.tasks import notify_send_email_task

        notify_send_email_task.delay_on_commit(delivery.pk)
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
        )
        message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message


def email_delivery_send(*, delivery_id: int, final: bool) -> EmailDelivery:
    """Send a pending delivery once; a sent or failed one is left alone.

    The row stays locked while the mail server talks, so two workers cannot both send it. When
    the server fails, the attempt and error are recorded; then `MailServerError` asks the task to
    retry, unless this was the `final` attempt, which marks the delivery failed instead."""
    error = ""
    with transaction.atomic():
        delivery = EmailDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.status != DeliveryStatus.PENDING:
            return delivery
        delivery.attempts += 1
        try:
            email_render(delivery).send()
        except (smtplib.SMTPException, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            delivery.last_error = error
            if final:
                delivery.status, delivery.failed_at = DeliveryStatus.FAILED, timezone.now()
        else:
            delivery.status, delivery.sent_at, delivery.last_error = (
                DeliveryStatus.SENT,
                timezone.now(),
                "",
            )
        delivery.save()
    if error and not final:
        raise MailServerError(error)
    return delivery


def notifications_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
