"""The adviser's answer on top: routes to the person's goal first, and a plain headline, also
when no route fits the goal."""

from dataclasses import replace
from datetime import date
from functools import cache

from visas.rules import NOT_OPEN, OfferFacts, PersonFacts, evaluate_all
from visas.rules.goals import GOALS, headline
from visas.rules.snapshot import RulesSnapshot, snapshot_from_fixture

DAY = date(2026, 3, 1)
OUTSIDE_TOP_500 = (("degree.university_rank_qs", 1000), ("degree.university_rank_the", 1000))
VIETNAMESE_BACHELOR = PersonFacts(
    nationality="VN", age=26, education_level="bachelor", field_stem=True, degree_country="VN",
    topik=3, years_since_graduation=0, extra=OUTSIDE_TOP_500,
)  # fmt: skip
MALAYSIAN_MASTER = PersonFacts(
    nationality="MY", age=30, education_level="master", field_stem=True, degree_country="MY",
    years_since_graduation=1, extra=OUTSIDE_TOP_500,
)  # fmt: skip
INDONESIAN_VOCATIONAL = PersonFacts(nationality="ID", age=41, education_level="diploma")


@cache
def rules() -> RulesSnapshot:
    return snapshot_from_fixture(None, DAY)


def test_no_route_for_the_goal_is_said_plainly_with_what_stands_in_the_way():
    guidance = evaluate_all(person=INDONESIAN_VOCATIONAL, offer=None, rules=rules(), goal="factory")

    assert guidance.headline.startswith("No route for factory, farm or shipyard work is open")
    assert "E-9 is not open to you: Age is 41, needs 18 to 39" in guidance.headline
    assert all(guidance.pathway(code).verdict == NOT_OPEN for code in GOALS["factory"].routes)


def test_a_job_offer_puts_its_work_route_first_and_the_headline_names_what_to_do():
    offer = OfferFacts(annual_salary_krw=35_000_000, employer_size="sme")

    guidance = evaluate_all(
        person=VIETNAMESE_BACHELOR, offer=offer, rules=rules(), goal="professional"
    )

    assert guidance.pathways[0].code == "E-7-1"
    assert guidance.headline.startswith("For professional or engineering work, your route is E-7-1")
    # The steps that reach a way to qualify, quickest first, with what they cost.
    assert (
        "What to do first: gain 1 more year of related work experience or complete a master's"
        in (guidance.headline)
    )
    e71 = guidance.pathway("E-7-1")
    assert [(s.skill_hint, s.opens_route) for s in e71.next_steps[:2]] == [
        ("experience:1", True),
        ("degree:master", True),
    ]
    assert e71.next_steps[0].cost == "no fee: paid work"
    assert e71.next_steps[1].cost.startswith("tuition for 2 years")
    assert "the quickest for you: gain 1 more year" in e71.summary


def test_a_route_open_once_the_job_is_confirmed_needs_no_step_of_the_person():
    """With a related master's, E-7-1 waits only on the job and the employer: no step is
    invented for the person."""
    master = replace(VIETNAMESE_BACHELOR, education_level="master")
    offer = OfferFacts(annual_salary_krw=35_000_000, employer_size="sme")

    e71 = evaluate_all(person=master, offer=offer, rules=rules()).pathway("E-7-1")

    assert e71.verdict != NOT_OPEN and not e71.next_steps


def test_without_an_offer_the_goal_leads_to_job_seeking():
    guidance = evaluate_all(person=MALAYSIAN_MASTER, offer=None, rules=rules(), goal="professional")

    assert guidance.pathways[0].code == "D-10-1"
    assert "your route is D-10-1" in guidance.headline


def test_a_degree_from_outside_korea_is_a_no_for_the_korean_graduate_routes():
    """The question is answered: K-STAR and the Korean-degree exemption say no, not "maybe"
    (K-STAR opens only through a new degree in Korea)."""
    guidance = evaluate_all(person=MALAYSIAN_MASTER, offer=None, rules=rules())

    kstar = guidance.pathway("F-2 (K-STAR)")
    assert "not open yet (Country of the degree is Malaysia" in kstar.summary
    university = next(c for c in kstar.criteria if c.key == "degree.korean_university_name")
    assert (university.actual, university.met) == ("none", False)
    d10 = guidance.pathway("D-10-1")
    first_stay = next(c for c in d10.criteria if c.key == "exemption.first_d10_after_korean_degree")
    assert first_stay.actual == "no"


def test_without_a_goal_the_headline_speaks_of_the_first_route():
    guidance = evaluate_all(person=MALAYSIAN_MASTER, offer=None, rules=rules())

    assert guidance.headline.startswith(f"Your most realistic route is {guidance.pathways[0].code}")


def test_an_unknown_goal_changes_nothing():
    plain = evaluate_all(person=MALAYSIAN_MASTER, offer=None, rules=rules())
    odd = evaluate_all(person=MALAYSIAN_MASTER, offer=None, rules=rules(), goal="astronaut")

    assert [r.code for r in odd.pathways] == [r.code for r in plain.pathways]
    assert odd.headline == plain.headline


def test_someone_with_no_route_open_is_told_so():
    routes = evaluate_all(person=INDONESIAN_VOCATIONAL, offer=None, rules=rules()).pathways
    closed = [replace(route, verdict=NOT_OPEN) for route in routes]

    assert headline(closed, "").startswith("With these answers no route is open to you")
    assert headline(closed, "study").endswith("With these answers no other route is open either.")


def test_official_sources_come_first_and_are_marked():
    guidance = evaluate_all(person=VIETNAMESE_BACHELOR, offer=None, rules=rules())

    for route in guidance.pathways:
        flags = [source.official for source in route.sources]
        assert flags == sorted(flags, reverse=True), route.code  # official ones first
    assert any(s.official for r in guidance.pathways for s in r.sources)
    assert any(not s.official for r in guidance.pathways for s in r.sources)


def test_the_end_of_the_current_status_says_when_to_apply():
    on_d10 = replace(VIETNAMESE_BACHELOR, current_visa="D-10")

    def notes(expires: date | None) -> str:
        person = replace(on_d10, status_expires=expires)
        return " ".join(evaluate_all(person=person, offer=None, rules=rules()).notes)

    assert "status ends on 15 April 2026, in 45 days: apply for the change" in notes(
        date(2026, 4, 15)
    )
    assert "runs until 01 September 2026: apply for any change before then" in notes(
        date(2026, 9, 1)
    )
    assert "ended on 01 February 2026" in notes(date(2026, 2, 1))
    assert "status" not in notes(None)


def test_an_end_date_without_a_status_is_a_field_error():
    import pytest

    from visas.rules import RuleInputError, validate_person

    with pytest.raises(RuleInputError) as raised:
        validate_person({"nationality": "VN", "status_expires": "2027-01-31"})
    assert "status_expires" in raised.value.errors
    with pytest.raises(RuleInputError) as raised:
        validate_person({"nationality": "VN", "current_visa": "D-2", "status_expires": "31/1/27"})
    assert raised.value.errors["status_expires"].startswith("Give a date as YYYY-MM-DD")
    person = validate_person(
        {"nationality": "VN", "current_visa": "D-2", "status_expires": "2027-01-31"}
    )
    assert person.status_expires == date(2027, 1, 31)
