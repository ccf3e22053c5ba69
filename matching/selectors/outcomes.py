"""Reads of the logged impressions and outcomes: a user's share of their data export, and the
history the outcome replay (matching.outcome_metrics) runs over, read in bulk."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from core.choices import ApplicationStatus
from employers.models import AccessKind, CandidateAccess
from jobs.models import Application, ApplicationStatusChange, PostingInvitation
from matching.models import Impression, ListKind, Outcome
from matching.outcome_metrics import Pair, PairEvents, Shown

# The pipeline's stages that count as reaching an interview, and as the employer moving an
# application forward (jobs.models.PIPELINE_TRANSITIONS: screening, then interview, offer, hired).
INTERVIEW_OR_BEYOND = frozenset(
    {ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER, ApplicationStatus.HIRED}
)
ADVANCED = INTERVIEW_OR_BEYOND | {ApplicationStatus.SCREENING}


def impressions_export(*, user: User) -> dict[str, list[dict[str, Any]]]:
    """The user's part of their data export: the ranked lists they were shown and the job pages
    they opened, oldest first."""
    return {
        "lists_shown": [
            {
                "list": impression.get_list_kind_display(),
                "shown_at": impression.shown_at.isoformat(),
                "subject_id": impression.subject_id,
                "first_position": impression.offset + 1,
                "item_ids": impression.item_ids,
            }
            for impression in Impression.objects.filter(user=user).order_by("shown_at", "id")
        ],
        "job_pages_viewed": [
            {
                "posting_id": outcome.posting_id,
                "posting": outcome.posting.title,
                "at": outcome.at.isoformat(),
            }
            for outcome in Outcome.objects.filter(user=user)
            .select_related("posting")
            .order_by("at", "id")
        ],
    }


@dataclass(frozen=True)
class OutcomeHistory:
    shown: list[Shown]
    events: dict[Pair, PairEvents]


def _impressions(
    since: datetime.datetime | None, until: datetime.datetime | None
) -> QuerySet[Impression]:
    rows = Impression.objects.order_by("shown_at", "id")
    if since is not None:
        rows = rows.filter(shown_at__gte=since)
    if until is not None:
        rows = rows.filter(shown_at__lt=until)
    return rows


def _shown(row: tuple[str, int, int, int, list[int], datetime.datetime]) -> Shown:
    kind, viewer_id, subject_id, offset, item_ids, shown_at = row
    postings = ListKind.lists_postings(kind)
    pairs = tuple(
        (subject_id, int(item)) if postings else (int(item), subject_id) for item in item_ids
    )
    return Shown(kind, viewer_id, shown_at, offset, pairs, employer_side=not postings)


def outcome_history(
    *,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    window_days: int = 30,
) -> OutcomeHistory:
    """The impressions shown in [since, until), oldest first, and every event that may fall in
    their windows (up to `until` + the window), per (graduate, posting) pair. Six queries,
    whatever the number of rows."""
    shown = [
        _shown(row)
        for row in _impressions(since, until)
        .values_list("list_kind", "user_id", "subject_id", "offset", "item_ids", "shown_at")
        .iterator(chunk_size=2000)
    ]
    end = until + datetime.timedelta(days=window_days) if until is not None else None
    events: dict[Pair, PairEvents] = defaultdict(PairEvents)
    for pair, at in _pairs_at(Outcome.objects.all(), "at", since, end):
        events[pair].graduate_viewed.append(at)
    views = CandidateAccess.objects.filter(kind=AccessKind.PROFILE, posting__isnull=False)
    for pair, at in _pairs_at(views, "accessed_at", since, end):
        events[pair].employer_viewed.append(at)
    for pair, at in _pairs_at(Application.objects.all(), "created_at", since, end):
        events[pair].applied.append(at)
    for pair, at in _pairs_at(PostingInvitation.objects.all(), "created_at", since, end):
        events[pair].invited.append(at)
    _add_moves(events, since, end)
    return OutcomeHistory(shown=shown, events=dict(events))


def _between(
    rows: QuerySet[Any], field: str, since: datetime.datetime | None, end: datetime.datetime | None
) -> QuerySet[Any]:
    if since is not None:
        rows = rows.filter(**{f"{field}__gte": since})
    if end is not None:
        rows = rows.filter(**{f"{field}__lte": end})
    return rows


def _pairs_at(
    rows: QuerySet[Any], field: str, since: datetime.datetime | None, end: datetime.datetime | None
) -> list[tuple[Pair, datetime.datetime]]:
    found = _between(rows, field, since, end).values_list("graduate_id", "posting_id", field)
    return [((graduate_id, posting_id), at) for graduate_id, posting_id, at in found]


def _add_moves(
    events: dict[Pair, PairEvents],
    since: datetime.datetime | None,
    end: datetime.datetime | None,
) -> None:
    """The employer's forward moves, from the applications' append-only history."""
    moves = _between(
        ApplicationStatusChange.objects.filter(to_status__in=ADVANCED), "changed_at", since, end
    ).values_list("application__graduate_id", "application__posting_id", "to_status", "changed_at")
    for graduate_id, posting_id, status, at in moves:
        pair = events[(graduate_id, posting_id)]
        pair.advanced.append(at)
        if status in INTERVIEW_OR_BEYOND:
            pair.interviewed.append(at)
