"""Employers' scheduled work."""

from celery import shared_task

from employers.services import candidate_accesses_prune


@shared_task
def candidate_accesses_prune_task() -> None:
    """Daily (Celery beat): the log of candidates' profile and CV views past its retention."""
    candidate_accesses_prune()
