"""Incremental updates: the MatchingChange outbox, applied to the current run's lists.

An edit records its entity in the outbox inside the edit's transaction; after commit one queued
job re-scores the recorded entities in the worker's in-memory LiveState (kept between jobs, and
rebuilt from the stored lists when another process has moved the run on) and stores the lists
that changed.
"""

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from core.enqueue import TRANSIENT_ERRORS, send_now
from jobs.models import JobPosting
from matching.live import Changed, LiveState
from matching.models import (
    ChangeKind,
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    PostingMatchList,
)
from matching.selectors import graduate_facts, pending_changes, posting_facts, relation_facts
from matching.services.storage import list_capacity, list_rows, lists_upsert, stored_lists
from profiles.models import GraduateProfile

APPLY_QUEUED_KEY = "matching:apply-queued"  # set while an apply job is queued and not started


def matching_change_record(*, kind: str, entity_id: int) -> None:
    """Note that an entity's matches need re-scoring; call inside the edit's transaction."""
    MatchingChange.objects.update_or_create(
        kind=kind, entity_id=entity_id, defaults={"requested_at": timezone.now()}
    )
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
    try:
        first = cache.add(APPLY_QUEUED_KEY, 1, timeout=30)
    except TRANSIENT_ERRORS:
        first = True  # without the cache, send anyway: a second job finds nothing to do
    if first:
        send_now(matching_apply_changes_task)


@dataclass
class _Live:
    key: tuple[int, object, int]  # run id, its creation time, version of its lists
    state: LiveState


_live: _Live | None = None


def _live_state(run: MatchRun) -> LiveState:
    """The worker's in-memory state for the current run, rebuilt when another process moved on.

    A rebuild reads every graduate and posting, so it runs before the run's row is locked (the
    full run's swap and other workers' updates are not held up by it), in one consistent
    snapshot of the database: the lists it loads are exactly those of `run.results_version`.
    """
    global _live
    key = (run.pk, run.created_at, run.results_version)
    if _live is not None and _live.key == key:
        return _live.state
    with _snapshot():
        seen = MatchRun.objects.filter(pk=run.pk).values_list("results_version", flat=True).first()
        state = LiveState(
            graduate_facts(), posting_facts(), relation_facts(), list_capacity(),
            settings.MATCHING_TOP_K,
        )  # fmt: skip
        state.load_lists("graduates", stored_lists(run=run, model=GraduateMatchList))
        state.load_lists("postings", stored_lists(run=run, model=PostingMatchList))
    _live = _Live((run.pk, run.created_at, seen if seen is not None else -1), state)
    return state


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
            _live = _Live((run.pk, run.created_at, run.results_version + 1), state)
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
    """Write the changed lists of both sides, skipping entities deleted in the meantime."""
    g_ids = state.owner_ids("graduates")
    g_rows = _rows_still_present(g_ids, changed.graduates, GraduateProfile.objects.all())
    lists_upsert(
        run=run, model=GraduateMatchList, rows=list_rows(g_ids, state.lists("graduates"), g_rows)
    )
    p_ids = state.owner_ids("postings")
    p_rows = _rows_still_present(p_ids, changed.postings, JobPosting.objects.all())
    lists_upsert(
        run=run, model=PostingMatchList, rows=list_rows(p_ids, state.lists("postings"), p_rows)
    )


def _rows_still_present(
    owner_ids: np.ndarray, rows: set[int], entities: QuerySet[Any]
) -> np.ndarray:
    """The rows, ascending, whose entity still exists: a deleted one can have no list row."""
    candidates = sorted(rows)
    present = set(
        entities.filter(id__in=owner_ids[candidates].tolist()).values_list("id", flat=True)
    )
    return np.array([r for r in candidates if int(owner_ids[r]) in present], dtype=np.int64)
