"""Writes for matching: full runs (in blocks, on any number of workers), incremental updates.

A full run reads a snapshot, scores graduates in blocks (each block a Celery task), merges the
postings' partial lists, writes everything in bulk (COPY on PostgreSQL) and then makes the new run
current in one transaction: readers see the old lists or the new ones, never a mixture. Edits in
between are recorded in the MatchingChange outbox and re-applied to the new run after the swap.
"""

import io
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from matching import engine
from matching.facts import GraduateFacts, PostingFacts
from matching.live import Changed, LiveState, StoredList
from matching.models import (
    ENTRY_DTYPE,
    ChangeKind,
    GraduateMatchList,
    MatchingChange,
    MatchList,
    MatchRun,
    MatchRunBlock,
    PostingMatchList,
    RunStatus,
)
from matching.selectors import (
    graduate_facts,
    pending_changes,
    posting_facts,
    relation_facts,
)
from matching.toplists import Lists, TopLists, merge_posting_lists
from profiles.models import GraduateProfile

logger = logging.getLogger(__name__)

HEADROOM = 14  # entries kept beyond K, so an entity leaving a list rarely forces a rebuild


def list_capacity() -> int:
    top_k: int = settings.MATCHING_TOP_K
    return top_k + HEADROOM


# --- storing lists ---------------------------------------------------------------------------


def _packed(ids: np.ndarray, score: np.ndarray, fit: np.ndarray, pref: np.ndarray) -> np.ndarray:
    packed = np.empty(ids.shape, dtype=ENTRY_DTYPE)
    packed["id"], packed["score"], packed["fit"], packed["pref"] = ids, score, fit, pref
    return packed


def list_rows(
    owner_ids: np.ndarray, lists: TopLists | Lists, rows: np.ndarray
) -> list[tuple[int, bytes, int, bool]]:
    cap = lists.ids.shape[1]
    packed = _packed(lists.ids[rows], lists.score[rows], lists.fit[rows], lists.pref[rows])
    length = lists.length[rows]
    complete = lists.complete[rows] if isinstance(lists, Lists) else lists.total[rows] <= cap
    return [
        (int(owner_ids[n]), packed[k, : length[k]].tobytes(), int(length[k]), bool(complete[k]))
        for k, n in enumerate(rows)
    ]


def _owner_field(model: type[MatchList]) -> str:
    return "graduate_id" if model is GraduateMatchList else "posting_id"


ListRow = tuple[int, bytes, int, bool]  # owner id, packed entries, length, complete
# Either side's list model (the abstract MatchList has no manager).
ListModel = TypeVar("ListModel", GraduateMatchList, PostingMatchList)


def _check_identifiers(*names: str) -> None:
    """Table and column names come from code, never from users; refuse anything unusual."""
    for name in names:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"Not a plain SQL identifier: {name!r}")


def copy_list_rows(*, table: str, owner_column: str, run_id: int, rows: list[ListRow]) -> None:
    """PostgreSQL: stream new list rows with binary COPY."""
    now = timezone.now()
    columns = f"run_id, {owner_column}, entries, length, complete, updated_at"
    _check_identifiers(table, owner_column)
    statement = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.set_types(["int8", "int8", "bytea", "int2", "bool", "timestamptz"])
        for owner_id, entries, length, complete in rows:
            copy.write_row((run_id, owner_id, entries, length, complete, now))


def update_list_rows(*, table: str, owner_column: str, run_id: int, rows: list[ListRow]) -> int:
    """PostgreSQL: replace existing list rows in one UPDATE; returns how many rows matched."""
    if not rows:
        return 0
    values = ", ".join(["(%s::bigint, %s::bytea, %s::smallint, %s::boolean)"] * len(rows))
    params: list[int | bytes] = [v for row in rows for v in row]
    _check_identifiers(table, owner_column)
    # Identifiers checked above; every value is a bound parameter.
    sql = (
        f"UPDATE {table} AS t SET entries = v.entries, length = v.length, "  # noqa: S608
        f"complete = v.complete, updated_at = now() "
        f"FROM (VALUES {values}) AS v(owner, entries, length, complete) "
        f"WHERE t.run_id = %s AND t.{owner_column} = v.owner"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, run_id])
        updated: int = cursor.rowcount
        return updated


def lists_insert(*, run: MatchRun, model: type[ListModel], rows: list[ListRow]) -> None:
    """Insert new list rows in bulk: COPY on PostgreSQL, batched INSERTs elsewhere."""
    owner = _owner_field(model)
    if connection.vendor == "postgresql":
        copy_list_rows(table=model._meta.db_table, owner_column=owner, run_id=run.pk, rows=rows)
        return
    model.objects.bulk_create(
        [
            model(run=run, entries=entries, length=length, complete=complete, **{owner: owner_id})
            for owner_id, entries, length, complete in rows
        ],
        batch_size=500,
    )


def lists_upsert(*, run: MatchRun, model: type[ListModel], rows: list[ListRow]) -> None:
    """Replace some lists of a run (incremental updates): one update, then insert the rest."""
    if not rows:
        return
    owner = _owner_field(model)
    existing = set(
        model.objects.filter(run=run, **{f"{owner}__in": [r[0] for r in rows]}).values_list(
            owner, flat=True
        )
    )
    updates = [r for r in rows if r[0] in existing]
    if connection.vendor == "postgresql":
        update_list_rows(
            table=model._meta.db_table, owner_column=owner, run_id=run.pk, rows=updates
        )
    else:
        ids = dict(
            model.objects.filter(run=run, **{f"{owner}__in": [r[0] for r in updates]}).values_list(
                owner, "id"
            )
        )
        now = timezone.now()
        model.objects.bulk_update(
            [
                model(id=ids[o], entries=e, length=n, complete=c, updated_at=now)
                for o, e, n, c in updates
            ],
            ["entries", "length", "complete", "updated_at"],
        )
    lists_insert(run=run, model=model, rows=[r for r in rows if r[0] not in existing])


# --- full runs -------------------------------------------------------------------------------


def match_run_request(*, requested_by: User | None = None) -> MatchRun:
    """Queue a full recompute; the workers take it from there (see matching.tasks)."""
    from matching.tasks import matching_run_start_task

    run = MatchRun.objects.create(requested_by=requested_by, top_k=settings.MATCHING_TOP_K)
    matching_run_start_task.delay_on_commit(run.pk)
    return run


def match_run_start(*, run: MatchRun) -> list[int]:
    """Take the snapshot and split the graduates into blocks; returns the block numbers."""
    if run.status != RunStatus.PENDING:
        return []
    size = settings.MATCHING_BLOCK_SIZE
    ids = list(GraduateProfile.objects.order_by("id").values_list("id", flat=True))
    ranges = [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]
    now = timezone.now()
    run.status, run.started_at, run.snapshot_at = RunStatus.RUNNING, now, now
    run.blocks_total, run.graduates_count = len(ranges), len(ids)
    run.save()
    MatchRunBlock.objects.bulk_create(
        [
            MatchRunBlock(run=run, number=n, first_graduate_id=lo, last_graduate_id=hi)
            for n, (lo, hi) in enumerate(ranges)
        ]
    )
    return list(range(len(ranges)))


def _save_partial(lists: TopLists) -> bytes:
    buffer = io.BytesIO()
    np.savez(
        buffer, owner_ids=lists.owner_ids, ids=lists.ids, score=lists.score, fit=lists.fit,
        pref=lists.pref, length=lists.length, total=lists.total,
    )  # fmt: skip
    return buffer.getvalue()


def _load_partial(data: bytes | memoryview) -> TopLists:
    with np.load(io.BytesIO(bytes(data))) as f:
        return TopLists(**{name: f[name] for name in f.files})


def _arrays(
    graduates: list[GraduateFacts], postings: list[PostingFacts]
) -> tuple[engine.GraduateArrays, engine.PostingArrays]:
    vocab = engine.Vocabulary.from_facts(graduates, postings)
    return (
        engine.build_graduates(graduates, vocab, relation_facts()),
        engine.build_postings(postings, vocab),
    )


def match_run_block(*, run: MatchRun, number: int) -> bool:
    """Score one block of graduates; True when this was the run's last block to finish.

    Idempotent: a block done before is skipped, a half-done one (worker killed) is redone.
    """
    block = MatchRunBlock.objects.get(run=run, number=number)
    if block.done or run.status != RunStatus.RUNNING:
        return False
    started = time.perf_counter()
    grads, posts = _arrays(
        graduate_facts(id_range=(block.first_graduate_id, block.last_graduate_id)),
        posting_facts(),
    )
    cap = list_capacity()
    result = engine.full_run(grads, posts, cap)
    compute_ms = round(1000 * (time.perf_counter() - started))
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        block = MatchRunBlock.objects.select_for_update().get(pk=block.pk)
        if block.done:
            return False
        GraduateMatchList.objects.filter(
            run=run,
            graduate_id__gte=block.first_graduate_id,
            graduate_id__lte=block.last_graduate_id,
        ).delete()
        rows = np.arange(len(grads))
        lists_insert(
            run=run, model=GraduateMatchList, rows=list_rows(grads.ids, result.graduates, rows)
        )
        block.done, block.compute_ms = True, compute_ms
        block.partial = _save_partial(result.postings)
        block.save()
        MatchRun.objects.filter(pk=run.pk).update(blocks_done=F("blocks_done") + 1)
        run.refresh_from_db()
        return run.blocks_done == run.blocks_total


def _aligned(parts: list[TopLists]) -> list[TopLists]:
    """Put every block's partial lists on the same posting rows (the union of their ids)."""
    union = np.unique(np.concatenate([p.owner_ids for p in parts]))
    aligned = []
    for part in parts:
        cap = part.ids.shape[1]
        full = TopLists.empty(union, cap)
        rows = np.searchsorted(union, part.owner_ids)
        for name in ("ids", "score", "fit", "pref", "length", "total"):
            getattr(full, name)[rows] = getattr(part, name)
        aligned.append(full)
    return aligned


def match_run_finish(*, run: MatchRun) -> MatchRun:
    """Merge the blocks' posting lists, store them and make the run current (idempotent)."""
    if run.status != RunStatus.RUNNING:
        return run
    started = time.perf_counter()
    blocks = list(run.blocks.filter(done=True).order_by("number"))
    cap = list_capacity()
    parts = [_load_partial(b.partial) for b in blocks if b.partial]
    postings = merge_posting_lists(_aligned(parts), cap) if parts else None
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.RUNNING:
            return run
        PostingMatchList.objects.filter(run=run).delete()
        if postings is not None:
            rows = np.arange(len(postings.owner_ids))
            lists_insert(
                run=run, model=PostingMatchList,
                rows=list_rows(postings.owner_ids, postings, rows),
            )  # fmt: skip
        _make_current(run)
        run.postings_count = len(postings.owner_ids) if postings is not None else 0
        run.results_count = int(
            sum(GraduateMatchList.objects.filter(run=run).values_list("length", flat=True))
        ) + int(postings.length.sum() if postings is not None else 0)
        run.compute_ms = sum(b.compute_ms or 0 for b in blocks)
        run.write_ms = round(1000 * (time.perf_counter() - started))
        run.finished_at = timezone.now()
        assert run.started_at is not None  # match_run_start set it with RUNNING
        run.duration_ms = round((run.finished_at - run.started_at).total_seconds() * 1000)
        run.save()
        MatchRunBlock.objects.filter(run=run).update(partial=b"")
    MatchRun.objects.exclude(pk=run.pk).filter(is_current=False).exclude(
        status=RunStatus.RUNNING
    ).delete()
    return run


def _make_current(run: MatchRun) -> None:
    """The swap: inside the caller's transaction, so readers switch lists all at once."""
    MatchRun.objects.filter(is_current=True).update(is_current=False)
    run.status, run.is_current = RunStatus.SUCCEEDED, True
    run.save(update_fields=["status", "is_current"])
    # Edits made after the snapshot were applied to the old lists: apply them to these too.
    requeued = MatchingChange.objects.filter(requested_at__gte=run.snapshot_at).update(
        applied_at=None
    )
    if requeued:
        _enqueue_apply()


def match_run_fail(*, run: MatchRun, error: str) -> None:
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk, status__in=[RunStatus.PENDING, RunStatus.RUNNING]).update(
        status=RunStatus.FAILED,
        error=error[:4000],
        started_at=Coalesce(F("started_at"), Value(now)),
        finished_at=now,
    )


# --- incremental updates ---------------------------------------------------------------------


def matching_change_record(*, kind: str, entity_id: int) -> None:
    """Note that an entity's matches need re-scoring; call inside the edit's transaction."""
    MatchingChange.objects.update_or_create(
        kind=kind, entity_id=entity_id, defaults={"requested_at": timezone.now()}
    )
    _enqueue_apply()


def _enqueue_apply() -> None:
    """After commit, queue one job for the outbox unless one is already queued."""
    transaction.on_commit(_send_apply_once)


def _send_apply_once() -> None:
    from django.core.cache import cache

    from matching.tasks import matching_apply_changes_task

    # Many edits in a short time share one queued job; the job clears the key when it starts.
    # The beat sweep (every minute) catches anything a lost message left behind.
    if cache.add(APPLY_QUEUED_KEY, 1, timeout=30):
        matching_apply_changes_task.delay()


APPLY_QUEUED_KEY = "matching:apply-queued"


@dataclass
class _Live:
    key: tuple[int, object, int]  # run id, its creation time, version of its lists
    state: LiveState


_live: _Live | None = None


def _live_state(run: MatchRun) -> LiveState:
    """The worker's in-memory state for the current run, rebuilt when another process moved on."""
    global _live
    if _live is not None and _live.key == (run.pk, run.created_at, run.results_version):
        return _live.state
    state = LiveState(
        graduate_facts(), posting_facts(), relation_facts(), list_capacity(),
        settings.MATCHING_TOP_K,
    )  # fmt: skip
    state.load_lists("graduates", _stored_lists(run, GraduateMatchList))
    state.load_lists("postings", _stored_lists(run, PostingMatchList))
    _live = _Live((run.pk, run.created_at, run.results_version), state)
    return state


def _stored_lists(run: MatchRun, model: type[ListModel]) -> Iterator[StoredList]:
    """The run's lists of one side, decoded, in no particular order."""
    owner = _owner_field(model)
    for owner_id, entries, complete in model.objects.filter(run=run).values_list(
        owner, "entries", "complete"
    ):
        records = np.frombuffer(bytes(entries), dtype=ENTRY_DTYPE)
        yield StoredList(
            owner_id, records["id"], records["score"], records["fit"], records["pref"], complete
        )


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    graduate_lists: int
    posting_lists: int


def matching_changes_apply(*, limit: int = 1000) -> ApplyResult:
    """Re-score the entities in the outbox against the current run and store what changed.

    One process at a time (the current run's row is locked); idempotent, since re-scoring an
    entity twice gives the same lists. Work survives a killed worker: the outbox rows are only
    marked applied in the transaction that stores the results.
    """
    global _live
    from django.core.cache import cache

    cache.delete(APPLY_QUEUED_KEY)
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().filter(is_current=True).first()
        if run is None:
            return ApplyResult(0, 0, 0)
        changes = pending_changes(limit=limit)
        if not changes:
            return ApplyResult(0, 0, 0)
        try:
            state = _live_state(run)
            changed = _apply(state, changes)
            _store_changed(run, state, changed)
        except BaseException:
            _live = None  # the in-memory state may be ahead of the database now
            raise
        for change in changes:
            MatchingChange.objects.filter(pk=change.pk, requested_at=change.requested_at).update(
                applied_at=timezone.now()
            )
        MatchRun.objects.filter(pk=run.pk).update(results_version=F("results_version") + 1)
        _live = _Live((run.pk, run.created_at, run.results_version + 1), state)
    return ApplyResult(len(changes), len(changed.graduates), len(changed.postings))


def _apply(state: LiveState, changes: list[MatchingChange]) -> Changed:
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
    from jobs.models import JobPosting

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


STALLED_AFTER = timedelta(hours=2)
UNSTARTED_AFTER = timedelta(minutes=10)


def match_runs_sweep(*, now: datetime | None = None) -> list[MatchRun]:
    """Find runs a lost message left behind: restart unstarted ones, fail stalled ones.

    Returns the runs to start again (the caller enqueues them). Runs beat every few minutes.
    """
    now = now or timezone.now()
    stalled = MatchRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=now - STALLED_AFTER)
    for run in stalled:
        match_run_fail(run=run, error=f"stalled: no progress since {run.started_at:%Y-%m-%d %H:%M}")
    return list(
        MatchRun.objects.filter(status=RunStatus.PENDING, created_at__lt=now - UNSTARTED_AFTER)
    )
