"""The planner against brute force: same optimum on small random instances, exact both ways."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from training.planner import Candidate, Gap, plan_cover, prune


def _brute_force(gaps: list[Gap], candidates: list[Candidate]) -> tuple[int, int, int] | None:
    """The best (cost, count, tie) over every subset that closes every closable gap."""
    closable = {g.key for g in gaps for c in candidates if c.levels.get(g.key, 0) >= g.level}
    best = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            closed = {g.key for g in gaps for c in subset if c.levels.get(g.key, 0) >= g.level}
            if closed >= closable:
                key = (sum(c.cost for c in subset), size, sum(c.tie for c in subset))
                best = key if best is None or key < best else best
    return best


def _instance(rng: random.Random, n_gaps: int, n_courses: int) -> tuple[list[Gap], list[Candidate]]:
    gaps = [Gap(key=k, level=rng.randint(1, 4), weight=rng.random()) for k in range(n_gaps)]
    extra_keys = list(range(n_gaps, n_gaps + 3))  # skills no posting asks for
    candidates = []
    for i in range(n_courses):
        taught = rng.sample(list(range(n_gaps)) + extra_keys, rng.randint(1, 4))
        candidates.append(
            Candidate(
                id=100 + i,
                cost=rng.choice([0, 40, 60, 80, 120, 200, 240]),
                tie=rng.choice([0, 9000, 15000, 45000]),
                levels={k: rng.randint(1, 5) for k in taught},
            )
        )
    return gaps, candidates


@pytest.mark.parametrize("seed", range(60))
def test_dp_finds_the_brute_force_optimum_on_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    gaps, candidates = _instance(rng, rng.randint(1, 7), rng.randint(0, 9))
    plan = plan_cover(gaps, candidates, method="dp")
    chosen = [c for c in candidates if c.id in plan.course_ids]
    expected = _brute_force(gaps, candidates)
    assert (plan.cost, len(chosen), plan.tie) == expected
    closed = {g.key for g in gaps for c in chosen if c.levels.get(g.key, 0) >= g.level}
    assert closed == set(plan.covered)
    assert plan.covered | plan.uncovered == {g.key for g in gaps}
    for gap in gaps:
        if gap.key in plan.uncovered:
            assert all(c.levels.get(gap.key, 0) < gap.level for c in candidates)


@pytest.mark.parametrize("seed", range(25))
def test_integer_programme_reaches_the_same_cost_and_count(seed: int) -> None:
    rng = random.Random(1000 + seed)
    gaps, candidates = _instance(rng, rng.randint(1, 7), rng.randint(1, 9))
    dp = plan_cover(gaps, candidates, method="dp")
    ilp = plan_cover(gaps, candidates, method="milp")
    assert (ilp.cost, len(ilp.course_ids)) == (dp.cost, len(dp.course_ids))
    assert ilp.covered == dp.covered


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=6),
    st.lists(
        st.tuples(
            st.integers(0, 300),
            st.integers(0, 5000),
            st.dictionaries(st.integers(0, 7), st.integers(1, 5), min_size=1, max_size=4),
        ),
        max_size=8,
    ),
)
def test_property_plan_equals_brute_force(levels: list[int], courses: list[tuple]) -> None:
    gaps = [Gap(key=k, level=level) for k, level in enumerate(levels)]
    candidates = [
        Candidate(id=i, cost=cost, tie=tie, levels=taught)
        for i, (cost, tie, taught) in enumerate(courses)
    ]
    plan = plan_cover(gaps, candidates)
    assert (plan.cost, len(plan.course_ids), plan.tie) == (
        _brute_force(gaps, candidates) or (0, 0, 0)
    )


def test_a_course_below_the_level_asked_does_not_close_the_gap() -> None:
    gaps = [Gap(key=1, level=3)]
    plan = plan_cover(gaps, [Candidate(id=1, cost=10, levels={1: 2})])
    assert plan.course_ids == ()
    assert plan.uncovered == {1}


def test_one_broad_course_beats_two_narrow_ones_when_cheaper_in_total() -> None:
    gaps = [Gap(key="a", level=2), Gap(key="b", level=2)]
    candidates = [
        Candidate(id=1, cost=60, levels={"a": 2}),
        Candidate(id=2, cost=60, levels={"b": 3}),
        Candidate(id=3, cost=100, levels={"a": 3, "b": 2}),
    ]
    assert plan_cover(gaps, candidates).course_ids == (3,)
    cheaper_pair = [*candidates[:2], Candidate(id=3, cost=130, levels={"a": 3, "b": 2})]
    assert plan_cover(gaps, cheaper_pair).course_ids == (1, 2)


def test_equal_cost_prefers_fewer_courses_then_the_lower_tie_measure() -> None:
    gaps = [Gap(key="a", level=1), Gap(key="b", level=1)]
    candidates = [
        Candidate(id=1, cost=50, levels={"a": 1}),
        Candidate(id=2, cost=50, levels={"b": 1}),
        Candidate(id=3, cost=100, tie=900, levels={"a": 1, "b": 1}),
        Candidate(id=4, cost=100, tie=500, levels={"a": 2, "b": 2}),
    ]
    assert plan_cover(gaps, candidates).course_ids == (4,)


def test_topik_gap_is_closed_by_a_course_preparing_that_level_or_higher() -> None:
    gaps = [Gap(key="topik", level=4)]
    candidates = [
        Candidate(id=1, cost=100, levels={"topik": 3}),
        Candidate(id=2, cost=180, levels={"topik": 4}),
        Candidate(id=3, cost=400, levels={"topik": 5}),
    ]
    assert plan_cover(gaps, candidates).course_ids == (2,)


def test_dominated_and_useless_courses_are_pruned() -> None:
    gaps = [Gap(key=1, level=2), Gap(key=2, level=2)]
    candidates = [
        Candidate(id=1, cost=50, levels={1: 3, 2: 3}),
        Candidate(id=2, cost=80, levels={1: 3}),  # dominated by 1
        Candidate(id=3, cost=10, levels={9: 5}),  # closes nothing
    ]
    masks = {1: 0b11, 2: 0b01, 3: 0}
    assert [c.id for c in prune(candidates, masks)] == [1]
    assert plan_cover(gaps, candidates).pruned == 2


def test_no_gaps_gives_an_empty_plan_and_bad_input_is_refused() -> None:
    assert plan_cover([], [Candidate(id=1, cost=5, levels={1: 1})]).course_ids == ()
    with pytest.raises(ValueError, match="own key"):
        plan_cover([Gap(key=1, level=1), Gap(key=1, level=2)], [])
    with pytest.raises(ValueError, match="negative"):
        plan_cover([Gap(key=1, level=1)], [Candidate(id=1, cost=-1, levels={1: 1})])


def test_seventeen_gaps_use_the_integer_programme_and_stay_optimal() -> None:
    gaps = [Gap(key=k, level=1) for k in range(17)]
    singles = [Candidate(id=k, cost=10, levels={k: 1}) for k in range(17)]
    halves = [
        Candidate(id=100, cost=60, levels=dict.fromkeys(range(9), 1)),
        Candidate(id=101, cost=60, levels=dict.fromkeys(range(9, 17), 1)),
    ]
    plan = plan_cover(gaps, singles + halves)
    assert plan.method == "milp"
    assert plan.course_ids == (100, 101)
    assert plan.cost == 120
