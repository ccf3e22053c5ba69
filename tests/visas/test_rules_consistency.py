"""Routes agree with one another for the same person, over random personas: the permanent-
residence family, and the salary a next step names against what the route then says."""

import random
from dataclasses import replace
from datetime import date
from functools import cache

import pytest

from visas.rules import NOT_OPEN, OfferFacts, evaluate_all, evaluate_routes
from visas.rules.benchmark import random_person
from visas.rules.snapshot import RulesSnapshot, snapshot_from_fixture

DAY = date(2026, 3, 1)
# Permanent residence for people who have lived in Korea: each states a stay it needs.
F5_BY_STAY = ("F-5-1", "F-5-10", "F-5-16")
STAY_FACTS = {
    "status.years_in_d7_to_e7_or_f2", "status.years_in_korea_after_degree",
    "status.years_on_f2_7", "employment.current_fulltime_korea_years",
}  # fmt: skip


@cache
def rules() -> RulesSnapshot:
    return snapshot_from_fixture(None, DAY)


@pytest.mark.parametrize("seed", range(3))
def test_nobody_outside_korea_is_told_permanent_residence_may_open(seed):
    """F-5-10 and F-5-16 cannot disagree for a graduate abroad: all need a stay in Korea."""
    rng = random.Random(seed)
    for _ in range(80):
        person = replace(random_person(rng), current_visa="", korean_experience_years=0.0)
        guidance = evaluate_all(person=person, offer=None, rules=rules())
        for code in F5_BY_STAY:
            route = guidance.pathway(code)
            assert route.verdict == NOT_OPEN, (code, person, route.summary)
            unmet = {c.key for c in route.criteria if c.met is False}
            assert unmet & STAY_FACTS, (code, person)


@pytest.mark.parametrize("seed", range(3))
def test_an_offer_at_the_salary_a_step_names_does_not_close_the_route(seed):
    """Top-Tier asks 3 x GNI of everyone and 4 x of those without its other branch's
    experience: the step names a salary with which the route can actually open."""
    rng = random.Random(100 + seed)
    for _ in range(60):
        person = random_person(rng)
        guidance = evaluate_all(person=person, offer=None, rules=rules())
        for route in guidance.pathways:
            for step in route.next_steps:
                if not step.action.startswith("Find a job offer") or "paying" not in step.action:
                    continue
                salary = int(
                    step.action.rsplit("at least ", 1)[1].split(" KRW")[0].replace(",", "")
                )
                offer = OfferFacts(
                    annual_salary_krw=salary,
                    extra=(("job_offer.employer_korean_high_tech", True),),
                )
                again = evaluate_all(person=person, offer=offer, rules=rules())
                assert again.pathway(route.code).verdict != NOT_OPEN, (route.code, person, salary)


def test_top_tier_asks_four_times_gni_of_a_graduate_without_experience():
    person = replace(
        random_person(random.Random(1)), education_level="master", experience_years=0.0,
        korean_experience_years=0.0, current_visa="",
    )  # fmt: skip
    route = evaluate_all(person=person, offer=None, rules=rules()).pathway("F-2 (Top-Tier)")

    steps = [s.action for s in route.next_steps if s.action.startswith("Find a job offer")]
    assert steps and _salary_in(steps[0]) == 4 * 49_955_000, steps  # 4 x the 2024 GNI


def _salary_in(action: str) -> int:
    """The salary a step names: "... paying at least 199,820,000 KRW a year"."""
    return int(action.rsplit("at least ", 1)[1].split(" KRW")[0].replace(",", ""))


@pytest.mark.parametrize("codes", [("D-2", "F-2 (K-STAR)"), ("E-7-1", "D-10-1", "E-9"), ("F-5-1",)])
def test_a_few_routes_assessed_alone_say_and_order_what_every_route_does(codes):
    """A page that shows some routes (the degree pathways: D-2 and K-STAR) assesses only those,
    with the same results, in the same order, as the whole guidance."""
    rng = random.Random(7)
    for _ in range(60):
        person = random_person(rng)
        guidance = evaluate_all(person=person, offer=None, rules=rules())
        alone = evaluate_routes(person=person, codes=codes, rules=rules())
        assert alone == tuple(p for p in guidance.pathways if p.code in codes), person
        assert {p.code for p in alone} == set(codes)
