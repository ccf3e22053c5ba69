"""Reads about the running system itself (health of the services the platform depends on)."""

from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection


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
