"""The match digest: graduates hear of new postings that match them above a threshold, once a
day or once a week as each chose (GraduateProfile.match_digest_frequency), or not at all."""

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.choices import AlertFrequency
from jobs.models import JobPosting
from matching.models import Impression, ListKind, MatchRun, PostingMatchList
from matching.selectors import current_run, decoded_list, matchable_postings
from matching.services.outcomes import impressions_record_many
from notifications.models import Notification
from notifications.services import absolute_url, notify
from profiles.models import GraduateProfile

DIGEST_MAX_POSTINGS = 10
# The weekly digest goes out on Mondays (date.weekday()), covering the seven days before.
WEEKLY_DIGEST_WEEKDAY = 0
# Per frequency: the key's prefix and how many days before `day` the digest covers.
DIGEST_PERIODS = {
    AlertFrequency.DAILY: ("match-digest", 1),
    AlertFrequency.WEEKLY: ("match-digest-weekly", 7),
}


def _published_during(day: datetime.date, days: int) -> tuple[datetime.datetime, datetime.datetime]:
    """From midnight `days` days before `day` until midnight starting `day`."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return end - datetime.timedelta(days=days), end


def match_digests_send(*, day: datetime.date, min_score: float | None = None) -> int:
    """Run daily: the daily digests, and on WEEKLY_DIGEST_WEEKDAY the weekly ones. Graduates
    who turned the digest off get none. Returns the number of graduates notified."""
    sent = match_digests_send_for(frequency=AlertFrequency.DAILY, day=day, min_score=min_score)
    if day.weekday() == WEEKLY_DIGEST_WEEKDAY:
        sent += match_digests_send_for(
            frequency=AlertFrequency.WEEKLY, day=day, min_score=min_score
        )
    return sent


def match_digests_send_for(
    *, frequency: str, day: datetime.date, min_score: float | None = None
) -> int:
    """One digest per graduate who chose `frequency` (daily or weekly) for the postings
    published in the day (or the seven days) before `day` that match them with a score of at
    least `min_score`. The key holds the graduate and `day`, so a second run on the same day
    sends nothing new. Each digest sent is logged as an impression of its postings, in the order
    the e-mail lists them (one bulk INSERT for the day's digests)."""
    threshold = settings.NOTIFICATIONS_DIGEST_MIN_SCORE if min_score is None else min_score
    run = current_run()
    prefix, days = DIGEST_PERIODS[AlertFrequency(frequency)]
    start, end = _published_during(day, days)
    postings = {
        p.pk: p
        for p in matchable_postings()
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("employer")
    }
    if run is None or not postings:
        return 0
    found = _matches_above(run, postings, threshold)
    profiles = (
        GraduateProfile.objects.filter(match_digest_frequency=frequency)
        .select_related("user")
        .in_bulk(list(found))
    )
    keys = {gid: f"{prefix}:{p.user_id}:{day.isoformat()}" for gid, p in profiles.items()}
    already = set(Notification.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    shown: list[Impression] = []
    for graduate_id, matches in found.items():
        profile = profiles.get(graduate_id)
        if profile is None or not profile.user.is_active:
            continue
        matches.sort(key=lambda m: (-m[0], m[1].pk))
        notify(
            user=profile.user,
            kind="match_digest",
            key=keys[graduate_id],
            params={**_digest_params(matches), "period": frequency},
            url=reverse("jobs:list"),
        )
        if keys[graduate_id] not in already:
            shown.append(_digest_impression(profile, matches, run))
    impressions_record_many(impressions=shown)
    return len(profiles)


def _matches_above(
    run: MatchRun, postings: dict[int, JobPosting], threshold: float
) -> dict[int, list[tuple[float, JobPosting]]]:
    """Per graduate id, the new postings whose stored match reaches the threshold."""
    found: dict[int, list[tuple[float, JobPosting]]] = defaultdict(list)
    for stored in PostingMatchList.objects.filter(run=run, posting_id__in=list(postings)):
        for record in decoded_list(stored):
            if float(record["score"]) >= threshold:
                found[int(record["id"])].append(
                    (float(record["score"]), postings[stored.posting_id])
                )
    return found


def _digest_impression(
    profile: GraduateProfile, matches: list[tuple[float, JobPosting]], run: MatchRun
) -> Impression:
    return Impression(
        user=profile.user,
        list_kind=ListKind.MATCH_DIGEST,
        subject_id=profile.pk,
        item_ids=[posting.pk for _, posting in matches[:DIGEST_MAX_POSTINGS]],
        run_id=run.pk,
        run_version=run.results_version,
    )


def _digest_params(matches: list[tuple[float, JobPosting]]) -> dict[str, Any]:
    return {
        "count": len(matches),
        "manage_url": absolute_url(reverse("graduate:alerts")),
        "postings": [
            {
                "title": posting.title,
                "company": posting.employer.name,
                "score": round(score * 100),
                "url": absolute_url(reverse("jobs:detail", args=[posting.pk])),
            }
            for score, posting in matches[:DIGEST_MAX_POSTINGS]
        ],
    }
