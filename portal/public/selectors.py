"""Reads the public pages combine from several apps."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from employers.models import Employer
from employers.selectors import employer_list_public
from jobs.models import JobPosting
from jobs.selectors import posting_list_public
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
        verified_employers=Employer.objects.public().count(),
        graduates=GraduateProfile.objects.count(),
        courses=Course.objects.filter(is_active=True).count(),
    )


HOME_FIGURES_KEY, HOME_FIGURES_TTL = "portal:home-figures", 300  # seconds


def platform_figures_kept() -> PlatformFigures:
    """`platform_figures` as the home page shows them: kept five minutes in the shared cache
    (counting 100,000 graduates on every visit to the home page takes longer than the page)."""
    figures: PlatformFigures | None = cache.get(HOME_FIGURES_KEY)
    if figures is None:
        figures = platform_figures()
        cache.set(HOME_FIGURES_KEY, figures, HOME_FIGURES_TTL)
    return figures


# --- companies --------------------------------------------------------------------------------


def company_open_roles(*, employer: Employer) -> QuerySet[JobPosting]:
    """The company's public postings (JobPostingQuerySet.public), newest first."""
    return posting_list_public().filter(employer=employer)


def company_directory(*, industry: str = "", region: str = "") -> QuerySet[Employer]:
    """Verified companies (employer_list_public) with their count of open public postings."""
    public = JobPosting.objects.public().filter(employer=OuterRef("pk"))
    return employer_list_public(industry=industry, region=region).annotate(
        open_roles=Coalesce(
            Subquery(public.values("employer").annotate(n=Count("pk")).values("n")[:1]),
            Value(0),
        )
    )
