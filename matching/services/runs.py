"""Full runs: a snapshot scored in blocks (one Celery task each), merged and swapped in at once.

A full run reads a snapshot, scores graduates in blocks (each block a Celery task), merges the
postings' partial lists, writes everything in bulk (COPY on PostgreSQL) and then makes the new run
current in one transaction: readers see the old lists or the new ones, never a mixture. Edits in
between are recorded in the MatchingChange outbox and re-applied to the new run after the swap.
"""

import io
import time
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from core.enqueue import send_after_commit
from matching import engine
from matching.facts import GraduateFacts, PostingFacts, SkillRelationFacts
from matching.models import (
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    MatchRunBlock,
    PostingMatchList,
    RunStatus,
)
from matching.selectors import graduate_facts, posting_facts, relation_facts
from matching.services.changes import matching_changes_enqueue, matching_live_forget
from matching.services.storage import list_capacity, list_rows, lists_insert
from matching.toplists import TopLists, merge_posting_lists
from profiles.models import GraduateProfile


def match_run_request(*, requested_by: User | None = None) -> MatchRun:
    """Queue a full recompute; the workers take it from there (see matching.tasks)."""
    from matching.tasks import matching_run_start_task

    run = MatchRun.objects.create(requested_by=requested_by, top_k=settings.MATCHING_TOP_K)
    send_after_commit(matching_run_start_task, run.pk)
    return run


def match_run_start(*, run: MatchRun) -> list[int]:
    """Take the snapshot and split the graduates into blocks; returns the blocks left to score.

    Re-entrant: a start delivered twice, or sent again by the reconciler, continues the run (the
    blocks not done yet) instead of splitting it again.
    """
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        if run.status == RunStatus.PENDING:
            _split_into_blocks(run)
        elif run.status != RunStatus.RUNNING:
            return []
        return list(run.blocks.filter(done=False).values_list("number", flat=True))


def _split_into_blocks(run: MatchRun) -> None:
    size = settings.MATCHING_BLOCK_SIZE
    ids = list(GraduateProfile.objects.order_by("id").values_list("id", flat=True))
    ranges = [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]
    now = timezone.now()
    run.status, run.started_at, run.snapshot_at, run.progress_at = (RunStatus.RUNNING,) + (now,) * 3
    run.blocks_total, run.graduates_count = len(ranges), len(ids)
    run.save()
    MatchRunBlock.objects.bulk_create(
        [
            MatchRunBlock(run=run, number=n, first_graduate_id=lo, last_graduate_id=hi)
            for n, (lo, hi) in enumerate(ranges)
        ],
        ignore_conflicts=True,
    )


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


# The postings and skill relations a worker read for a run, kept for that run's next blocks:
# every block of a run scores against the same postings (the edits made since the run's
# snapshot are applied again after the swap), and reading 10,000 postings takes most of a second.
_run_inputs: tuple[tuple[int, object], list[PostingFacts], list[SkillRelationFacts]] | None = None


def _posting_inputs(run: MatchRun) -> tuple[list[PostingFacts], list[SkillRelationFacts]]:
    global _run_inputs
    key = (run.pk, run.snapshot_at)
    if _run_inputs is None or _run_inputs[0] != key:
        _run_inputs = None  # let the previous run's facts go before reading the next ones
        _run_inputs = (key, posting_facts(), relation_facts())
    return _run_inputs[1], _run_inputs[2]


def _arrays(
    run: MatchRun, graduates: list[GraduateFacts]
) -> tuple[engine.GraduateArrays, engine.PostingArrays]:
    postings, relations = _posting_inputs(run)
    vocab = engine.Vocabulary.from_facts(graduates, postings)
    return (
        engine.build_graduates(graduates, vocab, relations),
        engine.build_postings(postings, vocab),
    )


def match_run_block(*, run: MatchRun, number: int) -> bool:
    """Score one block of graduates; True when every block of the run is done (so the merge is
    due), whether this call finished the last one or found them all done already.

    Idempotent and safe under redelivery: a block done before is skipped; a block another worker
    holds (claimed less than MATCHING_BLOCK_LEASE seconds ago) is left to it; a block whose
    worker died (lease expired) is redone from scratch.
    """
    block = MatchRunBlock.objects.get(run=run, number=number)
    if not block.done and not _claim(block):
        return False
    if block.done:
        return _all_blocks_done(run)
    matching_live_forget()
    started = time.perf_counter()
    grads, posts = _arrays(
        run, graduate_facts(id_range=(block.first_graduate_id, block.last_graduate_id))
    )
    result = engine.full_run(grads, posts, list_capacity())
    compute_ms = round(1000 * (time.perf_counter() - started))
    with transaction.atomic():
        run = MatchRun.objects.select_for_update().get(pk=run.pk)
        block = MatchRunBlock.objects.select_for_update().get(pk=block.pk)
        if block.done or run.status != RunStatus.RUNNING:
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
        MatchRun.objects.filter(pk=run.pk).update(
            blocks_done=F("blocks_done") + 1, progress_at=timezone.now()
        )
        run.refresh_from_db()
        return run.blocks_done == run.blocks_total


def _lease() -> timedelta:
    return timedelta(seconds=settings.MATCHING_BLOCK_LEASE)


def _claim(block: MatchRunBlock) -> bool:
    """Take the block for this worker, unless it is done or held by a live one (lease)."""
    now = timezone.now()
    claimed = (
        MatchRunBlock.objects.filter(pk=block.pk, done=False, run__status=RunStatus.RUNNING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()))
        .update(claimed_at=now)
    )
    if claimed:
        MatchRun.objects.filter(pk=block.run_id).update(progress_at=now)
    block.refresh_from_db(fields=["done", "claimed_at"])
    return bool(claimed)


def _all_blocks_done(run: MatchRun) -> bool:
    run.refresh_from_db(fields=["status", "blocks_done", "blocks_total"])
    return run.status == RunStatus.RUNNING and run.blocks_done == run.blocks_total


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
    """Merge the blocks' posting lists, store them and make the run current.

    Idempotent: a run already finished, or merged by a live worker right now (lease), is left.
    """
    now = timezone.now()
    claimed = (
        MatchRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING)
        .filter(blocks_done=F("blocks_total"))
        .filter(Q(merge_claimed_at__isnull=True) | Q(merge_claimed_at__lt=now - _lease()))
        .update(merge_claimed_at=now, progress_at=now)
    )
    run.refresh_from_db()
    if not claimed:
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
        run.finished_at = run.progress_at = timezone.now()
        assert run.started_at is not None  # match_run_start set it with RUNNING
        run.duration_ms = round((run.finished_at - run.started_at).total_seconds() * 1000)
        run.save()
        MatchRunBlock.objects.filter(run=run).update(partial=b"")
    # Superseded runs go; failed ones stay, with their error, for staff to read and retry.
    MatchRun.objects.filter(is_current=False, status=RunStatus.SUCCEEDED).delete()
    return run


def _make_current(run: MatchRun) -> None:
    """The swap: inside the caller's transaction, so readers switch lists all at once.

    A run whose snapshot is older than the current run's (retried by staff, or finished late)
    never replaces it: it ends succeeded but not current, and goes with the superseded runs."""
    current = MatchRun.objects.select_for_update().filter(is_current=True).first()
    if (
        current is not None
        and current.snapshot_at is not None
        and run.snapshot_at is not None
        and current.snapshot_at > run.snapshot_at
    ):
        run.status = RunStatus.SUCCEEDED
        run.save(update_fields=["status"])
        return
    MatchRun.objects.filter(is_current=True).update(is_current=False)
    run.status, run.is_current = RunStatus.SUCCEEDED, True
    run.save(update_fields=["status", "is_current"])
    # Edits made after the snapshot were applied to the old lists: apply them to these too.
    requeued = MatchingChange.objects.filter(requested_at__gte=run.snapshot_at).update(
        applied_at=None
    )
    if requeued:
        matching_changes_enqueue()
