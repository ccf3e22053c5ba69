"""Notification tasks: thin and idempotent (they take ids and call notifications.services).

Their names start with `notify_`, so the task routes send them to the `notifications` queue.
Retries of a failing mail server are not Celery retries: the delivery's row holds the schedule,
and the sweep sends what is due, so a broker restart loses none of them.
"""

from celery import shared_task

from core.enqueue import TRANSIENT_ERRORS
from notifications.services import (
    email_deliveries_send_due,
    email_delivery_send,
    notifications_prune,
)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=5, max_retries=5)
def notify_send_email_task(delivery_id: int) -> None:
    """Attempt one e-mail (a failure schedules the next attempt in the row)."""
    email_delivery_send(delivery_id=delivery_id)


@shared_task
def notify_send_due_emails_task() -> None:
    """Every minute (Celery beat): send the pending e-mails whose time has come."""
    email_deliveries_send_due()


@shared_task
def notifications_prune_task() -> None:
    """Daily (Celery beat): e-mail records and notifications past their retention."""
    notifications_prune()
