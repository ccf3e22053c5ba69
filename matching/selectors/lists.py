"""The stored match lists the pages and the API show: a graduate's postings, a posting's
candidates, and whether a refresh is pending."""

from dataclasses import dataclass

import numpy as np
from django.db.models import BinaryField, Q
from django.db.models.functions import Substr

from core.choices import EducationLevel
from core.request_memo import request_kept, request_memo
from jobs.models import JobPosting
from matching.models import (
    ENTRY_DTYPE,
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    PostingMatchList,
)
from matching.selectors.posting_facts import matchable_postings
from profiles.models import (
    GraduateProfile,
    Visibility,
)


@request_memo
def current_run() -> MatchRun | None:
    """The run whose lists pages show (read once per request: several parts of a page ask)."""
    return MatchRun.objects.filter(is_current=True).first()


# --- what pages show -------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchEntry:
    rank: int
    score: float
    fit: float
    preference: float


def _entries(
    stored: GraduateMatchList | PostingMatchList | None, limit: int
) -> list[tuple[int, MatchEntry]]:
    if stored is None:
        return []
    records = stored.decoded()[: min(limit, stored.length)]
    return [
        (int(r["id"]), MatchEntry(n + 1, float(r["score"]), float(r["fit"]), float(r["pref"])))
        for n, r in enumerate(records)
    ]


@dataclass(frozen=True)
class PostingMatch:
    posting: JobPosting
    match: MatchEntry


def graduate_ids_matched_above(*, score: float) -> set[int]:
    """The graduates whose best match in the current run scores `score` or more (0 to 1). Reads
    only each list's first record (lists are best first), not the lists."""
    run = current_run()
    if run is None:
        return set()
    head = Substr("entries", 1, ENTRY_DTYPE.itemsize, output_field=BinaryField())
    firsts = (
        GraduateMatchList.objects.filter(run=run, length__gt=0)
        .annotate(head=head)
        .values_list("graduate_id", "head")
    )
    return {
        graduate_id
        for graduate_id, first in firsts.iterator(chunk_size=5000)
        if float(np.frombuffer(bytes(first), dtype=ENTRY_DTYPE)["score"][0]) >= score
    }


def _stored_list(graduate: GraduateProfile, run: MatchRun) -> GraduateMatchList | None:
    """The graduate's list in `run` (the current one), read once per request (the dashboard's
    matches and what its course suggestions are kept under both ask)."""
    kept, key = request_kept(), f"{__name__}.stored-list:{run.pk}:{graduate.pk}"
    if kept is not None and key in kept:
        found: GraduateMatchList | None = kept[key]
        return found
    stored = GraduateMatchList.objects.filter(run=run, graduate=graduate).first()
    if kept is not None:
        kept[key] = stored
    return stored


def graduate_list_stamp(*, graduate: GraduateProfile) -> str:
    """Changes when the graduate's own list is rewritten (a new run, or a new version of their
    list in it), not when anyone else's is."""
    run = current_run()
    if run is None:
        return "none"
    stored = _stored_list(graduate, run)
    return f"{run.pk}.{None if stored is None else stored.version}"


def matches_for_graduate(*, graduate: GraduateProfile, limit: int = 50) -> list[PostingMatch]:
    """The graduate's best open postings, best first (two queries, whatever the limit)."""
    run = current_run()
    if run is None:
        return []
    entries = _entries(_stored_list(graduate, run), limit)
    postings = matchable_postings().select_related("employer").in_bulk([pid for pid, _ in entries])
    return [PostingMatch(postings[pid], m) for pid, m in entries if pid in postings]


def graduate_ranked_posting_ids(*, graduate: GraduateProfile) -> list[int]:
    """The ids in the graduate's stored match list, best first (the headroom beyond K too)."""
    run = current_run()
    stored = _stored_list(graduate, run) if run is not None else None
    return [] if stored is None else [int(pid) for pid in decoded_list(stored)["id"]]


@dataclass(frozen=True)
class CandidateMatch:
    graduate: GraduateProfile
    match: MatchEntry


# What a candidate list shows of each graduate (the pages' rows and the API's items).
LISTED_FIELDS = (
    "id", "user_id", "headline", "nationality", "topik_level", "visibility",
    "user__id", "user__full_name", "user__email",
)  # fmt: skip


@dataclass(frozen=True)
class CandidateFilters:
    nationality: str = ""
    min_topik: int | None = None
    min_education: str = ""
    min_score: float | None = None
    order_by: str = "score"  # or "fit"


def candidates_for_posting(
    *, posting: JobPosting, filters: CandidateFilters | None = None, limit: int = 50
) -> list[CandidateMatch]:
    """A posting's best discoverable graduates, best first, filtered (two queries). Each
    profile holds what candidate lists show (LISTED_FIELDS); anything else is read on use."""
    filters = filters or CandidateFilters()
    run = current_run()
    if run is None:
        return []
    stored = PostingMatchList.objects.filter(run=run, posting=posting).first()
    entries = _entries(stored, limit)
    profiles = (
        GraduateProfile.objects.select_related("user")
        .only(*LISTED_FIELDS)
        .filter(id__in=[gid for gid, _ in entries], visibility=Visibility.DISCOVERABLE)
    )
    if filters.nationality:
        profiles = profiles.filter(nationality=filters.nationality)
    if filters.min_topik is not None:
        profiles = profiles.filter(topik_level__gte=filters.min_topik)
    if filters.min_education:
        allowed = EducationLevel.values[EducationLevel.rank(filters.min_education) :]
        profiles = profiles.filter(education__level__in=allowed).distinct()
    found = {p.id: p for p in profiles}
    result = [
        CandidateMatch(found[gid], m)
        for gid, m in entries
        if gid in found and (filters.min_score is None or m.score >= filters.min_score)
    ]
    if filters.order_by == "fit":
        result.sort(key=lambda c: (-c.match.fit, -c.match.score, c.graduate.id))
    return result


def graduate_matches_refreshing(*, graduate: GraduateProfile) -> bool:
    """True while an edit of this graduate waits in the outbox to be re-scored."""
    from django.db.models import F

    return MatchingChange.objects.filter(
        Q(applied_at__isnull=True) | Q(applied_at__lt=F("requested_at")),
        kind="graduate",
        entity_id=graduate.pk,
    ).exists()


def decoded_list(stored: GraduateMatchList | PostingMatchList) -> np.ndarray:
    return stored.decoded()[: stored.length]


# --- why a pair scores what it scores ----------------------------------------------------------
