"""The graded truth responds to each fact it reads, and is the same for the same seed."""

from dataclasses import replace

import numpy as np
import pytest

from matching.facts import (
    ExperienceFacts,
    GraduateFacts,
    MatchingInput,
    PostingFacts,
    PostingSkillFacts,
    SkillRelationFacts,
)
from matching.synthetic import synthetic_instance
from matching.truth import GradedTruth, graded_truth, grades, occupation_closeness

ETCH, CLEANROOM, SPC, LITHOGRAPHY = 1, 2, 3, 4
POSTING = PostingFacts(
    id=1,
    skills=(
        PostingSkillFacts(ETCH, 3, 1.0),
        PostingSkillFacts(CLEANROOM, 2, 1.0),
        PostingSkillFacts(SPC, 2, 1.0, required=False),
    ),
    isco_code="2149",
    industry="semiconductors",
)
SKILLED = GraduateFacts(id=1, skills={ETCH: 3, CLEANROOM: 2, SPC: 2}, needs_sponsorship=False)
# Lithography at level L counts towards etching (an invented relation, for the test).
RELATIONS = [SkillRelationFacts(LITHOGRAPHY, ETCH, 0.8)]


def judge(
    graduates: list[GraduateFacts], postings: list[PostingFacts], noise: float = 0.0
) -> GradedTruth:
    ids = [replace(g, id=n) for n, g in enumerate(graduates, start=1)]
    posts = [replace(p, id=n) for n, p in enumerate(postings, start=1)]
    return graded_truth(MatchingInput(ids, posts, RELATIONS), seed=1, noise=noise)


def employer_views(graduates: list[GraduateFacts], posting: PostingFacts = POSTING) -> list[float]:
    return judge(graduates, [posting]).employer_view[:, 0].tolist()


def test_grades_bin_judgements_at_the_cuts() -> None:
    judged = np.array([0.0, 0.29, 0.3, 0.49, 0.5, 0.71, 0.72, 1.0])
    assert grades(judged).tolist() == [0, 0, 1, 1, 2, 2, 3, 3]


def test_required_skills_at_level_earn_a_higher_grade_than_missing_ones() -> None:
    one_short = replace(SKILLED, skills={ETCH: 2, CLEANROOM: 2, SPC: 2})
    no_etching = replace(SKILLED, skills={CLEANROOM: 2, SPC: 2})
    nothing = replace(SKILLED, skills={SPC: 1})
    truth = judge([SKILLED, one_short, no_etching, nothing], [POSTING])
    assert truth.employer_grades[:, 0].tolist() == [3, 3, 2, 0]
    skilled, short, missing, _ = truth.employer_view[:, 0]
    # One level short of three costs more than a third of what missing the skill costs: a
    # recruiter reads a gap as partly missing.
    assert skilled > short > missing
    assert skilled - short > (skilled - missing) / 3


def test_a_related_skill_earns_partial_credit() -> None:
    without = replace(SKILLED, skills={CLEANROOM: 2, SPC: 2})
    related = replace(SKILLED, skills={LITHOGRAPHY: 3, CLEANROOM: 2, SPC: 2})
    skilled, via, none = employer_views([SKILLED, related, without])
    assert none < via < skilled


def test_a_deal_breaker_below_its_level_makes_the_pair_grade_zero() -> None:
    posting = replace(
        POSTING, skills=(replace(POSTING.skills[0], deal_breaker=True), *POSTING.skills[1:])
    )
    short = replace(SKILLED, skills={ETCH: 2, CLEANROOM: 2, SPC: 2})
    related = replace(SKILLED, skills={LITHOGRAPHY: 5, CLEANROOM: 2, SPC: 2})
    truth = judge([SKILLED, short, related], [posting, POSTING], noise=0.3)
    assert truth.employer_view[:, 0].tolist()[1:] == [0.0, 0.0]
    assert truth.employer_grades[1:, 0].tolist() == [0, 0]
    assert truth.graduate_grades[1:, 0].tolist() == [0, 0]
    assert truth.employer_view[0, 0] > 0.9
    assert (truth.employer_view[1:, 1] > 0).all()  # without the mark they are only short


def test_more_relevant_experience_helps_whether_asked_or_not() -> None:
    asked = replace(POSTING, min_experience_years=3.0)
    short = replace(SKILLED, skills={ETCH: 2, CLEANROOM: 2, SPC: 2})

    def career(code: str, years: float) -> GraduateFacts:
        return replace(short, experience=(ExperienceFacts(code, years),))

    people = [short, career("2149", 1), career("2149", 3), career("2152", 3), career("5223", 3)]
    for posting in (asked, POSTING):
        none, one_year, three, nearby, unrelated = employer_views(people, posting)
        assert none < one_year < three
        assert none < nearby < three  # an electronics engineer's years count in part
        assert unrelated == pytest.approx(none)  # shop work does not count
    assert employer_views([short], asked)[0] < employer_views([short], POSTING)[0]


def test_occupation_closeness_follows_the_shared_digits() -> None:
    closeness = [occupation_closeness(code, "2149") for code in ("2149", "2141", "2152", "2512")]
    assert closeness == sorted(closeness, reverse=True) and closeness[0] == 1.0
    assert occupation_closeness("5223", "2149") == 0.0
    assert 0 < occupation_closeness("", "2149") < 1


def test_korean_and_english_count_against_what_is_asked() -> None:
    posting = replace(POSTING, min_topik=4, min_english_cefr=4)
    people = [
        replace(SKILLED, topik=4, english_cefr=4),
        replace(SKILLED, topik=2, english_cefr=4),
        replace(SKILLED, topik=0, kiip_stage=4, english_cefr=4),  # KIIP stage 4 = TOPIK 4
        replace(SKILLED, topik=4, english_cefr=2),
    ]
    met, korean_short, kiip, english_short = employer_views(people, posting)
    assert korean_short < met and english_short < met
    assert kiip == pytest.approx(met)
    assert employer_views(people[1:2], POSTING)[0] == pytest.approx(employer_views([SKILLED])[0])


def test_a_degree_below_the_minimum_or_no_visa_route_is_grade_zero() -> None:
    posting = replace(POSTING, min_education_rank=2, sponsors_visa=False)
    people = [
        replace(SKILLED, education_rank=2),
        replace(SKILLED, education_rank=1),
        replace(SKILLED, education_rank=3, needs_sponsorship=True),
    ]
    assert [v > 0 for v in employer_views(people, posting)] == [True, False, False]


def test_preferences_matter_only_in_the_graduate_direction() -> None:
    elsewhere = replace(POSTING, industry="shipbuilding")
    wants_chips = replace(SKILLED, industries=frozenset({"semiconductors"}))
    wants_ships = replace(SKILLED, industries=frozenset({"shipbuilding"}))
    truth = judge([wants_chips, wants_ships], [POSTING, elsewhere])
    fit, view = truth.employer_view, truth.graduate_view
    assert fit[0, 0] == fit[0, 1] == fit[1, 0] == fit[1, 1]  # the recruiter's view ignores wishes
    assert view[0, 0] > view[0, 1]  # the graduate who wants chips prefers the chip posting
    assert view[1, 1] > view[1, 0]
    assert truth.graduate_grades[0, 0] > truth.graduate_grades[0, 1]
    assert truth.employer_grades[0, 0] == truth.employer_grades[1, 0]


def test_graduates_who_are_not_discoverable_are_never_relevant_to_employers() -> None:
    truth = judge([SKILLED, replace(SKILLED, discoverable=False)], [POSTING])
    assert truth.employer_grades[:, 0].tolist() == [3, 0]
    assert truth.graduate_grades[1, 0] == 3


def test_the_same_seed_gives_the_same_grades() -> None:
    data = synthetic_instance(graduates=150, postings=30, seed=5).data
    first, again = graded_truth(data, seed=5), graded_truth(data, seed=5)
    other = graded_truth(data, seed=6)
    assert (first.employer_grades == again.employer_grades).all()
    assert (first.graduate_grades == again.graduate_grades).all()
    assert (first.employer_view == other.employer_view).all()  # noise comes after the view
    assert (first.employer_grades != other.employer_grades).any()
    assert set(np.unique(first.graduate_grades)) == {0, 1, 2, 3}
