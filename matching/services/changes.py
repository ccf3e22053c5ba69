"""Incremental updates: the MatchingChange outbox, applied to the current run's lists.

An edit records its entity in the outbox inside the edit's transaction; after commit one queued
job re-scores the recorded entities in the worker's in-memory LiveState (kept between jobs, and
rebuilt from the stored lists when another process has moved the run on) and stores the lists
that changed.
"""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from core.enqueue import TRANSIENT_ERRORS, send_now
from jobs.models import JobPosting
from matching.live import LiveState
from matching.live_arrays import Changed, relations_by_skill
from matching.models import (
    ChangeKind,
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    PostingMatchList,
)
from matching.selectors import (
    FactsRenewal,
    facts_context,
    graduate_facts,
    pending_changes,
    posting_facts,
    relation_facts,
)
from matching.services.snapshots import (
    CATCH_UP_MARGIN,
    live_snapshot_before,
    live_snapshot_load,
    live_snapshot_save,
)
from matching.services.storage import list_capacity, list_rows, lists_upsert, stored_lists
from profiles.models import GraduateProfile

APPLY_QUEUED_KEY = "matching:apply-queued"  # set while an apply job is queued and not started


def matching_change_record(*, kind: str, entity_id: int) -> None:
    """Note that an entity's matches need re-scoring; call inside the edit's transaction."""
    if kind not in ChangeKind.values:  # not a graduate or a posting (an application): not ours
        return
    MatchingChange.objects.update_or_create(
        kind=kind, entity_id=entity_id, defaults={"requested_at": timezone.now()}
    )
    transaction.on_commit(FactsRenewal(kind=kind, entity_id=entity_id))  # what pages keep
    matching_changes_enqueue()


def matching_changes_enqueue() -> None:
    """After commit, queue one job for the outbox unless one is already queued."""
    transaction.on_commit(_send_apply_once)


def _send_apply_once() -> None:
    """Send the apply job unless one is queued already. Never raises: the edit has committed and
    its outbox row is the promise; the beat sweep (every minute) applies what a lost or unsent
    message left behind, so a cache or broker that is down only delays the update."""
    from matching.tasks import matching_apply_changes_task

    # Many edits in a short time share one queued job; the job clears the key when it starts.
    # Without the cache (an error, or None from a cache that ignores its errors), send anyway:
    # a second job finds nothing to do.
    try:
        first = cache.add(APPLY_QUEUED_KEY, 1, timeout=30) is not False
    except TRANSIENT_ERRORS:
        first = True
    if first:
        send_now(matching_apply_changes_task)


@dataclass
class _Live:
    key: tuple[int, object, int]  # run id, its creation time, version of its lists
    state: LiveState
    run: MatchRun
    # (facts read at, their context) while the state has no snapshot on disk yet
    unsaved: tuple[datetime, tuple[object, ...] | None] | None = None


_live: _Live | None = None


def _live_state(run: MatchRun) -> LiveState:
    """The worker's in-memory state for the current run, rebuilt when another process moved on.

    A rebuild loads the snapshot kept on disk (matching.services.snapshots) and catches up on
    what changed since (the changed entities' facts, the lists written since). Without one (a
    new run), it starts from the previous run's snapshot when that is still good (_carry_over),
    or else reads every graduate, posting and list; either way it keeps a snapshot for the next
    process. It runs
    before the run's row is locked (the full run's swap and other workers' updates are not held
    up by it), in one consistent view of the database: the lists it loads are exactly those of
    `run.results_version`.
    """
    global _live
    key = (run.pk, run.created_at, run.results_version)
    if _live is not None and _live.key == key:
        return _live.state
    _live = None  # let the old state go before another one is read: never two at once
    kept = live_snapshot_load(run=run)
    if kept is None:
        # One process builds from scratch at a time; the others wait, then load its snapshot
        # (on its machine) instead of each holding a second copy of everything it reads.
        with _build_lock():
            kept = live_snapshot_load(run=run)
            if kept is None:
                carried = _carry_over(run)
                if carried is None:
                    return _remember(run, *_build(run))
                state, seen, read_at, context = carried
                return _remember(run, state, seen, unsaved=(read_at, context))
    with _snapshot():
        seen, read_at = _results_version(run), timezone.now()
        state, newer = kept.state, kept.results_version
        caught_up = _catch_up(state, since=kept.facts_at - CATCH_UP_MARGIN)
        state.load_lists(
            "graduates", stored_lists(run=run, model=GraduateMatchList, after_version=newer)
        )
        state.load_lists(
            "postings", stored_lists(run=run, model=PostingMatchList, after_version=newer)
        )
    if caught_up > SNAPSHOT_REFRESH_AFTER:  # keep the next process's catching up short
        live_snapshot_save(
            run=run, state=state, facts_at=read_at, results_version=seen, context=kept.context
        )
    return _remember(run, state, seen)


# Graduates' facts are read this many at a time while a state is built: the Python objects of
# 100,000 graduates' facts would take half a gigabyte at once, on top of the state itself.
BUILD_CHUNK = 10_000


def _build(run: MatchRun) -> tuple[LiveState, int]:
    """Read every graduate, posting and list; keep a snapshot of the result for the next process."""
    with _snapshot():
        seen, read_at, context = _results_version(run), timezone.now(), facts_context()
        ids = list(GraduateProfile.objects.order_by("id").values_list("id", flat=True))
        state = LiveState(
            [], posting_facts(), relation_facts(), list_capacity(), settings.MATCHING_TOP_K,
            graduate_capacity=len(ids),
        )  # fmt: skip
        for start in range(0, len(ids), BUILD_CHUNK):
            chunk = ids[start : start + BUILD_CHUNK]
            state.facts_set(graduates=graduate_facts(id_range=(chunk[0], chunk[-1])))
        _load_all_lists(run, state)
    state.prepare_columns()
    live_snapshot_save(
        run=run, state=state, facts_at=read_at, results_version=seen, context=context
    )
    return state, seen


def _carry_over(
    run: MatchRun,
) -> tuple[LiveState, int, datetime, tuple[object, ...] | None] | None:
    """A new run's state from the previous run's snapshot, or None when that cannot be trusted.

    Reading every graduate's and posting's facts is what a build spends its time on (about 15 s
    at 100,000 x 10,000), and few have changed since the previous run: the facts carry over when
    their context (the day, the visa rules' version, the language skills) and the skill
    relations are unchanged, and those of the entities whose change was recorded since are read
    again (every edit, the admin's too, records one). The lists are the new run's. The result
    equals a build (tests hold the two equal). It takes about a second at 100,000 x 10,000.
    """
    previous = live_snapshot_before(run=run)
    if previous is None or previous.context is None:
        return None
    with _snapshot():
        seen, read_at, context = _results_version(run), timezone.now(), facts_context()
        state = previous.state
        if context != previous.context or state.relations != relations_by_skill(relation_facts()):
            return None
        _catch_up(state, since=previous.facts_at - CATCH_UP_MARGIN)
        state.lists_clear()
        _load_all_lists(run, state)
    return state, seen, read_at, context  # kept on disk by _keep_snapshot


def _load_all_lists(run: MatchRun, state: LiveState) -> None:
    state.load_lists("graduates", stored_lists(run=run, model=GraduateMatchList))
    state.load_lists("postings", stored_lists(run=run, model=PostingMatchList))


def _results_version(run: MatchRun) -> int:
    seen = MatchRun.objects.filter(pk=run.pk).values_list("results_version", flat=True).first()
    return -1 if seen is None else seen


def _remember(
    run: MatchRun,
    state: LiveState,
    version: int,
    unsaved: tuple[datetime, tuple[object, ...] | None] | None = None,
) -> LiveState:
    global _live
    _live = _Live((run.pk, run.created_at, version), state, run, unsaved)
    return state


def _keep_snapshot() -> None:
    """Keep the in-memory state on disk if it is not yet (a carried-over state: written after
    the first update has gone out, so that update does not wait the half second it takes)."""
    global _live
    if _live is None or _live.unsaved is None:
        return
    facts_at, context = _live.unsaved
    live_snapshot_save(
        run=_live.run, state=_live.state, facts_at=facts_at, results_version=_live.key[2],
        context=context,
    )  # fmt: skip
    _live = replace(_live, unsaved=None)


BUILD_LOCK = 0x7462_6C69_7665  # PostgreSQL advisory lock key: "tblive"


@contextmanager
def _build_lock() -> Iterator[None]:
    """Held while a process builds the state from scratch (PostgreSQL; elsewhere one process)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [BUILD_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [BUILD_LOCK])


# A process that had to catch up on more changed entities than this keeps a fresh snapshot.
SNAPSHOT_REFRESH_AFTER = 2000


def _catch_up(state: LiveState, *, since: datetime) -> int:
    """Set again the facts of every entity whose change was recorded since `since`; a count."""
    changed = MatchingChange.objects.filter(requested_at__gte=since).values_list(
        "kind", "entity_id"
    )
    graduates = {i for kind, i in changed if kind == ChangeKind.GRADUATE}
    postings = {i for kind, i in changed if kind == ChangeKind.POSTING}
    found_g = graduate_facts(ids=graduates) if graduates else []
    found_p = posting_facts(ids=postings) if postings else []
    state.facts_set(
        graduates=found_g,
        postings=found_p,
        graduates_gone=sorted(graduates - {g.id for g in found_g}),
        postings_gone=sorted(postings - {p.id for p in found_p}),
    )
    return len(graduates) + len(postings)


def matching_live_forget() -> None:
    """Let this process's in-memory state go: a full run's block needs the memory more (nearly
    a gigabyte at 100,000 graduates), and the next update loads the snapshot in under a second."""
    global _live
    _live = None


def matching_live_warm() -> bool:
    """Have this process's state ready for the current run (after a full run, so that the first
    edit does not wait for it); True when there was a run to warm up for."""
    run = MatchRun.objects.filter(is_current=True).first()
    if run is None:
        return False
    _live_state(run)
    matching_changes_apply()  # edits made meanwhile go out first; then the snapshot is kept
    return True


@contextmanager
def _snapshot() -> Iterator[None]:
    """A read-only transaction that sees one moment of the database (REPEATABLE READ on
    PostgreSQL; SQLite's transactions see one moment already). Inside a caller's transaction,
    that transaction decides what is seen."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    graduate_lists: int
    posting_lists: int


def matching_changes_apply(*, limit: int = 1000) -> ApplyResult:
    """Re-score the entities in the outbox against the current run and store what changed.

    One process at a time stores (the current run's row is locked while it does); idempotent,
    since re-scoring an entity twice gives the same lists. Work survives a killed worker: the
    outbox rows are only marked applied in the transaction that stores the results.
    """
    result = _apply_outbox(limit)
    _keep_snapshot()
    return result


def _apply_outbox(limit: int) -> ApplyResult:
    global _live
    with suppress(*TRANSIENT_ERRORS):  # the key expires by itself; the outbox rows are what counts
        cache.delete(APPLY_QUEUED_KEY)
    for _attempt in range(3):
        current = MatchRun.objects.filter(is_current=True).first()
        if current is None or not pending_changes(limit=1):
            return ApplyResult(0, 0, 0)
        state = _live_state(current)  # without a lock: a cold build takes a while
        with transaction.atomic():
            run = MatchRun.objects.select_for_update().filter(is_current=True).first()
            if (
                run is None
                or _live is None
                or _live.key != (run.pk, run.created_at, run.results_version)
            ):
                continue  # another process, or a new run, moved the lists on meanwhile
            changes = pending_changes(limit=limit)
            try:
                changed = _apply(state, changes)
                _store_changed(run, state, changed)
            except BaseException:
                _live = None  # the in-memory state may be ahead of the database now
                raise
            for change in changes:
                MatchingChange.objects.filter(
                    pk=change.pk, requested_at=change.requested_at
                ).update(applied_at=timezone.now())
            MatchRun.objects.filter(pk=run.pk).update(results_version=F("results_version") + 1)
            _live = replace(_live, key=(run.pk, run.created_at, run.results_version + 1))
        return ApplyResult(len(changes), len(changed.graduates), len(changed.postings))
    return ApplyResult(0, 0, 0)  # the lists kept moving; the next job (or the sweep) goes on


def _apply(state: LiveState, changes: list[MatchingChange]) -> Changed:
    """Re-score every changed entity in the state (postings first); the rows that changed."""
    total = Changed()
    graduates = {c.entity_id for c in changes if c.kind == ChangeKind.GRADUATE}
    postings = {c.entity_id for c in changes if c.kind == ChangeKind.POSTING}
    found_postings = {p.id: p for p in posting_facts(ids=postings)} if postings else {}
    for posting_id in sorted(postings):
        step = state.posting_changed(posting_id, found_postings.get(posting_id))
        total.graduates |= step.graduates
        total.postings |= step.postings
    found_graduates = {g.id: g for g in graduate_facts(ids=graduates)} if graduates else {}
    for graduate_id in sorted(graduates):
        step = state.graduate_changed(graduate_id, found_graduates.get(graduate_id))
        total.graduates |= step.graduates
        total.postings |= step.postings
    return total


def _store_changed(run: MatchRun, state: LiveState, changed: Changed) -> None:
    """Write the changed lists of both sides, skipping entities deleted in the meantime, marked
    with the results_version this update makes (so a process can read only what is newer)."""
    version = run.results_version + 1
    g_ids = state.owner_ids("graduates")
    g_rows = _rows_still_present(g_ids, changed.graduates, GraduateProfile.objects.all())
    lists_upsert(
        run=run, model=GraduateMatchList,
        rows=list_rows(g_ids, state.lists("graduates"), g_rows), version=version,
    )  # fmt: skip
    p_ids = state.owner_ids("postings")
    p_rows = _rows_still_present(p_ids, changed.postings, JobPosting.objects.all())
    lists_upsert(
        run=run, model=PostingMatchList,
        rows=list_rows(p_ids, state.lists("postings"), p_rows), version=version,
    )  # fmt: skip


def _rows_still_present(
    owner_ids: np.ndarray, rows: set[int], entities: QuerySet[Any]
) -> np.ndarray:
    """The rows, ascending, whose entity still exists: a deleted one can have no list row."""
    candidates = sorted(rows)
    present = set(
        entities.filter(id__in=owner_ids[candidates].tolist()).values_list("id", flat=True)
    )
    return np.array([r for r in candidates if int(owner_ids[r]) in present], dtype=np.int64)
