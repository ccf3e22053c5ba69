"""Outcome metrics over logged impressions: what share of the pairs shown in the top K went on to
an interview, to a positive move by both sides, to a view or to an application. Pure: no Django,
plain data in (matching.selectors.outcome_history reads it), figures out.

Definitions (K is a position cut-off, the window a number of days):

- A pair is (viewer, graduate, posting) within one list kind: the viewer is the user who saw the
  list; for a graduate's lists the graduate is the list's subject and the posting the item, for a
  candidate list the other way round.
- A pair is in the top K when any impression showed it at a position <= K (its best position).
  Its first such impression starts its window; later impressions of the pair do not count again.
- An event counts when it happens in [first impression, first impression + window].
- view-rate@K: the shown side opened the item (a graduate the job page; an employer the
  candidate's page for that posting).
- apply-rate@K: the graduate applied to the posting.
- interview-rate@K: the application reached interview, offer or hired.
- mutual-success@K, graduate lists: the graduate applied and the application reached interview
  or beyond. Candidate lists: the employer invited the graduate or advanced the application
  (screening or beyond), and the graduate applied.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Pair = tuple[int, int]  # (graduate id, posting id)


@dataclass(frozen=True)
class Shown:
    """One impression: the pairs in the order shown, the first at position `offset + 1`."""

    list_kind: str
    viewer_id: int
    shown_at: datetime.datetime
    offset: int
    pairs: tuple[Pair, ...]
    employer_side: bool  # True for a candidate list (an employer saw graduates)


@dataclass
class PairEvents:
    """When things happened to one (graduate, posting) pair; each list may hold several times."""

    graduate_viewed: list[datetime.datetime] = field(default_factory=list)
    employer_viewed: list[datetime.datetime] = field(default_factory=list)
    applied: list[datetime.datetime] = field(default_factory=list)
    invited: list[datetime.datetime] = field(default_factory=list)
    advanced: list[datetime.datetime] = field(default_factory=list)  # screening or beyond
    interviewed: list[datetime.datetime] = field(default_factory=list)  # interview or beyond


@dataclass(frozen=True)
class MetricsAtK:
    k: int
    pairs: int
    viewed: int
    applied: int
    interviewed: int
    mutual: int
    open_windows: int  # pairs whose window had not ended at the replay's `as_of`

    def rate(self, count: int) -> float | None:
        return count / self.pairs if self.pairs else None


@dataclass(frozen=True)
class ListReport:
    list_kind: str
    impressions: int
    pairs: int  # distinct pairs shown at any position
    by_k: tuple[MetricsAtK, ...]


@dataclass(frozen=True)
class _Exposure:
    first_at: datetime.datetime
    employer_side: bool


PairKey = tuple[int, int, int]  # (viewer, graduate, posting)


def first_exposures(shown: Iterable[Shown], k: int) -> dict[str, dict[PairKey, _Exposure]]:
    """Per list kind, each pair shown at a position <= k, with its first such impression."""
    found: dict[str, dict[PairKey, _Exposure]] = defaultdict(dict)
    for impression in shown:
        seen = found[impression.list_kind]
        for index, (graduate_id, posting_id) in enumerate(impression.pairs):
            if impression.offset + index + 1 > k:
                break
            key = (impression.viewer_id, graduate_id, posting_id)
            earlier = seen.get(key)
            if earlier is None or impression.shown_at < earlier.first_at:
                seen[key] = _Exposure(impression.shown_at, impression.employer_side)
    return found


def _within(times: Sequence[datetime.datetime], start: datetime.datetime, days: int) -> bool:
    end = start + datetime.timedelta(days=days)
    return any(start <= at <= end for at in times)


def _count(
    exposures: Mapping[PairKey, _Exposure],
    events: Mapping[Pair, PairEvents],
    k: int,
    window_days: int,
    as_of: datetime.datetime,
) -> MetricsAtK:
    viewed = applied = interviewed = mutual = open_windows = 0
    none = PairEvents()
    for (_viewer, graduate_id, posting_id), exposure in exposures.items():
        pair = events.get((graduate_id, posting_id), none)
        start = exposure.first_at
        did_apply = _within(pair.applied, start, window_days)
        did_interview = _within(pair.interviewed, start, window_days)
        if exposure.employer_side:
            did_view = _within(pair.employer_viewed, start, window_days)
            employer_moved = _within(pair.invited + pair.advanced, start, window_days)
            both = did_apply and employer_moved
        else:
            did_view = _within(pair.graduate_viewed, start, window_days)
            both = did_apply and did_interview
        viewed += did_view
        applied += did_apply
        interviewed += did_interview
        mutual += both
        open_windows += start + datetime.timedelta(days=window_days) > as_of
    return MetricsAtK(k, len(exposures), viewed, applied, interviewed, mutual, open_windows)


def outcome_reports(
    *,
    shown: Sequence[Shown],
    events: Mapping[Pair, PairEvents],
    ks: Sequence[int],
    window_days: int,
    as_of: datetime.datetime,
) -> list[ListReport]:
    """One report per list kind that has impressions (in order of first appearance), with the
    figures at each K in `ks` (ascending)."""
    ks = sorted(set(ks))
    impressions: dict[str, int] = defaultdict(int)
    for impression in shown:
        impressions[impression.list_kind] += 1
    deepest = max((i.offset + len(i.pairs) for i in shown), default=0)
    everywhere = first_exposures(shown, k=deepest)
    at_k = {k: first_exposures(shown, k) for k in ks}
    return [
        ListReport(
            list_kind=kind,
            impressions=count,
            pairs=len(everywhere.get(kind, {})),
            by_k=tuple(_count(at_k[k].get(kind, {}), events, k, window_days, as_of) for k in ks),
        )
        for kind, count in impressions.items()
    ]
