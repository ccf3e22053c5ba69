"""Reads of what a graduate keeps: saved postings and saved searches (404 for anyone else's),
and both for the graduate's data export."""

from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.http import Http404

from jobs.models import SavedJob, SavedSearch
from profiles.models import GraduateProfile

UNSUBSCRIBE_SALT = "jobs.saved-search.unsubscribe"


def saved_jobs_for_graduate(*, graduate: GraduateProfile) -> QuerySet[SavedJob]:
    """The graduate's saved postings, last saved first, closed ones included (shown as such)."""
    return (
        SavedJob.objects.filter(graduate=graduate)
        .select_related("posting__employer")
        .order_by("-created_at", "-id")
    )


def saved_job_ids(*, graduate: GraduateProfile | None, posting_ids: Iterable[int]) -> set[int]:
    """Which of these postings the graduate has saved (for the save buttons on a page)."""
    if graduate is None:
        return set()
    return set(
        SavedJob.objects.filter(graduate=graduate, posting_id__in=list(posting_ids)).values_list(
            "posting_id", flat=True
        )
    )


def saved_searches_for_graduate(*, graduate: GraduateProfile) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(graduate=graduate).order_by("name", "id")


def saved_search_for_graduate(*, graduate: GraduateProfile, pk: int) -> SavedSearch:
    """One of the graduate's own saved searches; 404 for anyone else's."""
    search = saved_searches_for_graduate(graduate=graduate).filter(pk=pk).first()
    if search is None:
        raise Http404("No such saved search")
    return search


def saved_search_from_token(*, token: str) -> SavedSearch | None:
    """The search an e-mail's unsubscribe token names; None for a bad or forged token."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return SavedSearch.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def saved_export(*, graduate: GraduateProfile) -> dict[str, list[dict[str, Any]]]:
    """The graduate's saved postings and searches, for their data export."""
    return {
        "saved_jobs": [
            {
                "posting_id": saved.posting_id,
                "title": saved.posting.title,
                "company": saved.posting.employer.name,
                "saved_at": saved.created_at.isoformat(),
            }
            for saved in saved_jobs_for_graduate(graduate=graduate)
        ],
        "saved_searches": [
            {
                "name": search.name,
                "filters": search.filters,
                "frequency": search.frequency,
                "created_at": search.created_at.isoformat(),
            }
            for search in saved_searches_for_graduate(graduate=graduate)
        ],
    }
