"""Jobs' scheduled and queued work: thin tasks that take ids and call jobs.services."""

from celery import shared_task

from core.choices import AlertFrequency
from core.enqueue import TRANSIENT_ERRORS
from jobs.services.alerts import saved_search_alerts_for_posting, saved_search_alerts_send
from jobs.services.news import closed_applicants_forget


@shared_task
def closed_applicants_forget_task() -> None:
    """Daily (Celery beat): news about applicants rejected long ago loses their name."""
    closed_applicants_forget()


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=5, max_retries=5)
def saved_search_alerts_instant_task(posting_id: int) -> None:
    """After a posting is published: the saved searches set to "instant" that it fits."""
    saved_search_alerts_for_posting(posting_id=posting_id)


@shared_task
def saved_search_alerts_daily_task() -> None:
    """Daily (Celery beat): each daily saved search's new postings since its last alert."""
    saved_search_alerts_send(frequency=AlertFrequency.DAILY)


@shared_task
def saved_search_alerts_weekly_task() -> None:
    """Weekly (Celery beat): each weekly saved search's new postings since its last alert."""
    saved_search_alerts_send(frequency=AlertFrequency.WEEKLY)
