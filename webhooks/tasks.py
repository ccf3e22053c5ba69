from celery import shared_task

from webhooks.services import webhook_deliveries_due_send, webhook_delivery_attempt


@shared_task
def webhook_deliver_task(delivery_id: int) -> str:
    """Post one delivery (after the commit of its event, and again when the sweep finds it due)."""
    return webhook_delivery_attempt(delivery_id=delivery_id)


@shared_task
def webhook_deliveries_sweep_task() -> int:
    """Every minute (Celery beat): the deliveries whose retry is due, or whose message was lost."""
    return webhook_deliveries_due_send()
