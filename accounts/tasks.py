"""Accounts' scheduled work."""

from celery import shared_task

from accounts.services import accounts_prune


@shared_task
def accounts_prune_task() -> None:
    """Daily (Celery beat): never-verified sign-ups past their retention, expired sessions."""
    accounts_prune()
