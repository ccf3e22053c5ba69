"""Reads about the running system itself (health of the services the platform depends on)."""

from dataclasses import dataclass
from datetime import datetime

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max

from core.models import ExchangeRate, WorkerHeartbeat


@dataclass(frozen=True)
class ComponentHealth:
    name: str
    ok: bool
    detail: str


def _database_health() -> ComponentHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"; the detail says which
        return ComponentHealth("database", False, type(exc).__name__)
    return ComponentHealth("database", True, connection.vendor)


def _cache_health() -> ComponentHealth:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    try:
        cache.set("healthz", "ok", timeout=10)
        ok = cache.get("healthz") == "ok"
    except Exception as exc:
        return ComponentHealth("cache", False, type(exc).__name__)
    return ComponentHealth("cache", ok, backend if ok else f"{backend}: read-back failed")


def _broker_health() -> ComponentHealth:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return ComponentHealth("broker", True, "none: tasks run in-process")
    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return ComponentHealth("broker", False, type(exc).__name__)
    return ComponentHealth("broker", True, "redis")


def system_health() -> list[ComponentHealth]:
    """The state of the database, the cache and the Celery broker, each checked live."""
    return [_database_health(), _cache_health(), _broker_health()]


def worker_last_seen_seconds(*, now: datetime) -> float | None:
    """Seconds since any Celery worker last ran the heartbeat task (None: never)."""
    last = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    return None if last is None else (now - last).total_seconds()


@dataclass(frozen=True)
class BrokerQueues:
    """What waits on the broker: messages per queue, and the age of the oldest message a worker
    took but has not acknowledged (a task running, or held by a worker that died)."""

    depths: dict[str, int]
    oldest_unacked_seconds: float | None


def broker_queues(*, now: datetime) -> BrokerQueues | None:
    """Read the Redis broker's queues (None without a broker, when tasks run in-process)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return None
    with current_app.connection_for_read() as conn:
        client = conn.default_channel.client
        depths = {name: int(client.llen(name)) for name in settings.CELERY_TASK_QUEUES_NAMES}
        oldest = client.zrange("unacked_index", 0, 0, withscores=True)
    age = now.timestamp() - oldest[0][1] if oldest else None
    return BrokerQueues(depths, age)


def exchange_rate_get(currency: str) -> ExchangeRate | None:
    """The rate staff keep for `currency` (one won in it), or None when there is none."""
    return ExchangeRate.objects.filter(currency=currency).first()
