from celery import shared_task

from analytics.services import skills_summary_compute


@shared_task
def skills_summary_task() -> int:
    """This week's skills demand and supply snapshot (daily, Celery beat); its run's id."""
    return skills_summary_compute().pk
