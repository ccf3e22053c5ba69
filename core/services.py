from django.db.models import F
from django.utils import timezone

from core.models import WorkerHeartbeat


def worker_heartbeat_record(*, worker: str) -> WorkerHeartbeat:
    """Note that `worker` is alive now; one row per worker, so repeated beats never pile up."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker=worker).update(
        last_seen=now, beats=F("beats") + 1
    )
    if not updated:
        WorkerHeartbeat.objects.get_or_create(
            worker=worker, defaults={"last_seen": now, "beats": 1}
        )
    return WorkerHeartbeat.objects.get(worker=worker)
