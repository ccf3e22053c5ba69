"""Reads for the staff dashboard."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from core.models import WorkerHeartbeat
from employers.models import Employer, VerificationStatus
from jobs.models import Application
from matching.models import MatchRun


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
