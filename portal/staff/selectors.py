"""Reads for the staff dashboard, and the readiness check of the background work."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import WorkerHeartbeat
from core.selectors import BrokerQueues, broker_queues, system_health, worker_last_seen_seconds
from employers.models import Employer, VerificationStatus
from jobs.models import Application
from matching.models import MatchRun
from matching.selectors import MatchingBacklog, matching_backlog
from notifications.selectors import DeliveryBacklog, delivery_backlog


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


# Thresholds past which background work counts as behind (readiness fails, the dashboard warns).
WORKER_SILENT_AFTER_S = 180  # the heartbeat runs every 60 s
OUTBOX_BEHIND_AFTER_S = 600  # edits reach the lists within a minute or two when all is well
EMAIL_BEHIND_AFTER_S = 1800


CHECK_LABELS = {
    "database": _("Database"),
    "cache": _("Cache"),
    "broker": _("Message broker"),
    "worker": _("Celery workers"),
    "matching_outbox": _("Edits waiting to reach the match lists"),
    "emails": _("E-mails"),
}


@dataclass(frozen=True)
class Check:
    name: str  # as /readyz reports it
    ok: bool
    detail: str

    @property
    def label(self) -> str:
        return str(CHECK_LABELS.get(self.name, self.name))


@dataclass(frozen=True)
class BackgroundWork:
    """The state of everything that runs behind the pages, read live."""

    checks: list[Check]
    queues: BrokerQueues | None
    matching: MatchingBacklog
    emails: DeliveryBacklog

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def _seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:.0f} s"


def background_work() -> BackgroundWork:
    """Services, workers, queues, the matching outbox and runs, and e-mail deliveries."""
    now = timezone.now()
    checks = [Check(c.name, c.ok, c.detail) for c in system_health()]
    queues = None
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks.append(Check("worker", True, "none: tasks run in-process"))
    else:
        seen = worker_last_seen_seconds(now=now)
        ok = seen is not None and seen <= WORKER_SILENT_AFTER_S
        checks.append(Check("worker", ok, f"last heartbeat {_seconds(seen)} ago"))
        with suppress(Exception):  # the broker check above already says when it is down
            queues = broker_queues(now=now)
    matching = matching_backlog(now=now)
    age = matching.outbox_oldest_seconds
    checks.append(
        Check(
            "matching_outbox",
            age is None or age <= OUTBOX_BEHIND_AFTER_S,
            f"{matching.outbox_pending} pending, oldest {_seconds(age)}",
        )
    )
    emails = delivery_backlog(now=now)
    due = emails.oldest_due_seconds
    checks.append(
        Check(
            "emails",
            due is None or due <= EMAIL_BEHIND_AFTER_S,
            f"{emails.pending} pending, oldest due {_seconds(due)}, {emails.failed} failed",
        )
    )
    return BackgroundWork(checks, queues, matching, emails)
