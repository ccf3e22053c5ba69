"""Points by item, totals, pass marks and shortfalls, checked by hand against the tables in
shared/reference/visa-pathways.md: D-10-1 §3.1 (sasanqua310 table), F-2-7 §6 (kormoya table)."""

from dataclasses import replace
from datetime import date
from functools import cache

from visas.rules import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    PathwayResult,
    PersonFacts,
    RulesSnapshot,
    evaluate_all,
    snapshot_from_fixture,
)

DAY = date(2026, 3, 1)


@cache
def rules() -> RulesSnapshot:
    return snapshot_from_fixture(None, DAY)


def route(code: str, person: PersonFacts) -> PathwayResult:
    return evaluate_all(person=person, offer=None, rules=rules()).pathway(code)


def points_check(result: PathwayResult) -> bool | None:
    return next(c.met for c in result.criteria if c.key == "points.total")


# D-10-1: a 27-year-old with a Korean master's finished 4 years ago, working in Korea on D-10.
# Every item the facts cannot show is answered "no" in `extra`, so the total alone decides.
D10_SETTLED = (
    ("degree.university_rank_qs", 900),
    ("education.domestic_training_1y", False),
    ("experience.fortune500_years", 0),
    ("job_search.target_field_matches_major", True),
    ("korean.kiip_pretest_assigned_stage", 0),
    ("recommendation.ministry_or_embassy", False),
)
D10_AT_PASS_MARK = PersonFacts(
    nationality="VN",
    age=27,
    education_level="master",
    degree_country="KR",
    korean_degree=True,
    years_since_graduation=4,
    experience_years=3,
    korean_experience_years=3,
    current_visa="D-10",
    annual_income_krw=30_000_000,
    extra=D10_SETTLED,
)


def test_d10_1_score_exactly_at_the_pass_mark_is_eligible():
    result = route("D-10-1", D10_AT_PASS_MARK)

    assert result.points is not None
    # Basic: age 25-29 → 15, master → 20. Optional: domestic experience 3-4 years → 10,
    # study in Korea more than 3 years after a master's → 15. Total 60 = the pass mark.
    assert result.points.items == (
        ("Basic", "Age (full age): 25-29", 15),
        ("Basic", "Final degree (degree certificate only): master", 20),
        (
            "Optional",
            "Related work experience in last 10 years, after degree (domestic+overseas "
            "combined): domestic: 3-4 years",
            10,
        ),
        (
            "Optional",
            "Study in Korea (at least 2 years at a regular university, D-2-type): "
            "more than 3 years: "
            "master",
            15,
        ),
    )
    assert (result.points.total, result.points.pass_mark, result.points.shortfall) == (60, 60, 0)
    assert result.points.max_possible == 60
    assert points_check(result) is True
    assert result.verdict == ELIGIBLE


def test_d10_1_one_bracket_below_the_pass_mark_opens_with_another_year_in_korea():
    # Domestic experience 1-2 years → 5 instead of 10: total 55, short by 5.
    person = replace(D10_AT_PASS_MARK, experience_years=2, korean_experience_years=2)

    result = route("D-10-1", person)

    assert result.points is not None
    assert (result.points.total, result.points.shortfall) == (55, 5)
    assert points_check(result) is False
    assert result.verdict == ELIGIBLE_ONCE
    year = next(step for step in result.next_steps if step.skill_hint == "experience:1")
    assert year.action == "Gain 1 more year of related work experience in Korea"
    assert (year.points_gain, year.opens_route) == (5, True)
    # Any Korean ability counts up to 20 points whose brackets are not published: TOPIK 1 or
    # KIIP stage 1 would make the score "cannot tell" instead of "too low", with no points shown.
    kiip = next(step for step in result.next_steps if step.skill_hint == "kiip:1")
    assert (kiip.points_gain, kiip.opens_route) == (None, True)


def test_d10_1_points_left_unscored_keep_the_points_check_open():
    # Without the answers in `extra`, unpublished items (Korean ability, bonuses) may add points.
    person = replace(
        D10_AT_PASS_MARK, experience_years=2, korean_experience_years=2, topik=3, extra=()
    )

    result = route("D-10-1", person)

    assert result.points is not None
    assert result.points.total == 55
    assert result.points.max_possible is not None and result.points.max_possible > 60
    assert points_check(result) is None
    assert any(
        line.startswith("Korean ability (TOPIK/KIIP): up to 20") for line in result.points.unscored
    )
    assert result.points.uncertain


def test_d10_1_basic_items_below_20_fail_even_without_an_age():
    # Foreign bachelor's, age not given: education 15 counted, age could add up to 20.
    person = PersonFacts(nationality="PH", education_level="bachelor", degree_country="PH")

    result = route("D-10-1", person)

    basic = next(c for c in result.criteria if c.key == "points.group.basic")
    assert basic.met is None
    assert "15 points counted (up to 35 possible)" in basic.actual


# F-2-7: a 41-year-old E-7-1 holder, foreign bachelor's (not STEM), TOPIK 2, 45,000,000 KRW.
F27 = PersonFacts(
    nationality="PH",
    age=41,
    education_level="bachelor",
    degree_country="PH",
    topik=2,
    experience_years=10,
    korean_experience_years=4,
    current_visa="E-7-1",
    annual_income_krw=45_000_000,
    extra=(("record.criminal_fines_3y_krw", 0),),
)


def test_f2_7_points_by_item_total_and_shortfall():
    result = route("F-2-7", F27)

    assert result.points is not None
    # Age 40-44 → 12; bachelor, other field → 15; TOPIK 2 → 5; income 40-50M → 40.
    assert [line.points for line in result.points.items] == [12, 15, 5, 40]
    assert (result.points.total, result.points.pass_mark, result.points.shortfall) == (72, 80, 8)
    assert points_check(result) is None  # bonus items may add up to 40 (values not published)


def test_f2_7_reaching_topik_4_adds_10_points_and_opens_the_route():
    result = route("F-2-7", F27)

    first = result.next_steps[0]
    assert first.action == "Reach TOPIK level 4"
    # TOPIK 4 → 15 points instead of 5: 82 ≥ 80.
    assert (first.points_gain, first.opens_route, first.skill_hint, first.effort) == (
        10,
        True,
        "topik:4",
        8,
    )
    hints = [step.skill_hint for step in result.next_steps]
    assert hints[:4] == ["topik:4", "kiip:4", "topik:5", "kiip:5"]  # all open it: easiest first
    order = [(not step.opens_route, step.effort) for step in result.next_steps]
    assert order == sorted(order)
    assert first.cost == "exam fee in Korea 55,000 KRW a sitting (abroad it varies)"


def test_f2_7_stem_master_from_korea_scores_education_and_korean_degree_bonus():
    person = replace(
        F27,
        age=28,
        education_level="master",
        field_stem=True,
        degree_country="KR",
        korean_degree=True,
        topik=5,
        annual_income_krw=100_000_000,
    )

    result = route("F-2-7", person)

    assert result.points is not None
    # Age 25-29 → 25; master STEM → 20; TOPIK 5 → 20; income ≥ 100M → 60; Korean master's +7.
    assert [line.points for line in result.points.items] == [25, 20, 20, 60, 7]
    assert result.points.total == 132


def test_f2_7_income_below_40_million_is_not_counted_but_may_add_points():
    result = route("F-2-7", replace(F27, annual_income_krw=39_999_999))

    assert result.points is not None
    assert [line.points for line in result.points.items] == [12, 15, 5]
    assert any("not counted (points not published)" in line for line in result.points.unscored)
