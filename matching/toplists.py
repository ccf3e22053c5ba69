"""Ranked lists of one side: row r holds the best entries of the entity at row r.

`TopLists` is what a full run produces (with `total`, every pair that qualified); `ColumnHeaps`
collect the postings' lists across blocks of graduates and `merge_posting_lists` combines the
blocks (or workers) into final lists. `Lists` is the same table kept in memory by incremental
matching (matching.live), with `complete` instead of `total` and compiled in-place patching.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numba
import numpy as np

from matching import list_kernels


@dataclass
class TopLists:
    """For each entity (row), its best entries, best first; ids -1 pad the unused slots.

    `total` counts every pair that qualified, so a list is complete when total <= its length.
    """

    owner_ids: np.ndarray  # int64 (n,)
    ids: np.ndarray  # int64 (n, cap)
    score: np.ndarray  # float64 (n, cap)
    fit: np.ndarray
    pref: np.ndarray
    length: np.ndarray  # int64 (n,)
    total: np.ndarray  # int64 (n,)

    @classmethod
    def empty(cls, owner_ids: np.ndarray, cap: int) -> "TopLists":
        n = len(owner_ids)
        return cls(
            owner_ids=owner_ids,
            ids=np.full((n, cap), -1, dtype=np.int64),
            score=np.zeros((n, cap)),
            fit=np.zeros((n, cap)),
            pref=np.zeros((n, cap)),
            length=np.zeros(n, dtype=np.int64),
            total=np.zeros(n, dtype=np.int64),
        )

    def entries(self, row: int) -> list[tuple[int, float, float, float]]:
        return list_entries(self, row)


def list_entries(lists: "TopLists | Lists", row: int) -> list[tuple[int, float, float, float]]:
    """One row's (other id, score, fit, preference) entries, best first."""
    n = int(lists.length[row])
    return [
        (int(lists.ids[row, e]), float(lists.score[row, e]), float(lists.fit[row, e]),
         float(lists.pref[row, e]))
        for e in range(n)
    ]  # fmt: skip


@dataclass
class ColumnHeaps:
    """Per-thread bounded heaps of each posting's best graduates, kept across blocks."""

    score: np.ndarray  # (threads, postings, cap)
    ids: np.ndarray
    fit: np.ndarray
    pref: np.ndarray
    length: np.ndarray  # (threads, postings)
    total: np.ndarray
    floor: np.ndarray  # fit below which a pair cannot enter the heap

    @classmethod
    def new(cls, postings: int, cap: int) -> "ColumnHeaps":
        threads = max(1, numba.get_num_threads())
        shape = (threads, postings, cap)
        return cls(
            score=np.zeros(shape),
            ids=np.full(shape, -1, dtype=np.int64),
            fit=np.zeros(shape),
            pref=np.zeros(shape),
            length=np.zeros(shape[:2], dtype=np.int64),
            total=np.zeros(shape[:2], dtype=np.int64),
            floor=np.zeros(shape[:2]),
        )

    def merged(self, owner_ids: np.ndarray, cap: int) -> "TopLists":
        return merge_partials(
            owner_ids, cap, self.score, self.ids, self.fit, self.pref, self.length,
            self.total.sum(axis=0),
        )  # fmt: skip


def merge_partials(
    owner_ids: np.ndarray,
    cap: int,
    part_s: np.ndarray,
    part_i: np.ndarray,
    part_f: np.ndarray,
    part_p: np.ndarray,
    part_n: np.ndarray,
    total: np.ndarray,
) -> TopLists:
    merged = TopLists.empty(owner_ids, cap)
    list_kernels.merge_heaps(
        part_s, part_i, part_f, part_p, part_n, cap,
        merged.score, merged.ids, merged.fit, merged.pref, merged.length,
    )  # fmt: skip
    merged.total = total.astype(np.int64)
    return merged


def merge_posting_lists(parts: Sequence[TopLists], cap: int) -> TopLists:
    """Merge the partial posting lists of several blocks (or workers) into the final lists."""
    owner_ids = parts[0].owner_ids
    return merge_partials(
        owner_ids,
        cap,
        np.stack([p.score for p in parts]),
        np.stack([p.ids for p in parts]),
        np.stack([p.fit for p in parts]),
        np.stack([p.pref for p in parts]),
        np.stack([p.length for p in parts]),
        np.sum([p.total for p in parts], axis=0),
    )


def concat_lists(parts: Sequence[TopLists]) -> TopLists:
    return TopLists(
        owner_ids=np.concatenate([p.owner_ids for p in parts]),
        ids=np.concatenate([p.ids for p in parts]),
        score=np.concatenate([p.score for p in parts]),
        fit=np.concatenate([p.fit for p in parts]),
        pref=np.concatenate([p.pref for p in parts]),
        length=np.concatenate([p.length for p in parts]),
        total=np.concatenate([p.total for p in parts]),
    )


SET_ROWS_CHUNK = 4096


@dataclass
class Lists:
    """Lists of one side kept in memory and patched in place (matching.live).

    Row r belongs to the entity at row r of that side; `complete` says the list holds every pair.
    """

    ids: np.ndarray  # (n, cap) int64, -1 padded
    score: np.ndarray  # (n, cap)
    fit: np.ndarray
    pref: np.ndarray
    length: np.ndarray  # (n,)
    complete: np.ndarray  # (n,) bool

    @classmethod
    def from_top(cls, top: TopLists) -> "Lists":
        cap = top.ids.shape[1]
        return cls(
            top.ids.copy(), top.score.copy(), top.fit.copy(), top.pref.copy(),
            top.length.copy(), top.total <= cap,
        )  # fmt: skip

    def grow(self, rows: int) -> None:
        cap = self.ids.shape[1]
        self.ids = np.vstack([self.ids, np.full((rows, cap), -1, dtype=np.int64)])
        for name in ("score", "fit", "pref"):
            setattr(self, name, np.vstack([getattr(self, name), np.zeros((rows, cap))]))
        self.length = np.concatenate([self.length, np.zeros(rows, dtype=np.int64)])
        self.complete = np.concatenate([self.complete, np.ones(rows, dtype=np.bool_)])

    def entries(self, row: int) -> list[tuple[int, float, float, float]]:
        return list_entries(self, row)

    def set_from_dense(self, row: int, ids: np.ndarray, score: np.ndarray, fit: np.ndarray,
                       pref: np.ndarray, eligible: np.ndarray) -> None:  # fmt: skip
        """Replace a list with the exact best entries of a fully scored row or column."""
        cap = self.ids.shape[1]
        candidates = np.flatnonzero((score > 0.0) & eligible)
        total = len(candidates)
        if total > cap:
            # Only entries at least as good as the cap-th best can be chosen (ties included).
            kth = np.partition(score[candidates], total - cap)[total - cap]
            candidates = candidates[score[candidates] >= kth]
        order = np.lexsort((ids[candidates], -score[candidates]))[:cap]
        chosen = candidates[order]
        self.set_row(row, ids[chosen], score[chosen], fit[chosen], pref[chosen], total <= cap)

    def set_row(self, row: int, ids: np.ndarray, score: np.ndarray, fit: np.ndarray,
                pref: np.ndarray, complete: bool) -> None:  # fmt: skip
        """Replace a list with the given entries (best first, at most `cap` of them)."""
        n = len(ids)
        self.ids[row, :] = -1
        self.ids[row, :n] = ids
        self.score[row, :n], self.fit[row, :n], self.pref[row, :n] = score, fit, pref
        self.score[row, n:] = self.fit[row, n:] = self.pref[row, n:] = 0.0
        self.length[row] = n
        self.complete[row] = complete

    def set_rows(
        self, rows: np.ndarray, lengths: np.ndarray, complete: np.ndarray, ids: np.ndarray,
        score: np.ndarray, fit: np.ndarray, pref: np.ndarray,
    ) -> None:  # fmt: skip
        """Replace many lists at once: rows[k] gets lengths[k] entries (best first), taken in
        turn from the flat ids, score, fit and pref (a few thousand lists at a time, so the
        index arrays stay small)."""
        ends = np.cumsum(lengths)
        for a in range(0, len(rows), SET_ROWS_CHUNK):
            b = min(a + SET_ROWS_CHUNK, len(rows))
            part, n = rows[a:b], lengths[a:b]
            first, last = (ends[a - 1] if a else 0), ends[b - 1]
            self.ids[part] = -1
            self.score[part] = self.fit[part] = self.pref[part] = 0.0
            at = np.repeat(part, n)
            column = np.arange(last - first) - np.repeat(ends[a:b] - n - first, n)
            self.ids[at, column], self.score[at, column] = ids[first:last], score[first:last]
            self.fit[at, column], self.pref[at, column] = fit[first:last], pref[first:last]
        self.length[rows], self.complete[rows] = lengths, complete

    def clear(self) -> None:
        """Every list empty and complete, as a new state's."""
        self.ids.fill(-1)
        for values in (self.score, self.fit, self.pref):
            values.fill(0.0)
        self.length.fill(0)
        self.complete.fill(True)

    def patch_many(
        self, rows: np.ndarray, other_id: int, score: np.ndarray, fit: np.ndarray,
        pref: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        """Bring `other_id`'s entry up to date in each of `rows` (list_kernels.patch_rows).

        Returns the rows whose list changed.
        """
        changed = np.zeros(len(rows), dtype=np.bool_)
        if len(rows):
            list_kernels.patch_rows(
                self.ids, self.score, self.fit, self.pref, self.length, self.complete,
                rows.astype(np.int64), other_id, score, fit, pref, changed,
            )  # fmt: skip
        return rows[changed]
