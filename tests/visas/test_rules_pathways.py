"""Hand-checked verdicts for every route, from shared/reference/visa-pathways.md (§ numbers below).

"eligible" needs every condition known and met, so most cases that expect it answer the
conditions outside PersonFacts through `extra` (as a form asking those questions would).
"""

from dataclasses import replace
from datetime import date
from functools import cache

import pytest

from visas.rules import (
    ELIGIBLE,
    ELIGIBLE_ONCE,
    NOT_OPEN,
    OfferFacts,
    PathwayResult,
    PersonFacts,
    RulesSnapshot,
    evaluate_all,
    snapshot_from_fixture,
)

MARCH_2026 = date(2026, 3, 1)  # GNI 2024 (49,955,000) applies; E-7-1 minimum 31,120,000


@cache
def rules_on(day: date) -> RulesSnapshot:
    return snapshot_from_fixture(None, day)


def route(
    code: str, person: PersonFacts, offer: OfferFacts | None = None, day: date = MARCH_2026
) -> PathwayResult:
    return evaluate_all(person=person, offer=offer, rules=rules_on(day)).pathway(code)


def met_of(result: PathwayResult, key: str) -> list[bool | None]:
    return [criterion.met for criterion in result.criteria if criterion.key == key]


GRADUATE = PersonFacts(
    nationality="VN",
    age=24,
    education_level="bachelor",
    field_stem=True,
    degree_country="VN",
    experience_years=1,
)


# D-2 (§1): an admission letter and funds; neither is in the facts.
def test_d2_is_open_once_admission_and_funds_are_shown():
    result = route("D-2", GRADUATE)
    shown = replace(
        GRADUATE,
        extra=(
            ("admission.standard_admission_letter", True),
            ("funds.covers_one_year_tuition_and_living", True),
        ),
    )

    assert result.verdict == ELIGIBLE_ONCE
    assert {c.key for c in result.unknown_criteria} == {
        "admission.standard_admission_letter",
        "funds.covers_one_year_tuition_and_living",
    }
    assert route("D-2", shown).verdict == ELIGIBLE
    assert route("D-2", shown).uncertain  # the funds amount varies by school (§1 ⚠)


# D-4-1 (§2): a university language institute, at least 2 terms; any degree implies school.
def test_d4_1_needs_an_institute_place_for_two_terms():
    enrolled = (
        ("admission.enrolled_terms", 2),
        ("admission.language_institute_university_affiliated", True),
    )

    assert route("D-4-1", GRADUATE).verdict == ELIGIBLE_ONCE
    assert route("D-4-1", replace(GRADUATE, extra=enrolled)).verdict == ELIGIBLE
    one_term = (("admission.enrolled_terms", 1), enrolled[1])
    assert route("D-4-1", replace(GRADUATE, extra=one_term)).verdict == NOT_OPEN


# D-10-1 (§3.1): bachelor's or higher (a Korean associate degree too), plus an exemption or
# 60 points with 20 from the basic items.
JOB_SEARCH = (("job_search.target_field_matches_major", True),)


def test_d10_1_first_change_after_a_korean_degree_needs_no_points():
    person = PersonFacts(
        nationality="ID",
        age=23,
        education_level="bachelor",
        degree_country="KR",
        korean_degree=True,
        current_visa="D-2",
        extra=JOB_SEARCH,
    )

    result = route("D-10-1", person)

    assert result.verdict == ELIGIBLE
    assert met_of(result, "exemption.first_d10_after_korean_degree") == [True]
    assert result.points is not None
    assert result.points.total < 60  # 10 (age 20-24) + 15 (bachelor) + 30 (study in Korea)


def test_d10_1_korean_graduate_with_topik_4_within_3_years_is_exempt():
    person = PersonFacts(
        nationality="KH",
        age=26,
        education_level="master",
        degree_country="KR",
        korean_degree=True,
        topik=4,
        years_since_graduation=2,
        current_visa="D-10",
        extra=JOB_SEARCH,
    )

    result = route("D-10-1", person)

    assert result.verdict == ELIGIBLE
    assert met_of(result, "exemption.korean_grad_strong_korean") == [True]


def test_d10_1_accepts_a_korean_associate_degree_but_not_a_foreign_one():
    korean = PersonFacts(
        nationality="LA", age=22, education_level="associate", degree_country="KR", extra=JOB_SEARCH
    )
    foreign = replace(korean, degree_country="LA", korean_degree=False)

    assert met_of(route("D-10-1", korean), "degree.level")[0] is True
    foreign_result = route("D-10-1", foreign)
    assert met_of(foreign_result, "degree.level")[0] is False
    # A bachelor's at a Korean university would reopen it (and exempt the first D-10).
    opening = [step for step in foreign_result.next_steps if step.opens_route]
    assert [step.skill_hint for step in opening] == ["degree:bachelor"]
    assert foreign_result.verdict == ELIGIBLE_ONCE


# E-7-1 (§4.1): an occupation on the list, the salary in force, education/experience, and an
# employer with 5+ insured Korean staff and E-7 staff at most 20% of them.
E71_OFFER = OfferFacts(
    annual_salary_krw=31_120_000,
    occupation_code="2211",  # computer hardware engineer, a confirmed E-7-1 code (§4.2)
    employer_size="large",
    extra=(("job_offer.employer_e7_foreigners_ratio_to_korean", 0.1),),
)
KOREAN_BACHELOR = PersonFacts(
    nationality="TH",
    age=25,
    education_level="bachelor",
    field_stem=True,
    degree_country="KR",
    korean_degree=True,
    current_visa="D-10",
)


def test_e7_1_korean_bachelor_with_a_qualifying_offer_is_eligible():
    result = route("E-7-1", KOREAN_BACHELOR, E71_OFFER)

    assert result.verdict == ELIGIBLE
    assert result.summary == "You meet every condition for E-7-1 that the rules state."


def test_e7_1_needs_a_sponsoring_employer_unless_the_status_allows_any_work():
    no_sponsor = replace(E71_OFFER, sponsorship=False)

    result = route("E-7-1", KOREAN_BACHELOR, no_sponsor)
    assert result.verdict == NOT_OPEN
    assert "does not sponsor" in result.summary
    f2_holder = replace(KOREAN_BACHELOR, current_visa="F-2")
    assert met_of(route("E-7-1", f2_holder, no_sponsor), "job_offer.sponsorship") == [True]


def test_e7_1_occupation_codes_outside_the_confirmed_few_cannot_be_told():
    other_code = replace(E71_OFFER, occupation_code="2221")

    result = route("E-7-1", KOREAN_BACHELOR, other_code)

    assert met_of(result, "job_offer.occupation_code") == [None]
    assert result.verdict == ELIGIBLE_ONCE


def test_e7_1_without_an_offer_lists_finding_one_as_a_next_step():
    result = route("E-7-1", KOREAN_BACHELOR)

    assert result.verdict == ELIGIBLE_ONCE
    step = next(step for step in result.next_steps if step.skill_hint == "job_offer:E-7-1")
    assert "31,120,000 KRW" in step.action


# E-7-4 (§4.4): 4 years on E-9/E-10/H-2 in the last 10; points 200 of 300 (brackets unknown).
EPS_WORKER = PersonFacts(
    nationality="VN",
    age=30,
    education_level="diploma",
    experience_years=4.5,
    korean_experience_years=4.5,
    current_visa="E-9",
)


def test_e7_4_is_open_once_the_points_and_contract_are_shown():
    result = route("E-7-4", EPS_WORKER, OfferFacts(annual_salary_krw=26_000_000))

    assert result.verdict == ELIGIBLE_ONCE
    assert result.points is not None
    assert (result.points.total, result.points.pass_mark, result.points.max_possible) == (
        0,
        200,
        300,
    )


def test_e7_4_is_not_open_without_four_years_of_work_in_korea():
    result = route("E-7-4", replace(EPS_WORKER, korean_experience_years=3.9))

    assert result.verdict == NOT_OPEN
    assert "Years on E-9, E-10 or H-2" in result.summary


# E-9 (§5): nationals of the 17 sending countries, aged 18-39, after EPS-TOPIK.
EPS_CLEARED = (
    ("eps_topik.passed", True),
    ("record.deported_or_departure_order_korea", False),
    ("record.imprisonment_offence", False),
    ("record.travel_ban_home_country", False),
)


def test_e9_vietnamese_national_is_open():
    vietnamese = replace(GRADUATE, age=25)

    assert route("E-9", vietnamese).verdict == ELIGIBLE_ONCE  # EPS-TOPIK not yet passed
    assert route("E-9", replace(vietnamese, extra=EPS_CLEARED)).verdict == ELIGIBLE


@pytest.mark.parametrize(
    ("country", "name"), [("MY", "Malaysia"), ("SG", "Singapore"), ("BN", "Brunei Darussalam")]
)
def test_e9_is_not_open_to_nationals_outside_the_sending_countries(country, name):
    result = route("E-9", replace(GRADUATE, nationality=country, extra=EPS_CLEARED))

    assert result.verdict == NOT_OPEN
    assert met_of(result, "nationality") == [False]
    assert f"Nationality is {name}, needs one of 17 countries" in result.summary
    assert "moel_tajik_2025" in {s.key for s in result.sources}


@pytest.mark.parametrize(
    ("age", "verdict"), [(17, NOT_OPEN), (18, ELIGIBLE), (39, ELIGIBLE), (40, NOT_OPEN)]
)
def test_e9_age_limits_are_18_to_39(age, verdict):
    assert route("E-9", replace(GRADUATE, age=age, extra=EPS_CLEARED)).verdict == verdict


# F-2-7 (§6): an applicant type, 80 points, the stay rule, fines under 3,000,000.
def test_f2_7_professional_with_enough_points_is_eligible():
    person = PersonFacts(
        nationality="PH",
        age=41,
        education_level="bachelor",
        degree_country="PH",
        topik=4,
        experience_years=10,
        korean_experience_years=4,
        current_visa="E-7-1",
        annual_income_krw=45_000_000,
        extra=(("record.criminal_fines_3y_krw", 0),),
    )

    result = route("F-2-7", person)

    assert result.points is not None
    assert result.points.total == 82  # 12 + 15 + 15 + 40, see test_rules_points
    assert result.verdict == ELIGIBLE


# K-STAR (§8): STEM master's/PhD at one of 32 universities, on the president's recommendation.
KSTAR = (
    ("degree.korean_university_name", "KAIST"),
    ("recommendation.kstar_university_president", True),
)


def test_k_star_stem_master_from_a_listed_university_with_recommendation():
    person = replace(KOREAN_BACHELOR, education_level="master", extra=KSTAR)

    assert route("F-2 (K-STAR)", person).verdict == ELIGIBLE
    without = route("F-2 (K-STAR)", replace(person, extra=()))
    assert without.verdict == ELIGIBLE_ONCE
    assert {c.key for c in without.unknown_criteria} == {
        "degree.korean_university_name",
        "recommendation.kstar_university_president",
    }


def test_k_star_is_not_open_outside_science_and_engineering():
    person = replace(KOREAN_BACHELOR, education_level="master", field_stem=False, extra=KSTAR)

    assert route("F-2 (K-STAR)", person).verdict == NOT_OPEN


def test_k_star_for_a_foreign_bachelor_opens_with_a_korean_master():
    result = route("F-2 (K-STAR)", GRADUATE)

    assert result.verdict == ELIGIBLE_ONCE
    assert [s.skill_hint for s in result.next_steps if s.opens_route] == ["degree:master"]


# D-8-4 (§9): degree (or ministry recommendation), a Korean company, 80 OASIS points.
def test_d8_4_points_cannot_be_counted_so_it_stays_open_once():
    result = route("D-8-4", GRADUATE)

    assert result.verdict == ELIGIBLE_ONCE
    assert result.points is not None
    # No item values are published: only the table's stated maximum (225 + 135 = 360) bounds it.
    points = result.points
    assert (points.total, points.pass_mark, points.max_possible) == (0, 80, 360)
    assert any("OASIS" in line or "IP basic course" in line for line in result.points.unscored)


# F-5 routes (§10).
F5_DAY = date(2026, 6, 1)  # GNI 2025: 52,416,000
LONG_STAYER = PersonFacts(
    nationality="VN",
    age=34,
    education_level="bachelor",
    field_stem=True,
    degree_country="KR",
    korean_degree=True,
    kiip_stage=5,
    experience_years=6,
    korean_experience_years=6,
    current_visa="E-7-1",
    annual_income_krw=52_416_000,
    extra=(
        ("record.immigration_violations_5y", 0),
        ("status.years_in_d7_to_e7_or_f2", 6),
        ("status.years_in_korea_after_degree", 6),
        ("employment.current_fulltime_korea_years", 3),
    ),
)


def test_f5_1_income_must_reach_one_gni():
    assert route("F-5-1", LONG_STAYER, day=F5_DAY).verdict == ELIGIBLE
    poorer = replace(LONG_STAYER, annual_income_krw=52_415_999)
    result = route("F-5-1", poorer, day=F5_DAY)
    assert result.verdict == NOT_OPEN
    assert "52,416,000 KRW" in result.summary
    # The day before the 2025 GNI applies, the 2024 figure (49,955,000) is the bar.
    assert route("F-5-1", poorer, day=date(2026, 3, 31)).verdict == ELIGIBLE


def test_f5_10_korean_science_bachelor_needs_kiip_stage_5():
    assert route("F-5-10", LONG_STAYER, day=F5_DAY).verdict == ELIGIBLE
    result = route("F-5-10", replace(LONG_STAYER, kiip_stage=4), day=F5_DAY)
    assert result.verdict == ELIGIBLE_ONCE
    assert [s.skill_hint for s in result.next_steps if s.opens_route] == ["kiip:5"]


def test_f5_11_cannot_be_assessed_and_says_so():
    result = route("F-5-11", LONG_STAYER, day=F5_DAY)

    assert result.verdict == ELIGIBLE_ONCE
    assert result.uncertain
    assert [c.met for c in result.criteria] == [None]


def test_f5_15_is_for_korean_doctorates():
    doctor = replace(LONG_STAYER, education_level="doctorate")

    assert route("F-5-15", doctor, day=F5_DAY).verdict == ELIGIBLE_ONCE  # income rule unknown
    assert route("F-5-15", GRADUATE, day=F5_DAY).verdict == NOT_OPEN


def test_f5_16_needs_three_years_on_f2_7():
    three = replace(LONG_STAYER, extra=(("status.years_on_f2_7", 3),))
    two = replace(LONG_STAYER, extra=(("status.years_on_f2_7", 2),))

    assert route("F-5-16", three, day=F5_DAY).verdict == ELIGIBLE
    assert route("F-5-16", two, day=F5_DAY).verdict == NOT_OPEN
