"""Notification tasks: thin and idempotent (they take ids and call notifications.services).

Their names start with `notify_`, so the task routes send them to the `notifications` queue.
"""

from celery import shared_task

from notifications.services import MailServerError, email_delivery_send

EMAIL_MAX_RETRIES = 5


@shared_task(
    bind=True,
    autoretry_for=(MailServerError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=EMAIL_MAX_RETRIES,
)
def notify_send_email_task(self, delivery_id: int) -> None:  # type: ignore[no-untyped-def]
    """Send one e-mail; retried with exponential backoff while the mail server fails, and
    recorded as failed after the last retry."""
    if self.request.is_eager:
        # In-process (no broker, as in development): there is no queue to wait in, so the
        # retries run here one after another, and a failure never breaks the caller's request.
        for attempt in range(self.max_retries + 1):
            try:
                email_delivery_send(delivery_id=delivery_id, final=attempt >= self.max_retries)
            except MailServerError:
                continue
            return
    email_delivery_send(delivery_id=delivery_id, final=self.request.retries >= self.max_retries)
