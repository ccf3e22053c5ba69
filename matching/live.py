"""Incremental matching: both sides' lists kept exact in memory as single entities change.

`LiveState` holds every graduate's and posting's arrays and the current lists. Re-scoring one
graduate costs one row (all postings); one posting, one column (all graduates, from their skill
index). The other side's lists are then patched under one invariant:

    each stored list is the true best `len(list)` entries; when `complete`, it holds every pair.

An entity leaving an incomplete list can make it shorter than `visible`; that list is then rebuilt
from a full row or column, so what users see is always the exact top-`visible`.
"""

from collections.abc import Iterable
from typing import Literal

import numpy as np

from matching import column_kernels, engine, kernels, list_kernels, needs, scoring
from matching.facts import GraduateFacts, PostingFacts, SkillRelationFacts
from matching.live_arrays import (
    GRADUATE_FIELDS,
    POSTING_FIELDS,
    Changed,
    EntityRows,
    GraduateIndex,
    SkillEntries,
    StoredLists,
    employer_keys,
    inverted_index,
    relations_by_skill,
)
from matching.toplists import ColumnHeaps, Lists, TopLists

# Whose lists: each graduate's list of postings, or each posting's list of graduates.
Side = Literal["graduates", "postings"]


class LiveState:
    """Everything incremental matching needs, in memory; see the module docstring."""

    def __init__(
        self,
        graduates: list[GraduateFacts],
        postings: list[PostingFacts],
        relations: Iterable[SkillRelationFacts],
        cap: int,
        visible: int,
        graduate_capacity: int = 0,
    ) -> None:
        """`graduate_capacity`: room for that many graduates from the start, when they are to be
        added afterwards in chunks (facts_set), so their arrays are not grown step by step."""
        self.cap, self.visible = cap, visible
        room = max(len(graduates), graduate_capacity)
        self.relations = relations_by_skill(relations)
        self.skill_index: dict[int, int] = {}
        self.field_index: dict[str, int] = {}
        self.grads = EntityRows(GRADUATE_FIELDS, room + 64)
        self.posts = EntityRows(POSTING_FIELDS, len(postings) + 64)
        self.g_entries = SkillEntries(room * 16)
        self.p_entries = SkillEntries(len(postings) * 16)
        self.p_breakers = SkillEntries(len(postings))
        self._inverted: tuple[np.ndarray, ...] | None = None
        self.skill_key: list[int] = []  # skill id by skill index (rows are sorted by skill id)
        # The graduates' skill index (skill -> graduate rows and levels) for posting columns,
        # and the rows changed since it was built, which columns read from their skill rows.
        self.columns = GraduateIndex(room + 64)
        for p in postings:
            self._set_posting(p)
        for g in graduates:
            self._set_graduate(g)
        self.g_lists = Lists.from_top(TopLists.empty(self.grads["ids"].copy(), cap))
        self.p_lists = Lists.from_top(TopLists.empty(self.posts["ids"].copy(), cap))

    # --- keeping a state between processes -----------------------------------------------------

    def __getstate__(self) -> dict[str, object]:
        """What a pickled state keeps: everything but the postings' inverted index (quick to
        derive again)."""
        kept = dict(self.__dict__)
        kept.pop("_inverted")
        return kept

    def __setstate__(self, kept: dict[str, object]) -> None:
        self.__dict__.update(kept)
        self._inverted = None

    def facts_set(
        self,
        graduates: Iterable[GraduateFacts] = (),
        postings: Iterable[PostingFacts] = (),
        graduates_gone: Iterable[int] = (),
        postings_gone: Iterable[int] = (),
    ) -> None:
        """Bring entities' facts up to date without scoring anything (a state loaded from an
        older snapshot catches up this way before the stored lists are put back)."""
        for p in postings:
            self._set_posting(p)
        for posting_id in postings_gone:
            self._clear_posting(posting_id)
        for g in graduates:
            self._set_graduate(g)
        for graduate_id in graduates_gone:
            self._clear_graduate(graduate_id)
        self._grow_lists()

    # --- each side's lists, for storing and reloading them ------------------------------------

    def _side(self, side: Side) -> tuple[EntityRows, Lists]:
        return (self.grads, self.g_lists) if side == "graduates" else (self.posts, self.p_lists)

    def owner_ids(self, side: Side) -> np.ndarray:
        """The entity id of each row of `side`: row r's list belongs to `owner_ids(side)[r]`."""
        return self._side(side)[0]["ids"]

    def lists(self, side: Side) -> Lists:
        """The current lists of `side`, to read; they change only through this state's methods."""
        return self._side(side)[1]

    def lists_clear(self) -> None:
        """Empty (and complete) lists for every row of both sides, as a new state starts with."""
        self._grow_lists()
        self.g_lists.clear()
        self.p_lists.clear()

    def load_lists(self, side: Side, stored: StoredLists) -> None:
        """Put back lists kept outside the state (the current run's), replacing those rows' lists.

        A list whose owner this state does not hold is skipped; a row with no stored list keeps
        the list it had (a new state's: empty and complete).
        """
        self._grow_lists()
        entities, lists = self._side(side)
        owners = stored.owner_ids.tolist()
        rows = np.fromiter((entities.row_of.get(o, -1) for o in owners), np.int64, len(owners))
        if (rows < 0).any():  # some owners are not held: drop their lists first
            held, entries = rows >= 0, np.repeat(rows >= 0, stored.lengths)
            stored = StoredLists(
                stored.owner_ids[held], stored.lengths[held], stored.complete[held],
                *(values[entries] for values in stored[3:]),
            )  # fmt: skip
            rows = rows[held]
        lists.set_rows(rows, *stored[1:])

    # --- vocabularies -------------------------------------------------------------------------

    def _skill(self, skill_id: int) -> int:
        index = self.skill_index.get(skill_id)
        if index is None:
            index = self.skill_index[skill_id] = len(self.skill_index)
            self._inverted = None  # its skill pointer array must cover the new index
            self.skill_key.append(skill_id)
        return index

    def _fields(self, codes: frozenset[str]) -> np.ndarray:
        """The codes' field mask; a field never seen gets the next index, and when the masks'
        words are full both sides' mask columns gain one (so any number of fields fits)."""
        for code in sorted(codes):
            if code not in self.field_index:
                self.field_index[code] = len(self.field_index)
        words = engine.field_words(len(self.field_index))
        for rows in (self.grads, self.posts):
            rows.widen("fields", words)
        return engine.field_mask(codes, self.field_index, words)

    # --- entity rows --------------------------------------------------------------------------

    def _set_graduate(self, g: GraduateFacts) -> int:
        row = self.grads.row(g.id)
        a = self.grads.arrays
        self.columns.mark_stale(row)
        effective = engine.expand_levels(g.skills, self.relations)
        skill_ids = sorted(effective)
        idx = np.array([self._skill(s) for s in skill_ids], dtype=np.int32)
        levels = np.array([effective[s] for s in skill_ids], dtype=np.float64)
        a["start"][row], a["end"][row] = self.g_entries.append(idx, level=levels)
        a["topik"][row], a["education"][row] = g.korean, g.education_rank
        a["fields"][row] = self._fields(g.fields)
        a["need_levels"][row] = needs.graduate_levels(g)
        a["role_code"][row], a["role_years"][row] = -1, 0.0
        for r, (code, years) in enumerate(needs.graduate_roles(g)):
            a["role_code"][row, r], a["role_years"][row, r] = code, years
        a["needs"][row], a["discoverable"][row] = g.needs_sponsorship, g.discoverable
        a["industries"][row] = engine.bit_mask(g.industries, engine.INDUSTRY_BITS)
        a["regions"][row] = engine.bit_mask(g.regions, engine.REGION_BITS)
        a["job_types"][row] = engine.bit_mask(g.job_types, engine.JOB_TYPE_BITS)
        a["sizes"][row] = engine.bit_mask(g.company_sizes, engine.SIZE_BITS)
        a["min_salary"][row], a["relocate"][row] = g.min_salary_krw, g.willing_to_relocate
        a["routes"][row] = g.visa_routes
        return row

    def _set_posting(self, p: PostingFacts) -> int:
        row = self.posts.row(p.id)
        a = self.posts.arrays
        skills = sorted(p.skills, key=lambda s: s.skill_id)
        weights, need_weights = needs.posting_weights(p)
        mins = np.array([float(s.min_level) for s in skills])
        a["start"][row], a["end"][row] = self.p_entries.append(
            np.array([self._skill(s.skill_id) for s in skills], dtype=np.int32),
            min=mins,
            wpl=np.array([scoring.skill_cover(w, m) for w, m in zip(weights, mins, strict=True)]),
        )
        breakers = [s for s in skills if s.deal_breaker]
        a["db_start"][row], a["db_end"][row] = self.p_breakers.append(
            np.array([self._skill(s.skill_id) for s in breakers], dtype=np.int32),
            min=np.array([float(s.min_level) for s in breakers]),
        )
        a["need_min"][row], a["need_cover"][row] = engine.need_arrays(p, need_weights)
        a["isco"][row] = scoring.isco_number(p.isco_code)
        a["needs_max"][row] = sum(need_weights) * (1.0 + 1e-9)
        a["topik"][row], a["education"][row] = p.min_topik, p.min_education_rank
        a["fields"][row] = self._fields(p.accepted_fields)
        a["routes"][row] = p.offer_routes
        a["industry"][row] = engine.INDUSTRY_BITS.get(p.industry, 0)
        a["region"][row] = engine.REGION_BITS.get(p.region, 0)
        a["job_type"][row] = engine.JOB_TYPE_BITS.get(p.job_type, 0)
        a["size"][row] = engine.SIZE_BITS.get(p.company_size, 0)
        a["salary_max"][row] = p.salary_max_krw
        self._inverted = None
        return row

    def _clear_graduate(self, graduate_id: int) -> int | None:
        row = self.grads.row_of.get(graduate_id)
        if row is not None:
            a = self.grads.arrays
            a["end"][row] = a["start"][row]
            a["discoverable"][row] = False
            self.columns.mark_stale(row)
        return row

    def _clear_posting(self, posting_id: int) -> int | None:
        row = self.posts.row_of.get(posting_id)
        if row is not None:
            a = self.posts.arrays
            a["end"][row] = a["start"][row]
            self._inverted = None
        return row

    # --- packs for the kernels ----------------------------------------------------------------

    def _gpack(self) -> tuple[np.ndarray, ...]:
        g = self.grads
        level = self.g_entries.values.get("level", np.zeros(1))
        return (
            g["start"], g["end"], self.g_entries.idx, level, g["topik"], g["education"],
            g["fields"], g["needs"], g["discoverable"], g["industries"], g["regions"],
            g["job_types"], g["sizes"], g["min_salary"], g["relocate"], g["ids"], g["routes"],
            g["need_levels"], g["role_code"], g["role_years"],
        )  # fmt: skip

    def _ppack(self) -> tuple[np.ndarray, ...]:
        p = self.posts
        return (
            p["topik"], p["education"], p["fields"], p["routes"], p["industry"], p["region"],
            p["job_type"], p["size"], p["salary_max"], p["ids"], p["need_min"], p["need_cover"],
            p["isco"], p["needs_max"], p["db_start"], p["db_end"], self.p_breakers.idx,
            self.p_breakers.values.get("min", np.zeros(1)),
        )  # fmt: skip

    def _inverted_index(self) -> tuple[np.ndarray, ...]:
        if self._inverted is None:
            self._inverted = inverted_index(self.posts, self.p_entries, len(self.skill_index))
        return self._inverted

    # --- scoring ------------------------------------------------------------------------------

    def recompute_all(self) -> None:
        """Both sides' lists from scratch (the same kernel as a full run)."""
        heaps = ColumnHeaps.new(self.posts.size, self.cap)
        rows = TopLists.empty(self.grads["ids"].copy(), self.cap)
        if self.grads.size and self.posts.size:
            kernels.score_block(
                0, self.grads.size, self.cap, self._gpack(), self._ppack(), self._inverted_index(),
                rows.score, rows.ids, rows.fit, rows.pref, rows.length, rows.total,
                heaps.score, heaps.ids, heaps.fit, heaps.pref, heaps.length, heaps.total,
                heaps.floor,
            )  # fmt: skip
        self.g_lists = Lists.from_top(rows)
        self.p_lists = Lists.from_top(heaps.merged(self.posts["ids"].copy(), self.cap))

    def _row_scores(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        m = self.posts.size
        out = np.zeros(m), np.zeros(m), np.zeros(m)
        if m:
            kernels.score_row(row, self._gpack(), self._ppack(), self._inverted_index(), *out)
        return out

    def prepare_columns(self) -> None:
        """Build the graduates' skill index now (else the first posting column does)."""
        self.columns.current(self.grads, self.g_entries, len(self.skill_index), rebuild=True)

    def _column_scores(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n = self.grads.size
        out = np.zeros(n), np.zeros(n), np.zeros(n)
        if not n:
            return out
        p, values = self.posts, self.p_entries.values
        posting = (
            p["start"], p["end"], self.p_entries.idx, values.get("min", np.zeros(1)),
            values.get("wpl", np.zeros(1)),
        )  # fmt: skip
        index = self.columns.current(self.grads, self.g_entries, len(self.skill_index))
        acc = np.zeros(n)
        column_kernels.column_skills(*(row, *posting, *index, self.columns.stale[:n], acc))
        gpack, key = self._gpack(), np.array(self.skill_key, dtype=np.int64)
        for g in self.columns.stale_rows:
            acc[g] = column_kernels.row_skills(row, g, gpack, *posting, key)
        column_kernels.score_column(row, acc, gpack, self._ppack(), key, *out)
        return out

    def _rebuild_graduate_list(self, row: int) -> None:
        score, fit, pref = self._row_scores(row)
        eligible = np.ones(self.posts.size, dtype=np.bool_)
        self.g_lists.set_from_dense(row, self.posts["ids"], score, fit, pref, eligible)

    def _rebuild_posting_list(self, row: int) -> None:
        score, fit, pref = self._column_scores(row)
        self.p_lists.set_from_dense(
            row, self.grads["ids"], employer_keys(score, fit, pref), fit, pref,
            self.grads["discoverable"],
        )  # fmt: skip

    @staticmethod
    def _affected(lists: Lists, other_id: int, score: np.ndarray) -> np.ndarray:
        """Rows whose list holds `other_id` or that its new score would enter."""
        out = np.zeros(len(lists.length), dtype=np.bool_)
        scan = (
            list_kernels.affected_rows_parallel
            if len(out) > 50_000
            else list_kernels.affected_rows_serial
        )
        scan(lists.ids, lists.score, lists.length, lists.complete, other_id, score, out)
        return np.flatnonzero(out)

    def _grow_lists(self) -> None:
        for lists, side in ((self.g_lists, self.grads), (self.p_lists, self.posts)):
            if len(lists.length) < side.size:
                lists.grow(side.size - len(lists.length))

    def graduate_changed(self, graduate_id: int, facts: GraduateFacts | None) -> "Changed":
        """Re-score one graduate (None: removed) and patch every posting list it touches."""
        row = self._set_graduate(facts) if facts is not None else self._clear_graduate(graduate_id)
        changed = Changed()
        if row is None:
            self._drop_everywhere(self.p_lists, graduate_id, changed.postings)
            self._refill(changed)
            return changed
        self._grow_lists()
        score, fit, pref = self._row_scores(row)
        self.g_lists.set_from_dense(
            row, self.posts["ids"], score, fit, pref, np.ones(self.posts.size, dtype=np.bool_)
        )
        changed.graduates.add(row)
        key = employer_keys(score, fit, pref)
        if not self.grads["discoverable"][row]:
            key = np.zeros_like(key)
        rows = self._affected(self.p_lists, graduate_id, key)
        done = self.p_lists.patch_many(rows, graduate_id, key[rows], fit[rows], pref[rows])
        changed.postings.update(done.tolist())
        self._refill(changed)
        return changed

    def posting_changed(self, posting_id: int, facts: PostingFacts | None) -> "Changed":
        """Re-score one posting (None: closed or gone) and patch the graduate lists it touches."""
        row = self._set_posting(facts) if facts is not None else self._clear_posting(posting_id)
        changed = Changed()
        if row is None:
            self._drop_everywhere(self.g_lists, posting_id, changed.graduates)
            self._refill(changed)
            return changed
        self._grow_lists()
        score, fit, pref = self._column_scores(row)
        self.p_lists.set_from_dense(
            row, self.grads["ids"], employer_keys(score, fit, pref), fit, pref,
            self.grads["discoverable"],
        )  # fmt: skip
        changed.postings.add(row)
        rows = self._affected(self.g_lists, posting_id, score)
        done = self.g_lists.patch_many(rows, posting_id, score[rows], fit[rows], pref[rows])
        changed.graduates.update(done.tolist())
        self._refill(changed)
        return changed

    def _drop_everywhere(self, lists: Lists, other_id: int, changed_rows: set[int]) -> None:
        """Remove an entity this state never held (gone before it was built) from stored lists."""
        n = len(lists.length)
        rows = np.flatnonzero(np.any(lists.ids[:n] == other_id, axis=1))
        zeros = np.zeros(len(rows))
        changed_rows.update(lists.patch_many(rows, other_id, zeros, zeros, zeros).tolist())

    def _refill(self, changed: "Changed") -> None:
        """Rebuild any changed list that no longer shows `visible` entries but may have more."""
        for row in list(changed.postings):
            p = self.p_lists
            if not p.complete[row] and p.length[row] < self.visible:
                self._rebuild_posting_list(row)
        for row in list(changed.graduates):
            g = self.g_lists
            if not g.complete[row] and g.length[row] < self.visible:
                self._rebuild_graduate_list(row)
