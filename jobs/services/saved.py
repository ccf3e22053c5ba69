"""What a graduate keeps: saved postings, and saved searches with how often to hear of them."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import AlertFrequency
from jobs.filters import search_filters_clean, search_filters_summary
from jobs.models import JobPosting, SavedJob, SavedSearch
from profiles.models import GraduateProfile

__all__ = [
    "MAX_SAVED_SEARCHES",
    "saved_job_add",
    "saved_job_remove",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_update",
]

# Each saved search is one query per alert run: a graduate keeps a handful, not hundreds.
MAX_SAVED_SEARCHES = 20


def saved_job_add(*, graduate: GraduateProfile, posting: JobPosting) -> SavedJob:
    """Keep an open, public posting; saving it again changes nothing."""
    if not posting.is_public:
        raise ValidationError(_("Only an open job can be saved."))
    saved, _created = SavedJob.objects.get_or_create(graduate=graduate, posting=posting)
    return saved


def saved_job_remove(*, graduate: GraduateProfile, posting_id: int) -> bool:
    """Forget a saved posting (open or closed since); False when it was not saved."""
    deleted, _rows = SavedJob.objects.filter(graduate=graduate, posting_id=posting_id).delete()
    return bool(deleted)


@transaction.atomic
def saved_search_create(
    *,
    graduate: GraduateProfile,
    params: Mapping[str, object],
    name: str = "",
    frequency: str = AlertFrequency.DAILY,
) -> SavedSearch:
    """Keep a search's filters (validated as the search validates them) under a name, with
    alerts for postings published from now on. The same filters twice are refused."""
    filters = search_filters_clean(params)
    # Lock the graduate's row: two saves at once cannot pass the limit or save a twin.
    GraduateProfile.objects.select_for_update().filter(pk=graduate.pk).first()
    kept = list(SavedSearch.objects.filter(graduate=graduate))
    twin = next((search for search in kept if search.filters == filters), None)
    if twin is not None:
        raise ValidationError(
            _("You have already saved this search as “%(name)s”.") % {"name": twin.name}
        )
    if len(kept) >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You can keep up to %(n)s saved searches. Delete one to save another.")
            % {"n": MAX_SAVED_SEARCHES}
        )
    search = SavedSearch(
        graduate=graduate,
        filters=filters,
        name=(" ".join(name.split()) or search_filters_summary(filters))[:80],
        frequency=frequency,
        alerts_from=timezone.now(),
    )
    search.full_clean()
    search.save()
    return search


def saved_search_update(
    *, search: SavedSearch, name: str | None = None, frequency: str | None = None
) -> SavedSearch:
    """Rename the search or change how often it alerts. Alerts switched back on cover what is
    published from then on, not what was published while they were off."""
    if name is not None:
        search.name = " ".join(name.split())
    if frequency is not None:
        if search.frequency == AlertFrequency.OFF and frequency != AlertFrequency.OFF:
            search.alerts_from = timezone.now()
        search.frequency = frequency
    search.full_clean()
    search.save()
    return search


def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()
