"""Route results kept with the compiled rules: a kept result is always the one the route would
give now. The key leaves the offer out for routes that read none of its facts; these tests
check that claim against fresh assessments over many people, offers and languages."""

import random
from dataclasses import replace
from datetime import date

from django.utils import translation

from visas.rules import OfferFacts, PersonFacts, snapshot_from_fixture
from visas.rules.assess import assess
from visas.rules.benchmark import random_offer, random_person
from visas.rules.compiled import compiled
from visas.rules.factview import person_view
from visas.rules.kept_results import assess_kept

DAY = date(2026, 3, 1)


def _offers_for(rng: random.Random) -> list[OfferFacts | None]:
    """No offer, a random one, and the same one with another salary, size, or sponsorship
    (the answers a checker's reader changes one at a time)."""
    offer = random_offer(rng) or OfferFacts(annual_salary_krw=40_000_000)
    return [
        None,
        offer,
        replace(offer, annual_salary_krw=rng.randrange(20_000_000, 220_000_000, 500_000)),
        replace(offer, employer_size=rng.choice(["sme", "mid", "large"])),
        replace(offer, sponsorship=not offer.sponsorship),
        replace(offer, extra=(("job_offer.employer_is_listed", True),)),
    ]


def test_every_kept_result_equals_a_fresh_assessment():
    rng = random.Random(7)
    engine = compiled(snapshot_from_fixture(None, DAY))
    compared = reused = 0
    for _ in range(60):
        person = random_person(rng)
        for language in ("en", "ko"):
            with translation.override(language):
                for offer in _offers_for(rng):
                    view = person_view(person, offer)
                    for pathway in engine.pathways.values():
                        before = len(engine._results)
                        kept = assess_kept(engine, pathway, person, offer, view)
                        reused += len(engine._results) == before
                        assert kept == assess(engine, pathway, person, offer, view), (
                            pathway.code,
                            person,
                            offer,
                            language,
                        )
                        compared += 1
    assert compared == 60 * 2 * 6 * len(engine.pathways)
    assert reused > compared // 3  # most routes read nothing of a changed offer


def test_a_route_that_reads_the_salary_is_assessed_again_for_another():
    engine = compiled(snapshot_from_fixture(None, DAY))
    person = PersonFacts(
        nationality="VN", age=26, education_level="bachelor", field_stem=True,
        degree_country="VN", topik=3,
    )  # fmt: skip
    low, high = OfferFacts(annual_salary_krw=25_000_000), OfferFacts(annual_salary_krw=90_000_000)
    e71 = engine.pathways["E-7-1"]
    at_low = assess_kept(engine, e71, person, low, person_view(person, low))
    at_high = assess_kept(engine, e71, person, high, person_view(person, high))
    assert at_low != at_high
    assert at_high == assess(engine, e71, person, high, person_view(person, high))


def test_each_language_has_its_own_results():
    engine = compiled(snapshot_from_fixture(None, DAY))
    person = PersonFacts(nationality="VN", age=26, education_level="bachelor", topik=3)
    d10 = engine.pathways["D-10-1"]
    english = assess_kept(engine, d10, person, None, person_view(person, None))
    with translation.override("ko"):
        korean = assess_kept(engine, d10, person, None, person_view(person, None))
    assert english.summary != korean.summary
