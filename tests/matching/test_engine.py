"""The compiled engine against the plain-Python reference, pair by pair and list by list."""

import numpy as np
import pytest

from matching import engine, reference
from matching.facts import GraduateFacts, MatchingInput, PostingFacts, PostingSkillFacts
from matching.scoring import PREFERENCE_TIEBREAK
from tests.matching.instances import many_fields, random_instance


def _run(data: MatchingInput, cap: int, block_size: int = 4096) -> engine.FullResult:
    vocab = engine.Vocabulary.from_facts(data.graduates, data.postings)
    return engine.full_run(
        engine.build_graduates(data.graduates, vocab, data.relations),
        engine.build_postings(data.postings, vocab),
        cap,
        block_size=block_size,
    )


@pytest.mark.parametrize("seed", range(40))
def test_engine_lists_equal_brute_force_on_random_instances(seed: int):
    data = random_instance(seed, graduates=30, postings=20)
    cap = 1 + seed % 7
    result = _run(data, cap, block_size=1 + seed % 9)  # odd blocks exercise the merge
    by_graduate, by_posting = reference.top_lists(data, cap)
    for lists, truth, employer in (
        (result.graduates, by_graduate, False),
        (result.postings, by_posting, True),
    ):
        for row, owner in enumerate(lists.owner_ids):
            got = [(i, s, f, p) for i, s, f, p in lists.entries(row)]
            want = [
                (i, x.employer_key if employer else x.score, x.fit, x.preference)
                for i, x in truth[int(owner)]
            ]
            assert got == want, (seed, int(owner))


@pytest.mark.parametrize("seed", range(6))
def test_more_fields_of_study_than_a_64_bit_word_match_exactly(seed: int):
    data = random_instance(seed, fields=many_fields(200), most_fields=(60, 40))
    vocab = engine.Vocabulary.from_facts(data.graduates, data.postings)
    assert len(vocab.field_index) > 128  # three words or more
    result = _run(data, cap=5)
    by_graduate, _ = reference.top_lists(data, 5)
    pairs = 0
    for row, owner in enumerate(result.graduates.owner_ids):
        got = [(i, s) for i, s, _f, _p in result.graduates.entries(row)]
        assert got == [(i, x.score) for i, x in by_graduate[int(owner)]], (seed, int(owner))
        pairs += len(got)
    assert pairs > 0


def test_ties_break_by_id_on_both_sides():
    skill = PostingSkillFacts(skill_id=1, min_level=3, weight=1.0)
    postings = [PostingFacts(id=pid, skills=(skill,)) for pid in (30, 10, 20)]
    graduates = [GraduateFacts(id=gid, skills={1: 3}) for gid in (7, 5, 6)]
    result = _run(MatchingInput(graduates=graduates, postings=postings), cap=2)
    assert [i for i, *_ in result.graduates.entries(0)] == [10, 20]
    assert [i for i, *_ in result.postings.entries(0)] == [5, 6]


def test_partial_credit_below_level_and_through_a_related_skill():
    posting = PostingFacts(
        id=1, skills=(PostingSkillFacts(1, 4, 1.0), PostingSkillFacts(2, 2, 1.0))
    )
    graduate = GraduateFacts(id=1, skills={1: 2, 3: 2})
    from matching.facts import SkillRelationFacts

    data = MatchingInput(
        graduates=[graduate], postings=[posting], relations=[SkillRelationFacts(3, 2, 0.5)]
    )
    ((_, _, fit, _),) = _run(data, cap=5).graduates.entries(0)
    # Each skill weighs 0.5 and earns 0.9 x (level / level asked) + 0.1 x (level / 5):
    # skill 1, level 2 of 4: 0.45 + 0.04; skill 2 through skill 3, 0.5 x 2 = 1 of 2: 0.45 + 0.02.
    assert fit == pytest.approx(0.5 * (0.45 + 0.04) + 0.5 * (0.45 + 0.02))


def test_a_failed_hard_constraint_excludes_the_pair_whatever_the_skills():
    skill = PostingSkillFacts(1, 1, 1.0)
    postings = [PostingFacts(id=1, skills=(skill,), min_topik=4)]
    graduates = [GraduateFacts(id=1, skills={1: 5}, topik=3)]
    result = _run(MatchingInput(graduates=graduates, postings=postings), cap=5)
    assert result.graduates.entries(0) == [] and result.postings.entries(0) == []


def test_visa_routes_must_meet_when_sponsorship_is_needed():
    skill = PostingSkillFacts(1, 1, 1.0)
    e9_only = PostingFacts(id=1, skills=(skill,), visa_routes=0b10)
    any_route = PostingFacts(id=2, skills=(skill,))
    graduates = [
        GraduateFacts(id=1, skills={1: 3}, visa_routes=0b01),  # e.g. a Malaysian: no E-9
        GraduateFacts(id=2, skills={1: 3}, needs_sponsorship=False, visa_routes=0b01),
    ]
    result = _run(MatchingInput(graduates=graduates, postings=[e9_only, any_route]), cap=5)
    assert [i for i, *_ in result.graduates.entries(0)] == [2]
    assert sorted(i for i, *_ in result.graduates.entries(1)) == [1, 2]


def test_scores_stay_within_zero_and_one():
    data = random_instance(3, graduates=40, postings=30)
    result = _run(data, cap=10)
    # A posting's list keeps employer keys: the fit plus at most PREFERENCE_TIEBREAK.
    for lists, top in ((result.graduates, 1.0), (result.postings, 1.0 + PREFERENCE_TIEBREAK)):
        used = lists.ids >= 0
        assert np.all((lists.score[used] > 0) & (lists.score[used] <= top))
        assert np.all((lists.fit[used] > 0) & (lists.fit[used] <= 1))
