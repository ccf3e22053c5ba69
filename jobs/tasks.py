"""Jobs' scheduled work."""

from celery import shared_task

from jobs.services.news import closed_applicants_forget


@shared_task
def closed_applicants_forget_task() -> None:
    """Daily (Celery beat): news about applicants rejected long ago loses their name."""
    closed_applicants_forget()
