"""Reads the employer's pages combine from several apps."""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least

from employers.models import Employer
from jobs.models import JobPosting
from matching.models import PostingMatchList


def employer_postings_overview(*, employer_id: int) -> QuerySet[JobPosting]:
    """The employer's postings with their application counts, newest first."""
    return (
        JobPosting.objects.filter(employer_id=employer_id)
        .annotate(
            applications_total=Count("applications"),
            applications_new=Count("applications", filter=Q(applications__status="applied")),
            # Lists keep a few entries beyond K as headroom; employers see the top K.
            ranked_candidates=Least(
                Coalesce(
                    Subquery(
                        PostingMatchList.objects.filter(
                            run__is_current=True, posting=OuterRef("pk")
                        ).values("length")[:1]
                    ),
                    Value(0),
                ),
                Value(settings.MATCHING_TOP_K),
            ),
        )
        .order_by("-created_at")
    )


def employer_postings(*, employer: Employer, status: str = "") -> QuerySet[JobPosting]:
    """The company's postings with their application counts, newest first."""
    postings = employer_postings_overview(employer_id=employer.pk).select_related("employer")
    return postings.filter(status=status) if status else postings
