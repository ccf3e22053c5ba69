"""Visa routes as a mask per person and per offer: the AND of the two is exactly pair_blocked."""

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from django.utils import timezone

from core.choices import ASEAN_COUNTRIES
from visas.rules import (
    OWN_STATUS,
    ROUTE_BITS,
    ROUTE_E7_1,
    ROUTE_E7_4,
    ROUTE_E9,
    ROUTE_TOP_TIER,
    OfferFacts,
    PersonFacts,
    RulesSnapshot,
    evaluate_offer,
    offer_routes,
    pair_blocked,
    person_routes,
    snapshot_from_fixture,
    work_routes_loaded,
)
from visas.rules.compiled import compiled
from visas.rules.facts import EMPLOYER_SIZES
from visas.rules.factview import Range
from visas.rules.pathways import WORK_ROUTES

DAYS = (
    date(2025, 3, 31),
    date(2025, 4, 1),
    date(2026, 1, 15),
    date(2026, 2, 1),
    timezone.localdate(),
)
_VISAS = (
    "", "", "", "other", "D-2", "D-4", "D-10", "D-10-1", "E-7", "E-7-1", "E-7-4", "E-9", "H-2",
    "F-2", "F-2-7", "F-2-99", "F-4", "F-5", "F-5-10", "F-6", "F-6-1",
)  # fmt: skip
_NATIONALITIES = (*ASEAN_COUNTRIES, "CN", "NP", "UZ", "IN", "US", "KR", "")


@cache
def rules_on(day: date) -> RulesSnapshot:
    return snapshot_from_fixture(None, day)


def without(rules: RulesSnapshot, *codes: str) -> RulesSnapshot:
    """The snapshot with some routes taken out (and its compiled form rebuilt)."""
    kept = {code: visa for code, visa in rules.visa_types.items() if code not in codes}
    return replace(rules, visa_types=kept, compiled=None)


def salary_edges(rules: RulesSnapshot) -> list[int]:
    """Every salary requirement in force, and one won either side of it."""
    engine = compiled(rules)
    amounts: list[float] = []
    for scope in ("sme_or_venture", "all"):
        value = engine.refs.salary_threshold("E-7-1", scope=scope).value
        amounts.extend([value.lo, value.hi] if isinstance(value, Range) else [value])
    top_tier = engine.pathways.get("F-2 (Top-Tier)")
    for value in top_tier.salary_values if top_tier else ():
        amounts.append(engine.refs.resolve(value, "all").value)
    whole = [int(a) for a in amounts if isinstance(a, int | float)]
    return [a + step for a in whole for step in (-1, 0, 1)]


def random_person(rng: random.Random) -> PersonFacts:
    experience = rng.choice([0.0, 1.0, 3.9, 4.0, 4.1, 6.0, round(rng.uniform(0, 15), 1)])
    korean = rng.choice([0.0, 3.9, 4.0, experience, round(rng.uniform(0, experience), 1)])
    return PersonFacts(
        nationality=rng.choice(_NATIONALITIES),
        age=rng.choice([None, 17, 18, 19, 25, 39, 40, 41, rng.randint(0, 70)]),
        education_level=rng.choice(["", "diploma", "bachelor", "master", "doctorate"]),
        topik=rng.randint(0, 6),
        experience_years=experience,
        korean_experience_years=min(korean, experience),
        current_visa=rng.choice(_VISAS),
    )


def random_offer(rng: random.Random, edges: list[int]) -> OfferFacts:
    salary = (
        rng.choice(edges) if edges and rng.random() < 0.5 else rng.randrange(0, 260_000_000, 10_000)
    )
    return OfferFacts(
        annual_salary_krw=salary,
        occupation_code=rng.choice(["", "2211", "S2211"]),
        employer_size=rng.choice(EMPLOYER_SIZES),
        sponsorship=rng.random() < 0.85,
        eps_job=rng.choice([None, True, False]),
    )


def assert_exact(rules: RulesSnapshot, persons: list[PersonFacts], offers: list[OfferFacts]) -> int:
    person_masks = [person_routes(person, rules) for person in persons]
    offer_masks = [offer_routes(offer, rules) for offer in offers]
    pairs = 0
    for person, p_mask in zip(persons, person_masks, strict=True):
        for offer, o_mask in zip(offers, offer_masks, strict=True):
            assert pair_blocked(person, offer, rules) == (p_mask & o_mask == 0), (person, offer)
            pairs += 1
    return pairs


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_masks_agree_with_pair_blocked_on_every_random_pair(day):
    rng = random.Random(day.toordinal())
    rules = rules_on(day)
    persons = [random_person(rng) for _ in range(400)]
    offers = [random_offer(rng, salary_edges(rules)) for _ in range(150)]

    assert assert_exact(rules, persons, offers) == 60_000


@pytest.mark.parametrize(
    "missing",
    [(code,) for code in WORK_ROUTES]
    + [("E-7-1", "F-2 (Top-Tier)"), ("E-9", "E-7-4"), WORK_ROUTES],
    ids=str,
)
def test_masks_agree_with_pair_blocked_when_routes_are_missing_from_the_rules(missing):
    rng = random.Random(len(missing))
    for day in (date(2025, 3, 31), date(2026, 2, 1)):
        rules = without(rules_on(day), *missing)
        persons = [random_person(rng) for _ in range(120)]
        offers = [random_offer(rng, salary_edges(rules)) for _ in range(60)]

        assert assert_exact(rules, persons, offers) == 7_200


def test_the_bits_are_distinct_and_fit_the_engines_uint32():
    bits = [*ROUTE_BITS.values(), OWN_STATUS]

    assert set(ROUTE_BITS) == set(WORK_ROUTES)
    assert len(set(bits)) == len(bits) and all(bit & (bit - 1) == 0 for bit in bits)
    assert max(bits) < 2**32


# --- hand cases (rules as of 2026-02-01: E-7-1 needs 31,120,000 KRW at any employer size) --------

DAY = date(2026, 2, 1)
VIETNAMESE = PersonFacts(nationality="VN", age=24, education_level="bachelor")
MALAYSIAN = replace(VIETNAMESE, nationality="MY")
E71_MINIMUM = 31_120_000


def test_the_e71_minimum_used_below_is_the_one_in_force():
    threshold = compiled(rules_on(DAY)).refs.salary_threshold("E-7-1", scope="sme_or_venture")

    assert threshold.value == E71_MINIMUM


def test_an_e9_only_offer_matches_a_vietnamese_graduate_but_not_a_malaysian():
    rules = rules_on(DAY)
    offer = OfferFacts(annual_salary_krw=26_000_000)  # below E-7-1 and Top-Tier: E-9 (or E-7-4)

    assert offer_routes(offer, rules) == OWN_STATUS | ROUTE_E7_4 | ROUTE_E9
    assert person_routes(VIETNAMESE, rules) == ROUTE_E7_1 | ROUTE_E9 | ROUTE_TOP_TIER
    assert person_routes(MALAYSIAN, rules) == ROUTE_E7_1 | ROUTE_TOP_TIER
    assert person_routes(VIETNAMESE, rules) & offer_routes(offer, rules)
    assert not person_routes(MALAYSIAN, rules) & offer_routes(offer, rules)
    assert not pair_blocked(VIETNAMESE, offer, rules)
    assert pair_blocked(MALAYSIAN, offer, rules)


def test_e9_needs_an_eps_job_when_the_offer_says():
    rules = rules_on(DAY)
    low = 26_000_000  # below E-7-1 and Top-Tier: only E-9 (or E-7-4) could open
    eps, not_eps = (OfferFacts(annual_salary_krw=low, eps_job=flag) for flag in (True, False))

    assert offer_routes(eps, rules) & ROUTE_E9
    assert not offer_routes(not_eps, rules) & ROUTE_E9
    assert not pair_blocked(VIETNAMESE, eps, rules)
    assert pair_blocked(VIETNAMESE, not_eps, rules)
    verdict = evaluate_offer(person=VIETNAMESE, offer=not_eps, rules=rules)
    assert verdict.opens_route is False
    e9 = next(route for route in verdict.routes if route.code == "E-9")
    assert e9.verdict == "not_open"
    assert not e9.next_steps, "no change to the person can make a non-EPS job an EPS job"


@pytest.mark.parametrize(
    ("salary", "opens_e71"), [(E71_MINIMUM - 1, False), (E71_MINIMUM, True)], ids=str
)
def test_a_salary_one_won_below_the_e71_minimum_closes_e71(salary, opens_e71):
    rules = rules_on(DAY)
    offer = OfferFacts(annual_salary_krw=salary, employer_size="large")

    assert bool(offer_routes(offer, rules) & ROUTE_E7_1) is opens_e71
    assert bool(person_routes(MALAYSIAN, rules) & offer_routes(offer, rules)) is opens_e71
    assert pair_blocked(MALAYSIAN, offer, rules) is not opens_e71


def test_before_april_2025_the_e71_minimum_depended_on_the_employers_size():
    rules = rules_on(date(2025, 3, 31))  # 70% of GNI at an SME, 80% elsewhere
    sme = OfferFacts(annual_salary_krw=35_000_000, employer_size="sme")
    large = OfferFacts(annual_salary_krw=35_000_000, employer_size="large")

    assert offer_routes(sme, rules) & ROUTE_E7_1
    assert not offer_routes(large, rules) & ROUTE_E7_1
    assert not pair_blocked(MALAYSIAN, sme, rules)
    assert pair_blocked(MALAYSIAN, large, rules)


def test_in_january_2026_a_salary_between_the_two_minimums_may_open_e71():
    rules = rules_on(date(2026, 1, 15))  # 28,670,000 until 2025-12-31, 31,120,000 from 2026-02-01

    assert offer_routes(OfferFacts(annual_salary_krw=30_000_000), rules) & ROUTE_E7_1
    assert not offer_routes(OfferFacts(annual_salary_krw=28_669_999), rules) & ROUTE_E7_1


@pytest.mark.parametrize(("years", "opens_e74"), [(3.9, False), (4.0, True)], ids=str)
def test_four_years_of_work_in_korea_open_e74_with_any_sponsoring_offer(years, opens_e74):
    rules = rules_on(DAY)
    worker = replace(MALAYSIAN, experience_years=years, korean_experience_years=years)
    offer = OfferFacts(annual_salary_krw=26_000_000)

    assert bool(person_routes(worker, rules) & ROUTE_E7_4) is opens_e74
    assert pair_blocked(worker, offer, rules) is not opens_e74


@pytest.mark.parametrize(("age", "opens_e9"), [(17, False), (18, True), (39, True), (40, False)])
def test_e9_is_open_from_18_to_39(age, opens_e9):
    assert bool(person_routes(replace(VIETNAMESE, age=age), rules_on(DAY)) & ROUTE_E9) is opens_e9


def test_a_status_that_allows_any_work_needs_no_route_nor_a_sponsor():
    rules = rules_on(DAY)
    resident = replace(MALAYSIAN, current_visa="F-5")
    no_sponsor = OfferFacts(annual_salary_krw=20_000_000, sponsorship=False)

    assert person_routes(resident, rules) == OWN_STATUS
    assert offer_routes(no_sponsor, rules) == OWN_STATUS
    assert not pair_blocked(resident, no_sponsor, rules)
    assert pair_blocked(VIETNAMESE, no_sponsor, rules)
    assert not person_routes(VIETNAMESE, rules) & offer_routes(no_sponsor, rules)


def test_without_work_routes_the_rules_are_not_loaded_for_matching():
    assert work_routes_loaded(rules_on(DAY))
    assert not work_routes_loaded(without(rules_on(DAY), *WORK_ROUTES))


def test_top_tier_needs_three_times_gni_and_four_times_is_an_alternative_not_a_minimum():
    rules = rules_on(DAY)
    engine = compiled(rules)
    three = int(engine.refs.gni_multiple(Decimal(3)).value)
    four = int(engine.refs.gni_multiple(Decimal(4)).value)

    assert not offer_routes(OfferFacts(annual_salary_krw=three - 1), rules) & ROUTE_TOP_TIER
    assert offer_routes(OfferFacts(annual_salary_krw=three), rules) & ROUTE_TOP_TIER
    assert offer_routes(OfferFacts(annual_salary_krw=four), rules) & ROUTE_TOP_TIER

    high_tech = (("job_offer.employer_korean_high_tech", True),)
    master = replace(MALAYSIAN, education_level="master", age=34, experience_years=8.0)

    def top_tier(person: PersonFacts, salary: int) -> tuple[str, list[bool | None]]:
        offer = OfferFacts(annual_salary_krw=salary, extra=high_tech)
        verdict = evaluate_offer(person=person, offer=offer, rules=rules)
        route = next(r for r in verdict.routes if r.code == "F-2 (Top-Tier)")
        salary_checks = [c.met for c in route.criteria if c.key == "job_offer.annual_salary_krw"]
        return route.verdict, salary_checks

    # [3 x GNI minimum, 4 x GNI alternative to the degree and experience]
    assert top_tier(master, three - 1)[1] == [False, False]
    assert top_tier(master, three) == ("eligible_once", [True, False])  # ranking unknown
    assert top_tier(MALAYSIAN, four) == ("eligible", [True, True])  # 4 x GNI waives the degree
