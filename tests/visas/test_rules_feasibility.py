"""Work-visa feasibility for the analytics: open with a typical offer, or what is missing."""

from dataclasses import replace
from datetime import date

import pytest

from visas.rules import OfferFacts, PersonFacts, evaluate_all, snapshot_from_fixture
from visas.rules.feasibility import OWN_STATUS_ROUTE, work_feasibility

RULES = snapshot_from_fixture(None, date(2026, 6, 1))
TYPICAL = 47_000_000  # above the E-7-1 minimum in force (31,120,000 KRW)
LOW = 20_000_000  # below it
GRADUATE = PersonFacts(
    nationality="VN",
    age=26,
    education_level="bachelor",
    field_stem=True,
    degree_country="VN",
    years_since_graduation=1,
)


def _feasibility(person: PersonFacts, salary: int = TYPICAL):  # type: ignore[no-untyped-def]
    return work_feasibility(person=person, rules=RULES, salary=salary)


@pytest.mark.parametrize(
    "change",
    [
        {"education_level": "master"},
        {"education_level": "doctorate"},
        {"experience_years": 1.0},
        {"degree_country": "KR", "korean_degree": True},
    ],
    ids=["master", "doctorate", "a year of work", "korean bachelor"],
)
def test_a_graduate_who_meets_an_e71_way_has_it_open_with_a_typical_offer(change):
    found = _feasibility(replace(GRADUATE, **change))

    assert found.open_routes == ("E-7-1",)
    assert found.is_open and found.missing == ()


def test_a_fresh_bachelor_from_home_misses_a_year_of_experience():
    found = _feasibility(GRADUATE)

    assert not found.is_open
    assert found.missing == ("experience",)
    # The guidance the graduate reads says the same: with that offer, a year of work opens E-7-1.
    guidance = evaluate_all(
        person=GRADUATE, offer=OfferFacts(annual_salary_krw=TYPICAL), rules=RULES
    )
    e71 = next(route for route in guidance.pathways if route.code == "E-7-1")
    assert any(s.opens_route and s.skill_hint.startswith("experience:") for s in e71.next_steps)


@pytest.mark.parametrize("level", ["diploma", ""])
def test_without_a_degree_the_easiest_way_is_a_degree(level):
    person = replace(
        GRADUATE, education_level=level, degree_country="", years_since_graduation=None
    )

    assert _feasibility(person).missing == ("degree",)


def test_an_offer_below_the_e71_minimum_makes_salary_missing_too():
    assert _feasibility(replace(GRADUATE, education_level="master"), LOW).missing == ("salary",)
    # The fresh bachelor needs both; Top-Tier's 4 x GNI alone is not the easier way.
    assert _feasibility(GRADUATE, LOW).missing == ("experience", "salary")


@pytest.mark.parametrize("visa", ["F-2", "F-5", "F-6"])
def test_a_status_that_allows_any_work_is_open_without_a_route(visa):
    found = _feasibility(replace(GRADUATE, current_visa=visa), LOW)

    assert found.open_routes == (OWN_STATUS_ROUTE,)


def test_without_work_routes_in_the_rules_nothing_is_open_and_nothing_listed():
    rules = replace(
        RULES,
        visa_types={c: v for c, v in RULES.visa_types.items() if not c.startswith(("E-", "F-2 "))},
        compiled=None,
    )

    found = work_feasibility(person=GRADUATE, rules=rules, salary=TYPICAL)

    assert found.open_routes == () and found.missing == ()
