"""Reads the public pages combine from several apps."""

from dataclasses import dataclass

from employers.models import Employer, VerificationStatus
from jobs.models import JobPosting
from profiles.models import GraduateProfile
from training.models import Course


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
