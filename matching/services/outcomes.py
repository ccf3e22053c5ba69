"""Logging what users were shown and what they opened, and pruning it after the retention period.

An impression is one ranked list shown to one signed-in user (the dashboard's matches, a page of
job search results, a posting's candidates, a digest e-mail); an outcome is a graduate opening a
job page. Applying, inviting and the pipeline stages are already recorded by jobs, and an employer
opening a candidate's page by employers' access log, so the replay reads those where they are.

Logging must never break the page that calls it: each call writes one row inside a savepoint (the
request's transaction stays usable on PostgreSQL if the INSERT fails), and a failure is logged and
swallowed. Nothing is logged for anonymous visitors or for an empty list.
"""

import datetime
import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from jobs.models import JobPosting
from matching.models import Impression, ListKind, MatchRun, Outcome, OutcomeKind
from profiles.models import GraduateProfile

logger = logging.getLogger(__name__)


def impression_record(
    *,
    user: User | None,
    list_kind: ListKind | str,
    subject_id: int,
    item_ids: Sequence[int],
    offset: int = 0,
    run: MatchRun | None = None,
) -> Impression | None:
    """Log that `user` was shown `item_ids` in this order, the first at position `offset + 1`.

    One INSERT, or none for an anonymous visitor or an empty list. Never raises: a failure is
    logged and None returned."""
    if user is None or not user.is_authenticated or not item_ids:
        return None
    try:
        with transaction.atomic():
            return Impression.objects.create(
                user=user,
                list_kind=list_kind,
                subject_id=subject_id,
                item_ids=[int(pk) for pk in item_ids],
                offset=offset,
                run_id=run.pk if run is not None else None,
                run_version=run.results_version if run is not None else None,
            )
    except Exception:
        logger.exception("Could not log an impression of %s for user %s", list_kind, user.pk)
        return None


def impressions_record_many(*, impressions: Sequence[Impression]) -> int:
    """Log several impressions at once (the digests of one day): one bulk INSERT. Never raises;
    returns the number logged (0 after a failure, which is logged)."""
    if not impressions:
        return 0
    try:
        with transaction.atomic():
            return len(Impression.objects.bulk_create(impressions))
    except Exception:
        logger.exception("Could not log %d impressions", len(impressions))
        return 0


def outcome_record(
    *,
    user: User | None,
    graduate: GraduateProfile | None,
    posting: JobPosting,
    kind: OutcomeKind | str = OutcomeKind.VIEWED,
) -> Outcome | None:
    """Log that a signed-in graduate opened `posting`'s page: one INSERT, none for an anonymous
    visitor or a user without a graduate profile. Never raises: a failure is logged."""
    if user is None or not user.is_authenticated or graduate is None:
        return None
    try:
        with transaction.atomic():
            return Outcome.objects.create(user=user, graduate=graduate, posting=posting, kind=kind)
    except Exception:
        logger.exception("Could not log a %s outcome for user %s", kind, user.pk)
        return None


def impressions_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the impressions and outcomes older than IMPRESSION_RETENTION_DAYS; returns how many
    rows went. Idempotent: a second run the same day deletes nothing more."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPRESSION_RETENTION_DAYS)
    impressions, _ = Impression.objects.filter(shown_at__lt=cutoff).delete()
    outcomes, _ = Outcome.objects.filter(at__lt=cutoff).delete()
    if impressions or outcomes:
        logger.info("Pruned %d impressions and %d outcomes", impressions, outcomes)
    return impressions + outcomes
