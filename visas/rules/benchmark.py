"""Timing the guidance engine on random people: `manage.py visa_bench` prints the figures."""

import random
import statistics
import time
from datetime import date
from typing import Any

from core.choices import ASEAN_COUNTRIES
from visas.rules.engine import evaluate_all, pair_blocked
from visas.rules.facts import EDUCATION_LEVELS, EMPLOYER_SIZES, OfferFacts, PersonFacts
from visas.rules.pathways import PATHWAY_CODES
from visas.rules.routes import offer_routes, person_routes
from visas.rules.snapshot import RulesSnapshot, snapshot_from_fixture

_VISAS = ("", "", "D-2", "D-4", "D-10", "E-7", "E-9", "F-2", "other")


def random_person(rng: random.Random) -> PersonFacts:
    level = rng.choice(EDUCATION_LEVELS)
    korean = bool(level) and rng.random() < 0.3
    experience = round(rng.uniform(0, 12), 1)
    return PersonFacts(
        nationality=rng.choice([*ASEAN_COUNTRIES, "IN", "CN"]),
        age=rng.choice([None, *range(18, 56)]),
        education_level=level,
        field_stem=rng.random() < 0.8,
        degree_country="KR" if korean else (rng.choice(["", "VN", "PH", "US"]) if level else ""),
        korean_degree=korean,
        topik=rng.randint(0, 6),
        kiip_stage=rng.randint(0, 5),
        experience_years=experience,
        korean_experience_years=round(rng.uniform(0, experience), 1),
        current_visa=rng.choice(_VISAS),
        annual_income_krw=rng.choice([None, rng.randrange(0, 150_000_000, 1_000_000)]),
        years_since_graduation=rng.choice([None, *range(0, 8)]),
    )


def random_offer(rng: random.Random) -> OfferFacts | None:
    if rng.random() < 0.5:
        return None
    return OfferFacts(
        annual_salary_krw=rng.randrange(20_000_000, 220_000_000, 500_000),
        occupation_code=rng.choice(["", "2211", "2221"]),
        employer_size=rng.choice(EMPLOYER_SIZES),
        sponsorship=rng.random() < 0.8,
        eps_job=rng.choice([None, True, False]),
    )


def run(*, persons: int, seed: int, on: date, rules: RulesSnapshot | None = None) -> dict[str, Any]:
    """µs per evaluate_all (every route, with explanations and next steps), per pair_blocked and
    per route mask (person_routes, offer_routes: what the matching loader adds per graduate and
    per posting), over `persons` random people (half of them with a random job offer)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    rules = rules or snapshot_from_fixture(None, on)
    pairs = [(random_person(rng), random_offer(rng)) for _ in range(persons)]
    first = time.perf_counter()
    evaluate_all(person=pairs[0][0], offer=pairs[0][1], rules=rules)  # compiles the rules
    compile_us = (time.perf_counter() - first) * 1e6
    timings = []
    for person, offer in pairs:
        tick = time.perf_counter()
        evaluate_all(person=person, offer=offer, rules=rules)
        timings.append((time.perf_counter() - tick) * 1e6)
    offers = [offer or OfferFacts(annual_salary_krw=30_000_000) for _, offer in pairs]
    tick = time.perf_counter()
    for (person, _), offer in zip(pairs, offers, strict=True):
        pair_blocked(person, offer, rules)
    blocked_us = (time.perf_counter() - tick) * 1e6 / persons
    tick = time.perf_counter()
    for person, _ in pairs:
        person_routes(person, rules)
    person_routes_us = (time.perf_counter() - tick) * 1e6 / persons
    tick = time.perf_counter()
    for offer in offers:
        offer_routes(offer, rules)
    offer_routes_us = (time.perf_counter() - tick) * 1e6 / persons
    timings.sort()
    return {
        "on": on.isoformat(),
        "persons": persons,
        "pathways_per_person": len(PATHWAY_CODES),
        "first_call_us_including_compile": round(compile_us),
        "evaluate_all_us_mean": round(statistics.fmean(timings)),
        "evaluate_all_us_median": round(timings[len(timings) // 2]),
        "evaluate_all_us_p95": round(timings[int(len(timings) * 0.95)]),
        "evaluate_all_us_max": round(timings[-1]),
        "pair_blocked_us_mean": round(blocked_us, 2),
        "person_routes_us_mean": round(person_routes_us, 2),
        "offer_routes_us_mean": round(offer_routes_us, 2),
        "target_us": 5000,
        "within_target": timings[int(len(timings) * 0.95)] < 5000,
        "total_seconds": round(time.perf_counter() - started, 2),
    }
