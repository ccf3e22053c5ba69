"""Salary thresholds as of a day: the E-7-1 switches on 2025-04-01 and 2026-02-01, the January 2026
gap, GNI multiples (Top-Tier at 3x and 4x) and which GNI year applies.

Expected figures, by hand from shared/reference/visa-pathways.md:
- §0.1 GNI per capita: 2023 = 47,248,000; 2024 = 49,955,000 (flagged: later revised); 2025 =
  52,416,000. A year's figure applies from 1 April of the next year to 31 March of the one after.
- §0.2 E-7-1: before 2025-04 80% of previous-year GNI (70% for SMEs); 28,670,000 from 2025-04-01
  to 2025-12-31; 31,120,000 from 2026-02-01 to 2026-12-31; no source covers January 2026.
- §7 Top-Tier: 3 × GNI = 149,865,000 and 4 × GNI = 199,820,000 (2024 GNI); launched 2025-04-02.
"""

from datetime import date
from functools import cache

import pytest

from visas.rules import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    NOT_OPEN,
    CriterionResult,
    OfferFacts,
    PersonFacts,
    RulesSnapshot,
    evaluate_all,
    evaluate_offer,
    pair_blocked,
    snapshot_from_fixture,
)
from visas.rules.references import gni_year_for

# A Malaysian with a Korean bachelor's degree: E-7-1's education rule is met (a Korean bachelor's
# waives the experience requirement, §4.1), E-9 is closed (§5) and E-7-4 too (no work in Korea).
KOREAN_GRADUATE = PersonFacts(
    nationality="MY",
    age=26,
    education_level="bachelor",
    field_stem=True,
    degree_country="KR",
    korean_degree=True,
    current_visa="D-10",
)
E71_SALARY = "job_offer.annual_salary_krw"


@cache
def rules_on(day: date) -> RulesSnapshot:
    return snapshot_from_fixture(None, day)


def e71_salary_check(day: date, salary: int, size: str = "large") -> CriterionResult:
    offer = OfferFacts(annual_salary_krw=salary, employer_size=size)
    guidance = evaluate_all(person=KOREAN_GRADUATE, offer=offer, rules=rules_on(day))
    (check,) = [
        c
        for c in guidance.pathway("E-7-1").criteria
        if c.key == E71_SALARY and c.group == "Who can apply"
    ]
    return check


@pytest.mark.parametrize(
    ("day", "size", "threshold"),
    [
        # §0.2 before 2025-04: 80% × the 2023 GNI 47,248,000 (applies 2024-04-01..2025-03-31).
        (date(2025, 3, 31), "large", 37_798_400),
        (date(2025, 3, 31), "mid", 37_798_400),
        # ... and 70% × 47,248,000 for SMEs and venture firms.
        (date(2025, 3, 31), "sme", 33_073_600),
        # §0.2 from 2025-04-01: 28,670,000, one size for all companies.
        (date(2025, 4, 1), "large", 28_670_000),
        (date(2025, 4, 1), "sme", 28_670_000),
        (date(2025, 12, 31), "sme", 28_670_000),
        # §0.2 from 2026-02-01: 31,120,000.
        (date(2026, 2, 1), "large", 31_120_000),
        (date(2026, 2, 1), "sme", 31_120_000),
        (date(2026, 12, 31), "mid", 31_120_000),
    ],
)
def test_e7_1_salary_is_met_at_the_threshold_and_not_one_won_below(day, size, threshold):
    assert e71_salary_check(day, threshold, size).met is True
    assert e71_salary_check(day, threshold - 1, size).met is False


def test_the_day_before_and_the_day_the_2025_threshold_applies():
    # 30,000,000 fails 80% of GNI (37,798,400) on 2025-03-31 and passes 28,670,000 on 2025-04-01.
    assert e71_salary_check(date(2025, 3, 31), 30_000_000).met is False
    assert e71_salary_check(date(2025, 4, 1), 30_000_000).met is True


def test_the_day_before_and_the_day_the_2026_threshold_applies():
    # 30,000,000 meets 28,670,000 until 2025-12-31 and fails 31,120,000 from 2026-02-01.
    assert e71_salary_check(date(2025, 12, 31), 30_000_000).met is True
    assert e71_salary_check(date(2026, 2, 1), 30_000_000).met is False


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 1, 15), date(2026, 1, 31)])
def test_in_the_january_2026_gap_only_a_salary_on_one_side_of_both_rules_decides(day):
    """No notice covers January 2026: the engine holds the salary against both neighbouring
    rules. At or above 31,120,000 meets either; below 28,670,000 meets neither; in between it
    cannot tell. The requirement is flagged uncertain and says why."""
    assert e71_salary_check(day, 28_669_999).met is False
    assert e71_salary_check(day, 28_670_000).met is None
    assert e71_salary_check(day, 31_119_999).met is None
    between = e71_salary_check(day, 31_120_000)
    assert between.met is True
    assert between.uncertain
    assert "no rule published for this day" in between.required
    assert "28,670,000 KRW until 2025-12-31" in between.required
    assert "31,120,000 KRW from 2026-02-01" in between.required


def test_the_january_2026_gap_is_noted_on_the_guidance():
    guidance = evaluate_all(person=KOREAN_GRADUATE, offer=None, rules=rules_on(date(2026, 1, 15)))

    assert any("no rule published for this day" in note for note in guidance.notes)


def test_the_threshold_flag_follows_the_rule_in_force():
    # The 2025 rule is flagged (one blog says the GNI rule ran in parallel); the 2026 one is not.
    flagged = e71_salary_check(date(2025, 4, 1), 30_000_000)
    settled = e71_salary_check(date(2026, 2, 1), 31_120_000)

    assert flagged.uncertain
    assert "kmcn_2025_e7_wage" in flagged.source_keys
    assert not settled.uncertain
    assert "kowork_2026_e7_wage" in settled.source_keys


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 3, 31), 2023),
        (date(2025, 4, 1), 2024),
        (date(2026, 3, 31), 2024),
        (date(2026, 4, 1), 2025),
    ],
)
def test_the_gni_year_changes_on_the_first_of_april(day, year):
    guidance = evaluate_all(person=KOREAN_GRADUATE, offer=None, rules=rules_on(day))

    assert gni_year_for(day) == year
    assert guidance.gni is not None
    assert guidance.gni.year == year


def test_a_day_whose_gni_is_not_published_uses_the_latest_and_says_so():
    # 2027-04-01 would use the 2026 GNI, which is not in the table yet.
    guidance = evaluate_all(person=KOREAN_GRADUATE, offer=None, rules=rules_on(date(2027, 4, 1)))

    assert guidance.gni is not None
    assert guidance.gni.year == 2025
    assert any("not in the table yet" in note for note in guidance.notes)


# Top-Tier (§7): a master's holder with 2 years of experience meets neither the education and
# experience route (8 years incl. 3 at a global top-500 company, or 5 years of post-doc) nor,
# below 4 × GNI, the waiver.
MASTER = PersonFacts(
    nationality="VN",
    age=30,
    education_level="master",
    field_stem=True,
    degree_country="VN",
    experience_years=2,
)
HIGH_TECH = (("job_offer.employer_korean_high_tech", True),)
TOP_TIER_DAY = date(2025, 6, 1)  # 2024 GNI: 49,955,000


def top_tier(salary: int, *, extra: tuple = (), day: date = TOP_TIER_DAY):
    offer = OfferFacts(annual_salary_krw=salary, employer_size="large", extra=extra)
    return evaluate_all(person=MASTER, offer=offer, rules=rules_on(day)).pathway("F-2 (Top-Tier)")


def test_top_tier_one_won_below_three_times_gni_is_not_open():
    result = top_tier(149_864_999)

    assert result.verdict == NOT_OPEN
    salary = next(c for c in result.criteria if c.key == E71_SALARY)
    assert salary.met is False
    assert "149,865,000 KRW" in salary.required


def test_top_tier_at_three_times_gni_still_needs_education_and_experience():
    result = top_tier(149_865_000)

    assert result.verdict == NOT_OPEN
    salary_checks = [c for c in result.criteria if c.key == E71_SALARY]
    assert [c.met for c in salary_checks] == [True, False]  # 3x met, 4x waiver not
    assert "none of the ways to qualify is met" in result.summary


def test_top_tier_one_won_below_four_times_gni_opens_only_with_the_salary_raised():
    result = top_tier(199_819_999, extra=HIGH_TECH)
    offer = OfferFacts(annual_salary_krw=199_819_999, employer_size="large", extra=HIGH_TECH)

    assert result.verdict == ELIGIBLE_ONCE
    (step,) = [step for step in result.next_steps if step.opens_route]
    assert step.skill_hint == "salary:199820000"
    assert "199,820,000 KRW" in step.action
    top_tier_today = evaluate_offer(person=MASTER, offer=offer, rules=rules_on(TOP_TIER_DAY))
    assert top_tier_today.routes[3].code == "F-2 (Top-Tier)"
    assert top_tier_today.routes[3].verdict == ELIGIBLE_ONCE


def test_top_tier_at_four_times_gni_waives_education_and_experience():
    open_once = top_tier(199_820_000)
    with_employer = top_tier(199_820_000, extra=HIGH_TECH)

    assert open_once.verdict == ELIGIBLE_ONCE  # is the employer a Korean high-tech company?
    assert any("high-tech" in item for item in [c.label for c in open_once.unknown_criteria])
    assert with_employer.verdict == ELIGIBLE
    # The 2024 GNI figure is flagged (revised later), so the multiples are too.
    assert with_employer.uncertain


def test_top_tier_is_not_open_before_its_launch_on_2025_04_02():
    before = top_tier(199_820_000, extra=HIGH_TECH, day=date(2025, 4, 1))
    launched = top_tier(199_820_000, extra=HIGH_TECH, day=date(2025, 4, 2))

    assert before.verdict == NOT_OPEN
    assert "2025-04-02" in before.summary
    assert launched.verdict == ELIGIBLE


def test_top_tier_follows_the_2025_gni_from_2026_04_01():
    # 3 × 52,416,000 = 157,248,000.
    result = top_tier(157_248_000, extra=HIGH_TECH, day=date(2026, 4, 1))

    salary = next(c for c in result.criteria if c.key == E71_SALARY)
    assert salary.met is True
    assert "157,248,000 KRW" in salary.required


@pytest.mark.parametrize(
    ("day", "size", "threshold"),
    [
        (date(2025, 3, 31), "sme", 33_073_600),
        (date(2025, 3, 31), "large", 37_798_400),
        (date(2025, 4, 1), "sme", 28_670_000),
        (date(2026, 2, 1), "large", 31_120_000),
    ],
)
def test_an_offer_one_won_below_the_threshold_opens_no_route(day, size, threshold):
    below = OfferFacts(annual_salary_krw=threshold - 1, employer_size=size)
    at = OfferFacts(annual_salary_krw=threshold, employer_size=size)

    verdict_below = evaluate_offer(person=KOREAN_GRADUATE, offer=below, rules=rules_on(day))
    verdict_at = evaluate_offer(person=KOREAN_GRADUATE, offer=at, rules=rules_on(day))

    assert verdict_below.salary_threshold_krw == threshold
    assert verdict_below.opens_route is False
    assert pair_blocked(KOREAN_GRADUATE, below, rules_on(day))
    assert verdict_at.opens_route is None  # the employer's quota and staff are not known
    assert not pair_blocked(KOREAN_GRADUATE, at, rules_on(day))


def test_in_the_gap_only_an_offer_below_both_rules_is_blocked():
    day = rules_on(date(2026, 1, 15))

    assert pair_blocked(KOREAN_GRADUATE, OfferFacts(annual_salary_krw=28_669_999), day)
    assert not pair_blocked(KOREAN_GRADUATE, OfferFacts(annual_salary_krw=28_670_000), day)
