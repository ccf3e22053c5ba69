"""The visa verdict in matching: route masks from today's rules, through a full run."""

import datetime

import pytest
from django.utils import timezone

from matching.facts import ALL_ROUTES
from matching.models import GraduateMatchList, MatchRun, PostingMatchList
from matching.selectors import graduate_facts, posting_facts
from matching.services import match_run_request
from profiles.models import WorkExperience
from tests import factories
from visas.rules import ROUTE_E7_1, ROUTE_E7_4, ROUTE_E9, ROUTE_TOP_TIER, RulesSnapshot
from visas.rules.compiled import compiled
from visas.rules.factview import Range
from visas.selectors import rules_snapshot_cached
from visas.services import visa_rules_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules() -> RulesSnapshot:
    visa_rules_load()
    return rules_snapshot_cached(on=timezone.localdate())


def e71_minimum(rules: RulesSnapshot, size: str) -> int:
    """The E-7-1 minimum salary today; on a day between two notices, the lower one."""
    scope = "sme_or_venture" if size == "sme" else "all"
    value = compiled(rules).refs.salary_threshold("E-7-1", scope=scope).value
    return int(value.lo if isinstance(value, Range) else value)


@pytest.fixture
def market(rules):
    """One skill; a Vietnamese and a Malaysian graduate needing sponsorship, alike but for their
    nationality; postings that differ only in salary: one below today's E-7-1 minimum (open to
    E-9 or E-7-4 only), one exactly at it, one a won below it."""
    skill = factories.SkillFactory()
    employer = factories.EmployerFactory(size_class="sme")
    minimum = e71_minimum(rules, "sme")
    postings = {}
    for name, salary, eps in (
        ("e9", minimum - 5_000_000, True),
        ("not_eps", minimum - 5_000_000, False),
        ("at", minimum, False),
        ("below", minimum - 1, False),
    ):
        postings[name] = factories.JobPostingFactory(
            employer=employer,
            salary_min_krw=salary - 1_000_000,
            salary_max_krw=salary,
            is_eps_job=eps,
        )
        factories.PostingSkillFactory(posting=postings[name], skill=skill, min_level=3)
    graduates = {}
    for nationality in ("VN", "MY"):
        graduates[nationality] = factories.GraduateProfileFactory(
            nationality=nationality,
            min_salary_krw=0,  # no visa yet: needs sponsorship
        )
        factories.GraduateSkillFactory(profile=graduates[nationality], skill=skill, level=3)
    return {"postings": postings, "graduates": graduates, "skill": skill}


def _full_run(django_capture_on_commit_callbacks) -> MatchRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_request()
    run.refresh_from_db()
    assert run.status == "succeeded"
    return run


def _stored_ids(model, run: MatchRun, **owner) -> set[int]:
    row = model.objects.filter(run=run, **owner).first()
    return set() if row is None else {int(entry["id"]) for entry in row.decoded()[: row.length]}


def test_a_malaysian_does_not_match_an_e9_only_posting_that_a_vietnamese_graduate_matches(
    market, django_capture_on_commit_callbacks
):
    run = _full_run(django_capture_on_commit_callbacks)
    e9_only, at_minimum = market["postings"]["e9"], market["postings"]["at"]
    vietnamese, malaysian = market["graduates"]["VN"], market["graduates"]["MY"]

    assert _stored_ids(GraduateMatchList, run, graduate=vietnamese) >= {e9_only.pk, at_minimum.pk}
    assert e9_only.pk not in _stored_ids(GraduateMatchList, run, graduate=malaysian)
    assert at_minimum.pk in _stored_ids(GraduateMatchList, run, graduate=malaysian)
    assert _stored_ids(PostingMatchList, run, posting=e9_only) == {vietnamese.pk}
    assert _stored_ids(PostingMatchList, run, posting=at_minimum) == {vietnamese.pk, malaysian.pk}


def test_a_low_salary_job_outside_the_eps_matches_nobody_who_needs_a_route(
    market, django_capture_on_commit_callbacks
):
    run = _full_run(django_capture_on_commit_callbacks)

    assert _stored_ids(PostingMatchList, run, posting=market["postings"]["not_eps"]) == set()


def test_a_salary_one_won_below_the_e71_minimum_does_not_match_a_graduate_with_only_e71(
    market, django_capture_on_commit_callbacks
):
    run = _full_run(django_capture_on_commit_callbacks)
    malaysian = market["graduates"]["MY"]

    matched = _stored_ids(GraduateMatchList, run, graduate=malaysian)
    assert market["postings"]["at"].pk in matched
    assert market["postings"]["below"].pk not in matched


def test_four_years_of_work_in_korea_open_the_e9_only_posting_to_the_malaysian(
    market, django_capture_on_commit_callbacks
):
    malaysian = market["graduates"]["MY"]
    today = timezone.localdate()
    WorkExperience.objects.create(
        profile=malaysian,
        title="Process technician",
        employer_name="Hanbit Semitech",
        country="KR",
        start_date=today - datetime.timedelta(days=4 * 366),
    )

    run = _full_run(django_capture_on_commit_callbacks)

    assert graduate_facts(ids=[malaysian.pk])[0].visa_routes & ROUTE_E7_4
    assert market["postings"]["e9"].pk in _stored_ids(GraduateMatchList, run, graduate=malaysian)


def test_the_loaders_set_the_masks_from_todays_rules(market):
    facts = {g.id: g for g in graduate_facts()}
    offers = {p.id: p for p in posting_facts()}
    vietnamese, malaysian = market["graduates"]["VN"], market["graduates"]["MY"]

    assert facts[vietnamese.pk].visa_routes == ROUTE_E7_1 | ROUTE_E9 | ROUTE_TOP_TIER
    assert facts[malaysian.pk].visa_routes == ROUTE_E7_1 | ROUTE_TOP_TIER
    assert not offers[market["postings"]["e9"].pk].offer_routes & ROUTE_E7_1
    assert offers[market["postings"]["at"].pk].offer_routes & ROUTE_E7_1


def test_without_visa_rules_matching_ignores_visa_routes(django_capture_on_commit_callbacks):
    skill = factories.SkillFactory()
    posting = factories.JobPostingFactory(salary_min_krw=10_000_000, salary_max_krw=12_000_000)
    factories.PostingSkillFactory(posting=posting, skill=skill, min_level=3)
    malaysian = factories.GraduateProfileFactory(nationality="MY", min_salary_krw=0)
    factories.GraduateSkillFactory(profile=malaysian, skill=skill, level=3)

    assert graduate_facts()[0].visa_routes == ALL_ROUTES
    assert posting_facts()[0].visa_routes is None
    run = _full_run(django_capture_on_commit_callbacks)
    assert _stored_ids(GraduateMatchList, run, graduate=malaysian) == {posting.pk}


def test_a_graduate_without_a_nationality_keeps_every_route(market):
    stateless = factories.GraduateProfileFactory(nationality="")

    assert graduate_facts(ids=[stateless.pk])[0].visa_routes == ALL_ROUTES


def test_graduate_facts_reads_the_same_number_of_queries_for_any_number_of_graduates(
    market, django_assert_num_queries
):
    graduate_facts()  # today's rules and the taxonomy are kept from here on
    for n in range(6):
        profile = factories.GraduateProfileFactory(nationality="PH")
        factories.EducationRecordFactory(profile=profile, country="KR" if n % 2 else "PH")
        WorkExperience.objects.create(
            profile=profile,
            title="Engineer",
            employer_name="Hanbit Semitech",
            country="KR",
            start_date=datetime.date(2020, 1, 1),
        )

    with django_assert_num_queries(4):  # profiles, skills, education, work
        assert len(graduate_facts()) == 8
