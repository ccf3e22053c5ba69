from django.db.models import QuerySet

from employers.models import VerificationStatus
from jobs.models import JobPosting, PostingStatus


def posting_list_public() -> QuerySet[JobPosting]:
    """Open postings of verified employers, newest first: what anyone may browse."""
    return (
        JobPosting.objects.filter(
            status=PostingStatus.OPEN, employer__verification_status=VerificationStatus.VERIFIED
        )
        .select_related("employer")
        .order_by("-published_at", "-id")
    )


def posting_detail_public(*, pk: int) -> JobPosting:
    return posting_list_public().prefetch_related("skills__skill", "accepted_fields").get(pk=pk)
