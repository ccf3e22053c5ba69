"""Reads the employer's pages combine from several apps."""

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least

from core.choices import ApplicationStatus
from employers.models import Employer
from jobs.models import Application, JobPosting
from matching.models import PostingMatchList


def _counted(rows: QuerySet[Application]) -> Coalesce:
    """The number of `rows` (filtered on OuterRef("pk")), as a column of each posting."""
    per_posting = rows.order_by().values("posting").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(per_posting, output_field=IntegerField()), Value(0))


def employer_postings_overview(*, employer_id: int) -> QuerySet[JobPosting]:
    """The employer's postings with their application counts, newest first.

    The counts are subqueries of each posting, not a join grouped by posting: a page of
    25 counts 25 postings' applications, and its paginator counts postings alone (the busiest
    company has hundreds)."""
    applications = Application.objects.filter(posting=OuterRef("pk"))
    return (
        JobPosting.objects.filter(employer_id=employer_id)
        .annotate(
            applications_total=_counted(applications),
            applications_new=_counted(applications.filter(status=ApplicationStatus.APPLIED)),
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
