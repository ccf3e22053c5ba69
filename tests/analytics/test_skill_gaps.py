"""The summary job and the gaps read from it, against figures worked out by hand
(tests/analytics/world.py), and the privacy rule: no filter, alone or against another, singles
out fewer graduates than the minimum."""

from itertools import product

import pytest

from analytics.models import DemandCell, SummaryRun, SupplyCell
from analytics.selectors import BY_CATEGORY, BY_SKILL, GapFilters, courses_for_gaps, skill_gaps
from analytics.services import skills_summary_compute, week_of
from tests.analytics.world import analytics_world
from tests.factories import (
    CourseFactory,
    CourseSkillFactory,
    GraduateProfileFactory,
    GraduateSkillFactory,
)

pytestmark = pytest.mark.django_db
K = 10


@pytest.fixture
def world():
    made = analytics_world()
    skills_summary_compute()
    return made


def _by_name(rows):
    return {row.name: (row.postings, row.openings, row.level_asked, row.qualified) for row in rows}


def test_each_skill_against_the_graduates_at_the_level_asked(world):
    assert _by_name(skill_gaps(filters=GapFilters())) == {
        # etch: 3 openings ask 3, 2 ask 4 -> the middle opening asks 3; 12 VN at 4 + 10 ID at 3
        # (3 PH at 5 are too few to count)
        "Etch process": (2, 5, 3, 22),
        "Lithography": (1, 3, 2, 12),
        # the draft's and the unverified company's openings do not count; 1 ID too few
        "Python": (1, 30, 3, 10),
    }


def test_widest_gap_first(world):
    rows = skill_gaps(filters=GapFilters())
    assert [(row.name, row.gap) for row in rows] == [
        ("Python", 20), ("Lithography", -9), ("Etch process", -17),
    ]  # fmt: skip


def test_filters_narrow_demand_and_supply(world):
    assert _by_name(skill_gaps(filters=GapFilters(country="ID")))["Etch process"] == (2, 5, 3, 10)
    assert _by_name(skill_gaps(filters=GapFilters(country="ID")))["Python"] == (1, 30, 3, 0)
    batteries = _by_name(skill_gaps(filters=GapFilters(industry="batteries")))
    assert batteries == {"Etch process": (1, 2, 4, 12)}  # only the 12 VN reach 4
    assert _by_name(skill_gaps(filters=GapFilters(region="seoul"))) == {"Python": (1, 30, 3, 10)}


def test_a_category_counts_each_posting_and_each_graduate_once(world):
    rows = _by_name(skill_gaps(filters=GapFilters(by=BY_CATEGORY)))
    # the chips posting asks etch 3 and lithography 2: once, at 3; the 12 VN hold both: once
    assert rows == {"Semiconductors": (2, 5, 3, 22), "Software": (1, 30, 3, 10)}


def test_small_groups_are_never_stored(world):
    run = SummaryRun.objects.get()
    # etch PH 5, Python ID 5, their categories, and the 3 Filipinos in the funnel
    assert run.suppressed_cells == 5
    assert run.suppressed_holdings == 4  # the 3 Filipinos' etch and the Indonesian's Python
    assert not SupplyCell.objects.filter(graduates__lt=K).exists()
    assert (run.graduates, run.postings) == (36, 3)


def test_running_again_in_the_week_replaces_the_snapshot(world):
    before = (DemandCell.objects.count(), SupplyCell.objects.count())
    skills_summary_compute()
    assert (DemandCell.objects.count(), SupplyCell.objects.count()) == before
    assert SummaryRun.objects.count() == 2
    assert set(DemandCell.objects.values_list("week", flat=True)) == {
        SummaryRun.objects.first().week
    }


def test_a_new_run_is_read_afresh(world):
    assert _by_name(skill_gaps(filters=GapFilters()))["Python"][3] == 10
    for _ in range(10):
        profile = GraduateProfileFactory(nationality="TH")
        GraduateSkillFactory(profile=profile, skill=world.python, level=4)
    assert _by_name(skill_gaps(filters=GapFilters()))["Python"][3] == 10  # the snapshot's
    skills_summary_compute()
    assert _by_name(skill_gaps(filters=GapFilters()))["Python"][3] == 20


def test_no_filter_singles_out_fewer_than_the_minimum(world):
    """Every figure about graduates, under every combination of filters, is 0 or at least K,
    and so is the difference between a country and all countries under the same filters (a
    difference of nested selections counts the graduates in one and not the other)."""
    countries = ["", "VN", "ID", "PH"]
    industries = ["", "semiconductors", "batteries", "software"]
    regions = ["", "gyeonggi", "chungbuk", "seoul"]
    for by, industry, region in product([BY_SKILL, BY_CATEGORY], industries, regions):
        everyone = {
            r.subject_id: r.qualified
            for r in skill_gaps(filters=GapFilters(by=by, industry=industry, region=region))
        }
        for country in countries[1:]:
            narrowed = skill_gaps(
                filters=GapFilters(by=by, industry=industry, region=region, country=country)
            )
            for row in narrowed:
                assert row.qualified == 0 or row.qualified >= K, (by, industry, region, country)
                left = everyone[row.subject_id] - row.qualified
                assert left == 0 or left >= K, (by, industry, region, country, row.name)
        assert all(n == 0 or n >= K for n in everyone.values())


def test_courses_for_the_gaps_and_the_unserved(world):
    rows = [r for r in skill_gaps(filters=GapFilters()) if r.name in ("Python", "Lithography")]
    online = CourseFactory(mode="online", country="")
    CourseSkillFactory(course=online, skill=world.python, level_reached=3)
    too_low = CourseFactory(mode="in_person", country="VN")
    CourseSkillFactory(course=too_low, skill=world.python, level_reached=2)
    in_person = CourseFactory(mode="in_person", country="VN")
    CourseSkillFactory(course=in_person, skill=world.python, level_reached=4)
    served = {row.name: row for row in courses_for_gaps(rows=rows, by=BY_SKILL)}
    assert served["Python"].courses == 2
    assert {str(k): v for k, v in served["Python"].courses_by_mode.items()} == {
        "In person": 1, "Online": 1,
    }  # fmt: skip
    assert served["Python"].course_countries == ["VN"]
    assert served["Lithography"].courses == 0  # unserved


def test_no_snapshot_no_rows(db):
    assert skill_gaps(filters=GapFilters()) == []


def test_the_week_is_named_by_its_monday():
    from datetime import date

    assert week_of(date(2026, 12, 6)) == date(2026, 11, 30)  # a Sunday
    assert week_of(date(2026, 11, 30)) == date(2026, 11, 30)
