"""The funnel from signing up to a job, against figures worked out by hand, and its privacy
rule: the groups are disjoint (one country, one furthest stage), so no figure, no difference
between stages and no difference between a country and all of them counts 1 to 9 people.

The world: 30 Vietnamese ready to apply and matched (best match 0.8) who applied to a
semiconductor company: 10 still applied, 10 reached an interview (on day 7), 10 were hired
(interview day 7, offer day 20, hired day 30); 3 of them also applied to a battery company
(too few to show). 10 Vietnamese ready but matched below the threshold (0.4); 10 Indonesians
with no degree (registered only); 3 Filipinos (too few to show)."""

import csv
import io
from datetime import timedelta
from itertools import pairwise

import numpy as np
import pytest
from django.utils import timezone

from analytics.models import FunnelCell, SummaryRun
from analytics.selectors import GapFilters, funnel, funnel_trend
from analytics.services import skills_summary_compute
from jobs.models import ApplicationStatusChange
from matching.models import ENTRY_DTYPE, GraduateMatchList, MatchRun
from profiles.models import GraduateProfile
from profiles.selectors import graduates_ready_to_apply, profile_missing_for_applying
from tests.factories import (
    ApplicationFactory,
    EducationRecordFactory,
    EmployerFactory,
    GraduateProfileFactory,
    GraduateSkillFactory,
    JobPostingFactory,
)

pytestmark = pytest.mark.django_db
K = 10


def _graduates(count: int, nationality: str, *, ready: bool) -> list[GraduateProfile]:
    made = []
    for _ in range(count):
        profile = GraduateProfileFactory(nationality=nationality, user__full_name="A Graduate")
        if ready:
            EducationRecordFactory(profile=profile)
            GraduateSkillFactory(profile=profile)
        made.append(profile)
    return made


def _matched(run: MatchRun, profiles: list[GraduateProfile], score: float, posting_id: int) -> None:
    entry = np.array([(posting_id, score, score, score)], dtype=ENTRY_DTYPE)
    for profile in profiles:
        GraduateMatchList.objects.create(
            run=run, graduate=profile, entries=entry.tobytes(), length=1
        )


def _reached(application, *stages: tuple[str, int]) -> None:
    for status, day in stages:
        ApplicationStatusChange.objects.create(
            application=application,
            to_status=status,
            changed_at=application.created_at + timedelta(days=day),
        )


@pytest.fixture
def world():
    chips = JobPostingFactory(employer=EmployerFactory(industry="semiconductors"))
    cells = JobPostingFactory(employer=EmployerFactory(industry="batteries"))
    now = timezone.now()
    run = MatchRun.objects.create(
        status="succeeded", is_current=True, started_at=now, finished_at=now
    )
    applicants = _graduates(30, "VN", ready=True)
    _matched(run, applicants, 0.8, chips.pk)
    _matched(run, _graduates(10, "VN", ready=True), 0.4, chips.pk)
    _graduates(10, "ID", ready=False)
    _graduates(3, "PH", ready=False)
    for n, profile in enumerate(applicants):
        application = ApplicationFactory(graduate=profile, posting=chips)
        if 10 <= n < 20:
            _reached(application, ("interview", 7))
        elif n >= 20:
            _reached(application, ("interview", 7), ("offer", 20), ("hired", 30))
        if n < 3:
            ApplicationFactory(graduate=profile, posting=cells)
    skills_summary_compute()


def _figures(**filters: str) -> list[tuple[str, int, int | None, float | None]]:
    return [
        (row.label, row.graduates, row.share, row.average_days)
        for row in funnel(filters=GapFilters(**filters))
    ]


def test_each_stage_against_the_hand_count(world):
    assert _figures() == [
        ("Registered", 50, 100, None),  # 40 VN + 10 ID; the 3 PH are too few
        ("Ready to apply", 40, 80, None),
        ("Matched", 30, 60, None),
        ("Applied", 30, 100, None),  # the 3 battery applications are too few
        ("Interview", 20, 67, 7.0),
        ("Offer", 10, 33, 20.0),
        ("Hired", 10, 33, 30.0),
    ]


def test_the_groups_left_out_are_counted(world):
    run = SummaryRun.objects.get()
    # the 3 Filipinos before applying; the 3 battery applications after
    assert (run.funnel_left_out_before, run.funnel_left_out_after) == (3, 3)


def test_filters(world):
    indonesians = _figures(country="ID")
    assert [(label, n) for label, n, _s, _d in indonesians][:3] == [
        ("Registered", 10), ("Ready to apply", 0), ("Matched", 0),
    ]  # fmt: skip
    assert [n for _l, n, _s, _d in _figures(industry="batteries")][3:] == [0, 0, 0, 0]
    assert [n for _l, n, _s, _d in _figures(industry="semiconductors")][3:] == [30, 20, 10, 10]


def test_no_filter_or_difference_singles_out_fewer_than_the_minimum(world):
    def fine(n: int) -> bool:
        return n == 0 or n >= K

    for industry in ["", "semiconductors", "batteries"]:
        everyone = _figures(industry=industry)
        for country in ["", "VN", "ID", "PH"]:
            figures = [n for _l, n, _s, _d in _figures(country=country, industry=industry)]
            assert all(fine(n) for n in figures), (country, industry, figures)
            # stage to stage (each part of the funnel is a chain of nested groups)
            steps = [a - b for a, b in pairwise(figures[:3])]
            steps += [a - b for a, b in pairwise(figures[3:])]
            assert all(fine(n) for n in steps), (country, industry, steps)
            left = [e[1] - n for e, n in zip(everyone, figures, strict=True)]
            assert all(fine(n) for n in left), (country, industry, left)


def test_ready_to_apply_is_the_rule_applying_uses(world):
    GraduateProfileFactory(nationality="VN", user__full_name="")  # no name: not ready
    ready = set(
        GraduateProfile.objects.filter(graduates_ready_to_apply()).values_list("pk", flat=True)
    )
    for profile in GraduateProfile.objects.select_related("user"):
        assert (profile.pk in ready) == (profile_missing_for_applying(profile=profile) == [])


def test_week_by_week_the_funnel_of_each_snapshot(world, staff_client):
    # Last week's snapshot had only the Indonesians; this week's is the world's.
    this_week = SummaryRun.objects.get().week
    last_week = this_week - timedelta(days=7)
    FunnelCell.objects.create(week=last_week, country="ID", stage=1, graduates=10)
    SummaryRun.objects.create(week=last_week)

    trend = funnel_trend(filters=GapFilters())
    assert [week for week, _rows in trend] == [last_week, this_week]
    assert [row.graduates for row in trend[0][1]] == [10, 0, 0, 0, 0, 0, 0]
    assert [row.graduates for row in trend[1][1]] == [50, 40, 30, 30, 20, 10, 10]
    assert [r.graduates for r in funnel_trend(filters=GapFilters(country="ID"))[1][1]][:2] == [
        10, 0,
    ]  # fmt: skip

    data = staff_client.get("/staff/analytics/funnel/weekly.json").json()
    assert data["labels"] == [last_week.isoformat(), this_week.isoformat()]
    assert [(s["name"], s["values"]) for s in data["series"]] == [
        ("Registered", [10, 50]), ("Matched", [0, 30]), ("Applied", [0, 30]), ("Hired", [0, 10]),
    ]  # fmt: skip
    sheet = staff_client.get("/staff/analytics/funnel/weekly.csv", {"industry": "batteries"})
    rows = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["week", "registered", "ready"] and rows[0][-1] == "industry"
    assert rows[2] == [
        this_week.isoformat(),
        "50",
        "40",
        "30",
        "0",
        "0",
        "0",
        "0",
        "all",
        "batteries",
    ]
    html = staff_client.get("/staff/analytics/funnel/").content.decode()
    assert 'id="funnel-trend-table"' in html and "/staff/analytics/funnel/weekly.csv" in html
