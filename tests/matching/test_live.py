"""Incremental maintenance: after any sequence of edits, the lists equal a full recompute."""

import dataclasses
import pickle
import random

import numpy as np
import pytest

from matching import reference, toplists
from matching.facts import GraduateFacts, MatchingInput, PostingFacts, PostingSkillFacts
from matching.live import LiveState
from matching.live_arrays import StoredList, StoredLists
from matching.reference import top_lists
from matching.toplists import Lists, TopLists
from tests.matching.instances import many_fields, random_instance

CAP, VISIBLE = 6, 4


def _assert_matches_reference(state: LiveState, data: MatchingInput) -> None:
    by_graduate, by_posting = top_lists(data, cap=CAP)
    for lists, side, truth, employer in (
        (state.g_lists, state.grads, by_graduate, False),
        (state.p_lists, state.posts, by_posting, True),
    ):
        for entity_id, row in side.row_of.items():
            live = [(i, s) for i, s, _f, _p in lists.entries(row)]
            want = [
                (i, pair.employer_key if employer else pair.score)
                for i, pair in truth.get(entity_id, [])
            ]
            assert live == want[: len(live)], (entity_id, live, want)
            assert len(live) >= min(VISIBLE, len(want)), (entity_id, live, want)
            if lists.complete[row]:
                assert live == want


def _edit_graduate(rng: random.Random, g: GraduateFacts, skill_ids: list[int]) -> GraduateFacts:
    choice = rng.randrange(4)
    if choice == 0:
        skills = dict(g.skills)
        skills[rng.choice(skill_ids)] = rng.randint(1, 5)
        if skills and rng.random() < 0.5:
            del skills[rng.choice(sorted(skills))]
        return dataclasses.replace(g, skills=skills)
    if choice == 1:
        return dataclasses.replace(g, topik=rng.randint(0, 6))
    if choice == 2:
        return dataclasses.replace(g, discoverable=not g.discoverable)
    return dataclasses.replace(g, min_salary_krw=rng.choice([0, 30_000_000, 50_000_000]))


def _edit_posting(rng: random.Random, p: PostingFacts, skill_ids: list[int]) -> PostingFacts:
    skills = list(p.skills)
    if skills and rng.random() < 0.4:
        skills.pop(rng.randrange(len(skills)))
    taken = {s.skill_id for s in skills}
    free = [s for s in skill_ids if s not in taken]
    if free:
        skills.append(PostingSkillFacts(rng.choice(free), rng.randint(1, 5), 1.0))
    return dataclasses.replace(p, skills=tuple(skills), min_topik=rng.choice([0, 1, 2, 3]))


@pytest.mark.parametrize("seed", range(12))
def test_incremental_edits_keep_lists_equal_to_a_full_recompute(seed: int):
    rng = random.Random(seed)
    data = random_instance(seed, graduates=25, postings=15)
    state = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    state.recompute_all()
    _assert_matches_reference(state, data)
    skill_ids = sorted({s for g in data.graduates for s in g.skills} | {1, 2, 3})
    graduates = {g.id: g for g in data.graduates}
    postings = {p.id: p for p in data.postings}
    next_id = 900_000
    for _ in range(40):
        action = rng.randrange(6)
        if action <= 1 and graduates:
            g = graduates[rng.choice(sorted(graduates))]
            graduates[g.id] = _edit_graduate(rng, g, skill_ids)
            state.graduate_changed(g.id, graduates[g.id])
        elif action == 2 and postings:
            p = postings[rng.choice(sorted(postings))]
            postings[p.id] = _edit_posting(rng, p, skill_ids)
            state.posting_changed(p.id, postings[p.id])
        elif action == 3 and graduates:
            gone = rng.choice(sorted(graduates))
            del graduates[gone]
            state.graduate_changed(gone, None)
        elif action == 4 and postings:
            gone = rng.choice(sorted(postings))
            del postings[gone]
            state.posting_changed(gone, None)
        else:
            next_id += 1
            template = data.graduates[rng.randrange(len(data.graduates))]
            graduates[next_id] = _edit_graduate(
                rng, dataclasses.replace(template, id=next_id), skill_ids
            )
            state.graduate_changed(next_id, graduates[next_id])
        current = MatchingInput(
            graduates=list(graduates.values()),
            postings=list(postings.values()),
            relations=data.relations,
        )
        _assert_matches_reference(state, current)


def test_new_fields_of_study_past_64_widen_the_masks_and_keep_lists_exact():
    rng = random.Random(3)
    pool = many_fields(160)
    data = random_instance(3, graduates=20, postings=12, fields=pool[:40], most_fields=(20, 10))
    state = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    state.recompute_all()
    graduates = {g.id: g for g in data.graduates}
    postings = {p.id: p for p in data.postings}
    for step in range(12):  # each edit brings ten fields nobody had
        new = frozenset(pool[40 + 10 * step : 50 + 10 * step])
        if step % 2:
            g = graduates[rng.choice(sorted(graduates))]
            graduates[g.id] = dataclasses.replace(g, fields=g.fields | new)
            state.graduate_changed(g.id, graduates[g.id])
        else:
            p = postings[rng.choice(sorted(postings))]
            postings[p.id] = dataclasses.replace(p, accepted_fields=new | {pool[0]})
            state.posting_changed(p.id, postings[p.id])
        current = MatchingInput(list(graduates.values()), list(postings.values()), data.relations)
        _assert_matches_reference(state, current)
    assert len(state.field_index) == 160 and state.grads["fields"].shape[1] == 3


def _row(lists: Lists, row: int) -> tuple[np.ndarray, ...]:
    n = lists.length[row]
    return lists.ids[row, :n], lists.score[row, :n], lists.fit[row, :n], lists.pref[row, :n]


@pytest.mark.parametrize("seed", range(6))
def test_posting_columns_from_the_skill_index_and_from_changed_rows_equal_the_reference(
    seed: int,
):
    """Columns read most graduates from the skill index and the ones edited since it was built
    from their own rows; either way each pair scores exactly as the reference scores it."""
    rng = random.Random(seed)
    data = random_instance(seed, graduates=40, postings=12)
    state = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    state._column_scores(0)  # builds the index
    skill_ids = sorted({s for g in data.graduates for s in g.skills} | {1, 2, 3})
    graduates = {g.id: g for g in data.graduates}
    for g_id in rng.sample(sorted(graduates), 10):  # edited after the index: read from rows
        graduates[g_id] = _edit_graduate(rng, graduates[g_id], skill_ids)
        state.graduate_changed(g_id, graduates[g_id])
    assert len(state.columns.stale_rows) == 10
    by_id = {p.id: p for p in data.postings}
    table = reference.relation_table(
        MatchingInput(list(graduates.values()), data.postings, data.relations)
    )
    for row, posting_id in enumerate(state.posts["ids"]):
        score, fit, _pref = state._column_scores(row)
        for g_row, g_id in enumerate(state.grads["ids"]):
            want = reference.pair_score(graduates[int(g_id)], by_id[int(posting_id)], table)
            got = (score[g_row], fit[g_row])
            assert got == ((want.score, want.fit) if want else (0.0, 0.0)), (g_id, posting_id)


@pytest.mark.parametrize("chunk", [3, 4096])
def test_loaded_lists_equal_the_lists_they_were_stored_from(monkeypatch, chunk):
    monkeypatch.setattr(toplists, "SET_ROWS_CHUNK", chunk)  # several chunks, or one
    data = random_instance(3, graduates=25, postings=15)
    source = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    source.recompute_all()
    loaded = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    for side in ("graduates", "postings"):
        lists, owners = source.lists(side), source.owner_ids(side)
        stored = [
            StoredList(int(owner), *_row(lists, row), complete=bool(lists.complete[row]))
            for row, owner in enumerate(owners)
            if lists.length[row]
        ]
        stranger = StoredList(123_456_789, np.array([1]), np.ones(1), np.ones(1), np.ones(1), False)
        loaded.load_lists(side, StoredLists.of([*stored, stranger]))
        assert loaded.owner_ids(side).tolist() == owners.tolist()
        for row in range(len(owners)):
            assert loaded.lists(side).entries(row) == lists.entries(row)
            assert loaded.lists(side).complete[row] == lists.complete[row]
    _assert_matches_reference(loaded, data)


def _stored_lists(state: LiveState, side: str) -> list[StoredList]:
    """Every list as the database keeps it (an emptied list is stored empty, not dropped)."""
    lists, owners = state.lists(side), state.owner_ids(side)
    return [
        StoredList(int(owner), *_row(lists, row), complete=bool(lists.complete[row]))
        for row, owner in enumerate(owners)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_a_state_from_an_older_snapshot_catches_up_and_stays_exact(seed: int):
    """Pickle a state (its facts, not its lists), change entities elsewhere, then load it: the
    changed facts set again and the stored lists put back, it goes on equal to the reference."""
    rng = random.Random(seed)
    data = random_instance(seed, graduates=25, postings=15)
    live = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    live.recompute_all()
    snapshot = pickle.dumps(live)
    skill_ids = sorted({s for g in data.graduates for s in g.skills} | {1, 2, 3})
    graduates = {g.id: g for g in data.graduates}
    postings = {p.id: p for p in data.postings}
    changed_g, changed_p = set(), set()
    for step in range(10):  # edits the snapshot does not know (another process made them)
        if step % 3 == 2:
            p = postings[rng.choice(sorted(postings))]
            postings[p.id] = _edit_posting(rng, p, skill_ids)
            live.posting_changed(p.id, postings[p.id])
            changed_p.add(p.id)
        else:
            g = graduates[rng.choice(sorted(graduates))]
            graduates[g.id] = _edit_graduate(rng, g, skill_ids)
            live.graduate_changed(g.id, graduates[g.id])
            changed_g.add(g.id)
    gone = sorted(graduates)[0]
    del graduates[gone]
    live.graduate_changed(gone, None)
    newcomer = dataclasses.replace(data.graduates[1], id=777_777)
    graduates[newcomer.id] = newcomer
    live.graduate_changed(newcomer.id, newcomer)

    loaded = pickle.loads(snapshot)  # noqa: S301 (made by this test)
    loaded.facts_set(
        graduates=[graduates[i] for i in sorted(changed_g | {newcomer.id}) if i in graduates],
        postings=[postings[i] for i in sorted(changed_p)],
        graduates_gone=[gone],
    )
    for side in ("graduates", "postings"):
        loaded.load_lists(side, StoredLists.of(_stored_lists(live, side)))
    current = MatchingInput(list(graduates.values()), list(postings.values()), data.relations)
    _assert_matches_reference(loaded, current)
    for _ in range(8):  # and it keeps up with further edits
        g = graduates[rng.choice(sorted(graduates))]
        graduates[g.id] = _edit_graduate(rng, g, skill_ids)
        loaded.graduate_changed(g.id, graduates[g.id])
        p = postings[rng.choice(sorted(postings))]
        postings[p.id] = _edit_posting(rng, p, skill_ids)
        loaded.posting_changed(p.id, postings[p.id])
        current = MatchingInput(list(graduates.values()), list(postings.values()), data.relations)
        _assert_matches_reference(loaded, current)


def test_a_pickled_state_scores_columns_as_the_original():
    data = random_instance(9, graduates=30, postings=10)
    state = LiveState(data.graduates, data.postings, data.relations, cap=CAP, visible=VISIBLE)
    loaded = pickle.loads(pickle.dumps(state))  # noqa: S301 (made by this test)
    for row in range(state.posts.size):
        for got, want in zip(loaded._column_scores(row), state._column_scores(row), strict=True):
            assert np.array_equal(got, want)


def _full_complete_row() -> Lists:
    lists = Lists.from_top(TopLists.empty(np.array([1]), 3))
    ids, score = np.array([10, 11, 12]), np.array([0.9, 0.8, 0.7])
    lists.set_row(0, ids, score, score, score, True)
    return lists


def test_a_full_complete_list_keeps_its_best_when_a_worse_pair_starts_to_qualify():
    lists = _full_complete_row()
    changed = lists.patch_many(np.array([0]), 13, *(np.array([0.5]),) * 3)
    assert _row(lists, 0)[0].tolist() == [10, 11, 12]  # 0.5 is worse than all three
    assert not lists.complete[0] and changed.tolist() == [0]  # no longer every pair


def test_a_full_complete_list_lets_a_better_pair_in_and_drops_its_worst():
    lists = _full_complete_row()
    lists.patch_many(np.array([0]), 13, *(np.array([0.85]),) * 3)
    assert _row(lists, 0)[0].tolist() == [10, 13, 11]
    assert not lists.complete[0]
