from celery import shared_task

from core.idempotency import idempotent_requests_prune
from core.services import worker_heartbeat_record


@shared_task(bind=True)
def worker_heartbeat_task(self) -> None:  # type: ignore[no-untyped-def]
    """Periodic (Celery beat): a worker takes tasks from the broker and reaches the database."""
    worker_heartbeat_record(worker=self.request.hostname or "in-process")


@shared_task
def idempotent_requests_prune_task() -> int:
    """Daily (Celery beat): answers kept for Idempotency-Key retries go after a day."""
    return idempotent_requests_prune()
