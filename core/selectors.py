"""Reads about the running system itself (health of the services the platform depends on)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from config.celery import app
from core.models import WorkerHeartbeat
from employers.models import Employer, VerificationStatus
from jobs.models import Application, JobPosting
from matching.models import MatchRun
from profiles.models import GraduateProfile
from training.models import Course


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
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return ComponentHealth("broker", False, type(exc).__name__)
    return ComponentHealth("broker", True, "redis")


def system_health() -> list[ComponentHealth]:
    """The state of the database, the cache and the Celery broker, each checked live."""
    return [_database_health(), _cache_health(), _broker_health()]


@dataclass(frozen=True)
class PlatformFigures:
    open_postings: int
    verified_employers: int
    graduates: int
    courses: int


def platform_figures() -> PlatformFigures:
    """Headline counts for the home page and the staff dashboard."""

    return PlatformFigures(
        open_postings=JobPosting.objects.public().count(),
        verified_employers=Employer.objects.filter(
            verification_status=VerificationStatus.VERIFIED
        ).count(),
        graduates=GraduateProfile.objects.count(),
        courses=Course.objects.filter(is_active=True).count(),
    )


@dataclass(frozen=True)
class StaffOverview:
    pending_employers: list[Employer]
    latest_run: MatchRun | None
    applications_this_week: int
    workers: list[WorkerHeartbeat]


def staff_overview() -> StaffOverview:
    """What needs a staff member's attention: employers to verify and the state of matching."""

    return StaffOverview(
        pending_employers=list(
            Employer.objects.filter(verification_status=VerificationStatus.PENDING).order_by(
                "created_at"
            )[:10]
        ),
        latest_run=MatchRun.objects.first(),
        applications_this_week=Application.objects.filter(
            created_at__gte=timezone.now() - timedelta(days=7)
        ).count(),
        workers=list(WorkerHeartbeat.objects.all()[:5]),
    )
