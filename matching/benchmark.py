"""Measurements behind `manage.py matching_bench` (figures, not assertions).

Synthetic data comes from matching.synthetic (occupation profiles, Zipf-skewed occupations and
skills). Database writes go to temporary tables shaped like the real list tables, so the
benchmark needs no profiles or postings in the database and leaves nothing behind.
"""

import dataclasses
import os
import random
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np
from django.db import connection, transaction

from matching import engine, reference
from matching.facts import MatchingInput
from matching.live import LiveState, Side
from matching.live_arrays import Changed, StoredList, StoredLists
from matching.models import GraduateMatchList, PostingMatchList
from matching.services import copy_list_rows, list_rows, update_list_rows
from matching.synthetic import SyntheticInstance, synthetic_instance
from matching.toplists import TopLists

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class PeakMemory:
    """Samples the process's resident memory every few milliseconds while a phase runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.005)

    @contextmanager
    def watching(self) -> Iterator[None]:
        self._stop.clear()
        self.peak = rss_bytes()
        sampler = threading.Thread(target=self._sample, daemon=True)
        sampler.start()
        try:
            yield
        finally:
            self._stop.set()
            sampler.join()


@dataclass
class Report:
    figures: dict[str, Any] = field(default_factory=dict)

    def timed(self, name: str, action: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = action()
        self.figures[name] = round(time.perf_counter() - started, 3)
        return result


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 3),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 3),
        "max_ms": round(1000 * ordered[-1], 3),
        "n": len(ordered),
    }


def run(*, graduates: int, postings: int, seed: int, write: bool, edits: int) -> dict[str, Any]:
    report = Report()
    f = report.figures
    f["machine"] = {
        "cpus": os.cpu_count(),
        "numba_threads": numba.get_num_threads(),
        "load_average_before": os.getloadavg(),
    }
    f["graduates"], f["postings"] = graduates, postings
    instance: SyntheticInstance = report.timed(
        "generate_s", lambda: synthetic_instance(graduates=graduates, postings=postings, seed=seed)
    )
    data = instance.data
    cap = 64

    def build() -> tuple[engine.GraduateArrays, engine.PostingArrays]:
        vocab = engine.Vocabulary.from_facts(data.graduates, data.postings)
        return (
            engine.build_graduates(data.graduates, vocab, data.relations),
            engine.build_postings(data.postings, vocab),
        )

    grads, posts = report.timed("build_matrices_s", build)
    f["graduate_skill_entries"] = len(grads.idx)
    f["posting_skill_entries"] = len(posts.idx)
    engine.full_run(_head(grads, 64), posts, cap)  # compile the kernels first
    memory = PeakMemory()
    baseline = rss_bytes()
    with memory.watching():
        result = report.timed(
            "score_and_top50_both_sides_s", lambda: engine.full_run(grads, posts, cap)
        )
    f["rss_before_compute_mb"] = round(baseline / 2**20)
    f["peak_rss_during_compute_mb"] = round(memory.peak / 2**20)
    f["compute_memory_mb"] = round((memory.peak - baseline) / 2**20)
    f["lists"] = {
        "graduate_lists_full": float(np.mean(result.graduates.length == cap)),
        "posting_lists_full": float(np.mean(result.postings.length == cap)),
        "entries": int(result.graduates.length.sum() + result.postings.length.sum()),
    }
    f["python_reference"] = _python_reference(
        instance, report.figures["score_and_top50_both_sides_s"]
    )
    if write:
        f["write_postgresql"] = _write(result)
    f["incremental"] = _incremental(instance, result, edits=edits, write=write)
    f["machine"]["load_average_after"] = os.getloadavg()
    return f


def _head(grads: engine.GraduateArrays, n: int) -> engine.GraduateArrays:
    """The first n graduates (for compiling the kernels on a tiny input)."""
    n = min(n, len(grads))
    cut = int(grads.ptr[n])
    values = {name: getattr(grads, name) for name in grads.__dataclass_fields__}
    sliced = {k: (v[:n] if len(v) == len(grads) else v) for k, v in values.items()}
    sliced.update(ptr=grads.ptr[: n + 1], idx=grads.idx[:cut], level=grads.level[:cut])
    return engine.GraduateArrays(**sliced)


def _python_reference(instance: SyntheticInstance, engine_seconds: float) -> dict[str, Any]:
    """The same score pair by pair in plain Python, on a sample of graduates x all postings."""
    data = instance.data
    table = reference.relation_table(data)
    sample = random.Random(1).sample(data.graduates, min(30, len(data.graduates)))
    started = time.perf_counter()
    pairs = 0
    for g in sample:
        for p in data.postings:
            reference.pair_score(g, p, table)
            pairs += 1
    seconds = time.perf_counter() - started
    per_pair = seconds / pairs
    all_pairs = len(data.graduates) * len(data.postings)
    return {
        "pairs_timed": pairs,
        "us_per_pair": round(1e6 * per_pair, 3),
        "estimated_full_s": round(per_pair * all_pairs),
        "engine_speedup": round(per_pair * all_pairs / engine_seconds),
        "note": "score only, no ranking; the engine also selects both sides' top lists",
    }


def _temp_tables() -> None:
    with connection.cursor() as cursor:
        for model in (GraduateMatchList, PostingMatchList):
            table = model._meta.db_table
            cursor.execute(
                f"CREATE TEMP TABLE bench_{table} (LIKE {table} INCLUDING ALL) ON COMMIT DROP"
            )


def _write(result: engine.FullResult) -> dict[str, Any]:
    """COPY both sides' lists into temporary copies of the list tables, as a full run does."""
    if connection.vendor != "postgresql":
        return {"skipped": "DATABASE_URL is not PostgreSQL"}
    figures: dict[str, Any] = {}
    with transaction.atomic():
        _temp_tables()
        started = time.perf_counter()
        g_rows = list_rows(result.graduates.owner_ids, result.graduates,
                           np.arange(len(result.graduates.owner_ids)))  # fmt: skip
        p_rows = list_rows(result.postings.owner_ids, result.postings,
                           np.arange(len(result.postings.owner_ids)))  # fmt: skip
        figures["encode_s"] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        copy_list_rows(table="bench_matching_graduatematchlist", owner_column="graduate_id",
                       run_id=1, rows=g_rows)  # fmt: skip
        copy_list_rows(table="bench_matching_postingmatchlist", owner_column="posting_id",
                       run_id=1, rows=p_rows)  # fmt: skip
        figures["copy_s"] = round(time.perf_counter() - started, 3)
        figures["rows"] = len(g_rows) + len(p_rows)
        figures["megabytes"] = round(sum(len(r[1]) for r in g_rows + p_rows) / 2**20, 1)
        transaction.set_rollback(True)
    return figures


def _stored(top: TopLists) -> Iterator[StoredList]:
    """A full run's lists as the rows a run stores."""
    cap = top.ids.shape[1]
    for row, owner_id in enumerate(top.owner_ids.tolist()):
        n = top.length[row]
        yield StoredList(
            owner_id, top.ids[row, :n], top.score[row, :n], top.fit[row, :n], top.pref[row, :n],
            bool(top.total[row] <= cap),
        )  # fmt: skip


def _store_changed(state: LiveState, changed: Changed) -> None:
    """What an incremental update writes: the changed lists of both sides, one UPDATE each."""
    sides: tuple[tuple[str, str, Side, set[int]], ...] = (
        ("bench_matching_graduatematchlist", "graduate_id", "graduates", changed.graduates),
        ("bench_matching_postingmatchlist", "posting_id", "postings", changed.postings),
    )
    for table, owner, side, rows in sides:
        selected = np.array(sorted(rows), dtype=np.int64)
        lists = list_rows(state.owner_ids(side), state.lists(side), selected)
        update_list_rows(table=table, owner_column=owner, run_id=1, rows=lists)


def _incremental(
    instance: SyntheticInstance, result: engine.FullResult, *, edits: int, write: bool
) -> dict[str, Any]:
    """One entity at a time against the full population, lists patched in memory (and stored)."""
    data = instance.data
    started = time.perf_counter()
    state = LiveState(data.graduates, data.postings, data.relations, cap=64, visible=50)
    state.load_lists("graduates", StoredLists.of(list(_stored(result.graduates))))
    state.load_lists("postings", StoredLists.of(list(_stored(result.postings))))
    figures: dict[str, Any] = {"state_load_s": round(time.perf_counter() - started, 2)}
    rng = random.Random(3)
    use_db = write and connection.vendor == "postgresql"
    figures.update(_graduate_edits(state, data, result, rng, edits=edits, use_db=use_db))
    figures["posting_edit_compute"] = _posting_edits(state, data, rng, count=max(edits // 4, 5))
    return figures


def _copy_full_lists(result: engine.FullResult) -> None:
    """The full run's lists into the temporary tables, for the incremental UPDATEs to hit."""
    for table, owner, top in (
        ("bench_matching_graduatematchlist", "graduate_id", result.graduates),
        ("bench_matching_postingmatchlist", "posting_id", result.postings),
    ):
        rows = list_rows(top.owner_ids, top, np.arange(len(top.owner_ids)))
        copy_list_rows(table=table, owner_column=owner, run_id=1, rows=rows)


def _graduate_edits(
    state: LiveState,
    data: MatchingInput,
    result: engine.FullResult,
    rng: random.Random,
    *,
    edits: int,
    use_db: bool,
) -> dict[str, Any]:
    """Random graduates gain or change one skill; time the update, and its writes with `use_db`."""
    skill_ids = sorted({s for g in data.graduates[:2000] for s in g.skills})
    compute, total, touched = [], [], []
    with transaction.atomic():
        if use_db:
            _temp_tables()
            _copy_full_lists(result)
        for _ in range(edits):
            g = data.graduates[rng.randrange(len(data.graduates))]
            skills = dict(g.skills)
            skills[rng.choice(skill_ids)] = rng.randint(1, 5)
            edited = dataclasses.replace(g, skills=skills)
            t0 = time.perf_counter()
            changed = state.graduate_changed(g.id, edited)
            t1 = time.perf_counter()
            if use_db:
                _store_changed(state, changed)
            compute.append(t1 - t0)
            total.append(time.perf_counter() - t0)
            touched.append(len(changed.postings))
        transaction.set_rollback(True)
    figures: dict[str, Any] = {"graduate_edit_compute": _ms(compute)}
    if use_db:
        figures["graduate_edit_with_db_writes"] = _ms(total)
    figures["posting_lists_patched_per_graduate_edit"] = round(statistics.mean(touched), 1)
    return figures


def _posting_edits(
    state: LiveState, data: MatchingInput, rng: random.Random, *, count: int
) -> dict[str, float]:
    """Random postings change the minimum level of their first skill; time each update."""
    compute = []
    for _ in range(count):
        p = data.postings[rng.randrange(len(data.postings))]
        posting_skills = list(p.skills)
        posting_skills[0] = dataclasses.replace(posting_skills[0], min_level=rng.randint(1, 5))
        t0 = time.perf_counter()
        state.posting_changed(p.id, dataclasses.replace(p, skills=tuple(posting_skills)))
        compute.append(time.perf_counter() - t0)
    return _ms(compute)
