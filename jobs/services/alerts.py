"""Saved searches' alerts: a graduate hears of new postings that fit a search they saved, in
the app and by e-mail, as soon as a posting is published (instant) or once a day or a week.

A posting is news for a search when it was published from the search's `alerts_from` on and the
search's filters (jobs.filters.PostingFilter, as on the search page) select it. Each posting
told is recorded (SavedSearchAlert, unique per search and posting), so no posting is told twice
for the same search, and each alert has an idempotency key, so a task run again sends nothing
new."""

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from core.choices import AlertFrequency
from jobs.filters import PostingFilter, search_query
from jobs.models import JobPosting, SavedSearch, SavedSearchAlert
from jobs.selectors import posting_list_public
from jobs.selectors.saved import UNSUBSCRIBE_SALT
from notifications.services import absolute_url, notify

__all__ = [
    "ALERT_MAX_POSTINGS",
    "saved_search_alert_send",
    "saved_search_alerts_for_posting",
    "saved_search_alerts_send",
    "saved_search_unsubscribe_token",
]

logger = logging.getLogger(__name__)

ALERT_MAX_POSTINGS = 10
# How far back a daily or weekly alert looks at most: its period and a day's grace for a beat
# that ran late. `alerts_from` is the usual start; this bounds it after a long pause.
LOOKBACK = {AlertFrequency.DAILY: timedelta(days=2), AlertFrequency.WEEKLY: timedelta(days=8)}


def saved_search_unsubscribe_token(search: SavedSearch) -> str:
    """A signed token that turns this search's alerts off (the e-mail's one-click link)."""
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def saved_search_alerts_for_posting(*, posting_id: int) -> int:
    """Instant alerts for a posting just published: every search set to "instant" that it fits
    and that has not told of it yet. Returns the number of searches alerted."""
    posting = posting_list_public().filter(pk=posting_id).first()
    if posting is None or posting.published_at is None:
        return 0
    candidates = SavedSearch.objects.filter(
        frequency=AlertFrequency.INSTANT,
        alerts_from__lte=posting.published_at,
        graduate__user__is_active=True,
    ).exclude(alerted__posting=posting)
    sent = 0
    for search_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            search = (
                _locked()
                .filter(pk=search_id, frequency=AlertFrequency.INSTANT)
                .exclude(alerted__posting=posting)
                .first()
            )
            fitting = _fitting(search, posting_list_public().filter(pk=posting.pk))
            if search is not None and fitting:
                _alert(search, fitting, key=f"saved-search:{search.pk}:posting:{posting.pk}")
                sent += 1
    return sent


def saved_search_alerts_send(*, frequency: str, now: datetime | None = None) -> int:
    """The daily or weekly alerts (Celery beat): each search with that frequency tells of the
    postings published since its last alert that fit it. Returns the number of searches that
    had news."""
    now = now or timezone.now()
    searches = SavedSearch.objects.filter(frequency=frequency, graduate__user__is_active=True)
    return sum(
        saved_search_alert_send(search_id=search_id, now=now)
        for search_id in searches.values_list("pk", flat=True)
    )


@transaction.atomic
def saved_search_alert_send(*, search_id: int, now: datetime) -> int:
    """One daily or weekly search's alert: the fitting postings published from `alerts_from`
    (at most LOOKBACK ago) until `now`, not told before; then `alerts_from` moves to `now`.
    Returns 1 when it had news, else 0."""
    search = _locked().filter(pk=search_id, frequency__in=list(LOOKBACK)).first()
    if search is None:
        return 0
    since = max(search.alerts_from, now - LOOKBACK[AlertFrequency(search.frequency)])
    fresh = posting_list_public().filter(published_at__gte=since, published_at__lt=now)
    postings = _fitting(search, fresh.exclude(pk__in=_told(search)))
    SavedSearch.objects.filter(pk=search.pk).update(alerts_from=max(now, search.alerts_from))
    if not postings:
        return 0
    told = ",".join(str(p.pk) for p in sorted(postings, key=lambda p: p.pk))
    digest = hashlib.sha256(told.encode()).hexdigest()[:16]
    _alert(search, postings, key=f"saved-search:{search.pk}:{search.frequency}:{digest}")
    return 1


def _locked() -> QuerySet[SavedSearch]:
    """Saved searches with their graduate's account, the search's row locked (only it)."""
    return SavedSearch.objects.select_related("graduate__user").select_for_update(of=("self",))


def _told(search: SavedSearch) -> QuerySet[SavedSearchAlert, Any]:
    return SavedSearchAlert.objects.filter(search=search).values("posting_id")


def _fitting(search: SavedSearch | None, postings: QuerySet[JobPosting]) -> list[JobPosting]:
    """The postings the search's filters select, newest first; none when the filters are no
    longer valid (a choice since removed): an alert never widens the search the user saw."""
    if search is None:
        return []
    chosen = PostingFilter(dict(search.filters), queryset=postings)
    if not chosen.is_valid():
        logger.warning("saved search %s has filters no longer valid: %s", search.pk, chosen.errors)
        return []
    return list(chosen.qs.order_by("-published_at", "-id"))


def _alert(search: SavedSearch, postings: list[JobPosting], *, key: str) -> None:
    """Record the postings as told, and tell the graduate (in the app and by e-mail)."""
    SavedSearchAlert.objects.bulk_create(
        [SavedSearchAlert(search=search, posting=posting) for posting in postings],
        ignore_conflicts=True,
    )
    user = search.graduate.user
    notify(
        user=user,
        kind="saved_search_alert",
        key=key,
        params=_alert_params(search, postings),
        url=f"{reverse('jobs:list')}?{search_query(search.filters)}",
    )


def _alert_params(search: SavedSearch, postings: list[JobPosting]) -> dict[str, Any]:
    token = saved_search_unsubscribe_token(search)
    return {
        "search_name": search.name,
        "frequency": search.frequency,
        "count": len(postings),
        "postings": [
            {
                "title": posting.title,
                "company": posting.employer.name,
                "url": absolute_url(reverse("jobs:detail", args=[posting.pk])),
            }
            for posting in postings[:ALERT_MAX_POSTINGS]
        ],
        "manage_url": absolute_url(reverse("graduate:alerts")),
        "unsubscribe_url": absolute_url(reverse("graduate:saved_search_unsubscribe", args=[token])),
    }
