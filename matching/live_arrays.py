"""The growable arrays behind matching.live.LiveState (plain numpy, no Django), and the small
helpers it builds on them: the graduates' and the postings' skill indexes, stored lists,
employer keys.

`EntityRows` keeps one side's per-entity attributes (GRADUATE_FIELDS, POSTING_FIELDS) as columns
with spare capacity and an id -> row map; `SkillEntries` keeps variable-length skill rows in one
buffer. Both only grow: an entity keeps its row for the state's lifetime.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from matching import scoring
from matching.facts import SkillRelationFacts
from matching.needs import MAX_ROLES


class EntityRows:
    """Rows of per-entity attribute arrays with spare capacity, plus an id -> row map."""

    def __init__(self, dtypes: dict[str, type[np.generic] | np.dtype], capacity: int) -> None:
        self.dtypes = dtypes
        self.size = 0
        self.arrays: dict[str, np.ndarray] = {
            name: np.zeros(max(capacity, 16), dtype=dt) for name, dt in dtypes.items()
        }
        self.row_of: dict[int, int] = {}

    def row(self, entity_id: int) -> int:
        row = self.row_of.get(entity_id)
        if row is not None:
            return row
        if self.size == len(self.arrays["ids"]):
            for name, array in self.arrays.items():
                self.arrays[name] = np.concatenate([array, np.zeros_like(array)])
        row = self.size
        self.size += 1
        self.row_of[entity_id] = row
        self.arrays["ids"][row] = entity_id
        return row

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name][: self.size]

    def widen(self, name: str, width: int) -> None:
        """Give the 2-D column `name` at least `width` values per row (new ones zero)."""
        array = self.arrays[name]
        if array.shape[1] < width:
            self.arrays[name] = np.pad(array, ((0, 0), (0, width - array.shape[1])))


class SkillEntries:
    """Variable-length rows (skills) in one buffer; a changed row is appended, the old one left."""

    def __init__(self, capacity: int) -> None:
        self.idx = np.zeros(max(capacity, 64), dtype=np.int32)
        self.values: dict[str, np.ndarray] = {}
        self.used = 0

    def append(self, idx: np.ndarray, **values: np.ndarray) -> tuple[int, int]:
        need = self.used + len(idx)
        if need > len(self.idx):
            grow = max(need, 2 * len(self.idx))
            self.idx = np.concatenate([self.idx, np.zeros(grow - len(self.idx), np.int32)])
            for name, array in self.values.items():
                self.values[name] = np.concatenate([array, np.zeros(grow - len(array))])
        for name, array in values.items():
            if name not in self.values:
                self.values[name] = np.zeros(len(self.idx))
            self.values[name][self.used : need] = array
        self.idx[self.used : need] = idx
        start, self.used = self.used, need
        return start, need


# Field-of-study masks start one 64-bit word wide; EntityRows.widen adds words as fields arrive.
FIELD_WORDS = np.dtype((np.uint64, 1))
GRADUATE_FIELDS: dict[str, type[np.generic] | np.dtype] = {
    "ids": np.int64, "start": np.int64, "end": np.int64, "topik": np.int8, "education": np.int8,
    "fields": FIELD_WORDS, "needs": np.bool_, "discoverable": np.bool_, "industries": np.uint32,
    "regions": np.uint32, "job_types": np.uint32, "sizes": np.uint32, "min_salary": np.float64,
    "relocate": np.bool_, "routes": np.uint32,
    "need_levels": np.dtype((np.float64, 3)), "role_code": np.dtype((np.int32, MAX_ROLES)),
    "role_years": np.dtype((np.float64, MAX_ROLES)),
}  # fmt: skip
POSTING_FIELDS: dict[str, type[np.generic] | np.dtype] = {
    "ids": np.int64, "start": np.int64, "end": np.int64, "topik": np.int8, "education": np.int8,
    "fields": FIELD_WORDS, "routes": np.uint32, "industry": np.uint32, "region": np.uint32,
    "job_type": np.uint32, "size": np.uint32, "salary_max": np.float64,
    "need_min": np.dtype((np.float64, 4)), "need_cover": np.dtype((np.float64, 4)),
    "isco": np.int32, "needs_max": np.float64, "db_start": np.int64, "db_end": np.int64,
}  # fmt: skip


def _row_positions(rows: EntityRows) -> tuple[np.ndarray, np.ndarray]:
    """For every skill entry of the rows' [start, end) ranges: its row and its position."""
    start, end = rows["start"], rows["end"]
    lengths = end - start
    owners = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owners, (np.repeat(start, lengths) + offsets).astype(np.int64)


def graduate_index(
    graduates: EntityRows, entries: SkillEntries, n_skills: int
) -> tuple[np.ndarray, ...]:
    """The graduates' skill entries by skill index: (pointer per skill, graduate row, level),
    each skill's entries in row order."""
    owners, positions = _row_positions(graduates)
    idx = entries.idx[positions]
    order = np.argsort(idx, kind="stable")
    ptr = np.zeros(max(n_skills, 1) + 1, dtype=np.int64)
    np.cumsum(np.bincount(idx, minlength=max(n_skills, 1)), out=ptr[1:])
    levels = entries.values.get("level", np.zeros(1))
    return ptr, owners[order], levels[positions][order] if len(positions) else np.zeros(0)


class GraduateIndex:
    """The graduates' skill index for posting columns, and the rows changed since it was built
    (columns read those from their own skill rows; the index is rebuilt once there are many)."""

    def __init__(self, capacity: int) -> None:
        self.index: tuple[np.ndarray, ...] | None = None
        self.stale = np.zeros(capacity, dtype=np.bool_)
        self.stale_rows: list[int] = []

    def mark_stale(self, row: int) -> None:
        if row >= len(self.stale):
            self.stale = np.concatenate([self.stale, np.zeros_like(self.stale)])
        if self.index is not None and not self.stale[row]:
            self.stale[row] = True
            self.stale_rows.append(row)

    def current(
        self, graduates: EntityRows, entries: SkillEntries, n_skills: int, rebuild: bool = False
    ) -> tuple[np.ndarray, ...]:
        """The index, built again when asked or once a thirtieth of the graduates changed."""
        if rebuild or self.index is None or len(self.stale_rows) > max(64, graduates.size // 32):
            self.index = graduate_index(graduates, entries, n_skills)
            self.stale[:] = False
            self.stale_rows = []
        return self.index


def inverted_index(
    postings: EntityRows, entries: SkillEntries, n_skills: int
) -> tuple[np.ndarray, ...]:
    """The postings' skill entries by skill index: (pointer per skill, posting row, min level,
    weight per level), each skill's entries in posting-row order."""
    owners, positions = _row_positions(postings)
    idx = entries.idx[positions]
    order = np.lexsort((owners, idx))
    inv_ptr = np.zeros(max(n_skills, 1) + 1, dtype=np.int64)
    np.cumsum(np.bincount(idx, minlength=max(n_skills, 1)), out=inv_ptr[1:])
    values = entries.values
    return (
        inv_ptr, owners[order],
        values.get("min", np.zeros(1))[positions][order],
        values.get("wpl", np.zeros(1))[positions][order],
    )  # fmt: skip


def relations_by_skill(
    relations: Iterable[SkillRelationFacts],
) -> dict[int, list[tuple[int, float]]]:
    """Each skill's related skills with their credit, in a fixed order (two reads compare equal)."""
    by_skill: dict[int, list[tuple[int, float]]] = {}
    for r in relations:
        by_skill.setdefault(r.skill_id, []).append((r.related_skill_id, r.credit))
    return {skill: sorted(related) for skill, related in by_skill.items()}


class StoredList(NamedTuple):
    """One entity's list as kept outside the state (a run's stored lists), best first."""

    owner_id: int
    ids: np.ndarray
    score: np.ndarray
    fit: np.ndarray
    pref: np.ndarray
    complete: bool


class StoredLists(NamedTuple):
    """Many stored lists packed into flat arrays (100,000 of them load in a fraction of a
    second): list k belongs to owner_ids[k] and its lengths[k] entries, best first, follow list
    k-1's in ids, score, fit and pref."""

    owner_ids: np.ndarray
    lengths: np.ndarray
    complete: np.ndarray
    ids: np.ndarray
    score: np.ndarray
    fit: np.ndarray
    pref: np.ndarray

    @classmethod
    def of(cls, lists: Sequence[StoredList]) -> "StoredLists":
        def flat(name: str, dtype: type) -> np.ndarray:
            parts: list[np.ndarray] = [np.asarray(getattr(one, name), dtype=dtype) for one in lists]
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        return cls(
            np.array([one.owner_id for one in lists], dtype=np.int64),
            np.array([len(one.ids) for one in lists], dtype=np.int64),
            np.array([one.complete for one in lists], dtype=np.bool_),
            flat("ids", np.int64), flat("score", np.float64), flat("fit", np.float64),
            flat("pref", np.float64),
        )  # fmt: skip


def employer_keys(score: np.ndarray, fit: np.ndarray, pref: np.ndarray) -> np.ndarray:
    """scoring.employer_key of each scored pair (0 where the pair is excluded): the order of a
    posting's list, as the full run's kernel computes it."""
    key = np.floor(fit * scoring.FIT_STEPS) / scoring.FIT_STEPS + pref * scoring.PREFERENCE_TIEBREAK
    return np.where(score > 0.0, key, 0.0)


@dataclass
class Changed:
    """Rows (of each side) whose stored list changed and must be written."""

    graduates: set[int]
    postings: set[int]

    def __init__(self) -> None:
        self.graduates, self.postings = set(), set()
