"""Interview tasks: thin (one service call), idempotent."""

from celery import shared_task

from interviews.services import interview_reminders_send


@shared_task
def interview_remind_task() -> None:
    """Every five minutes (Celery beat): the reminders due before booked interviews."""
    interview_reminders_send()
