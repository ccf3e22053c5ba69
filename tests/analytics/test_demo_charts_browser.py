"""Every analytics chart on the demo data set, in Debian's Chromium: the figures Chart.js drew
are those of direct queries of the postings, profiles and applications (for the visa chart,
each profile assessed on its own), under the published rule (groups of fewer than
ANALYTICS_MIN_CELL graduates left out)."""

import re
import statistics
from collections import Counter, defaultdict

import pytest
from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django_countries import countries
from playwright.sync_api import expect

from analytics.selectors import GapFilters, skill_gaps
from analytics.services import skills_summary_compute
from demo.services import DemoSize, demo_seed
from jobs.models import Application, ApplicationStatusChange, JobPosting, PostingSkill
from matching.models import MatchRun
from profiles.models import GraduateProfile, GraduateSkill
from profiles.selectors import profile_missing_for_applying
from skills.models import Skill
from tests import factories
from tests.browser_sign_in import browser_sign_in
from visas.rules.feasibility import work_feasibility
from visas.selectors import person_facts_for_graduate, rules_snapshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
K = settings.ANALYTICS_MIN_CELL
STAGES = {"interview": 5, "offer": 6, "hired": 7}


def _drawn(page, canvas: str) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    expect(page.locator(f"#{canvas}")).to_have_attribute("data-chart-drawn", re.compile(r"^\d+$"))
    data: dict[str, list[int]] = page.evaluate(
        "(id) => { const c = Chart.getChart(document.getElementById(id));"
        " return Object.fromEntries(c.data.labels.map((label, i) =>"
        " [label, c.data.datasets.map((d) => d.data[i])])); }",
        canvas,
    )
    return data


def _skill_direct(name: str) -> list[int]:
    """[openings requiring the skill, graduates at the level most of them ask]."""
    skill = Skill.objects.get(name=name)
    required = PostingSkill.objects.filter(
        skill=skill,
        requirement__in=["required", "breaker"],
        posting__in=JobPosting.objects.public().values("pk"),
    )
    by_level = dict(
        required.values_list("min_level").annotate(o=Sum("posting__openings")).order_by()
    )
    openings, seen, asked = sum(by_level.values()), 0, 1
    for level in sorted(by_level):
        seen += by_level[level]
        if seen >= openings / 2:
            asked = level
            break
    groups = (
        GraduateSkill.objects.filter(skill=skill, profile__user__is_active=True)
        .values("profile__nationality", "level")
        .annotate(n=Count("id"))
    )
    qualified = sum(g["n"] for g in groups if g["level"] >= asked and g["n"] >= K)
    return [openings, qualified]


def _funnel_direct() -> list[int]:
    assert not MatchRun.objects.filter(is_current=True).exists()  # nobody matched yet
    before: Counter[tuple[str, int]] = Counter()
    for profile in GraduateProfile.objects.filter(user__is_active=True).select_related("user"):
        ready = profile_missing_for_applying(profile=profile) == []
        before[(profile.nationality, 2 if ready else 1)] += 1
    furthest: dict[tuple[int, str], int] = {}
    nationality: dict[tuple[int, str], str] = {}
    for app in Application.objects.select_related("graduate", "posting__employer"):
        pair = (app.graduate_id, app.posting.employer.industry)
        furthest.setdefault(pair, 4)
        nationality[pair] = app.graduate.nationality
    for change in ApplicationStatusChange.objects.filter(to_status__in=list(STAGES)).select_related(
        "application__graduate", "application__posting__employer"
    ):
        pair = (change.application.graduate_id, change.application.posting.employer.industry)
        furthest[pair] = max(furthest[pair], STAGES[change.to_status])
    after: Counter[tuple[str, str, int]] = Counter(
        (nationality[pair], pair[1], stage) for pair, stage in furthest.items()
    )
    reached: dict[int, int] = defaultdict(int)
    for cells in (before, after):
        for key, n in cells.items():
            if n >= K:
                for stage in range(1 if key[-1] <= 3 else 4, key[-1] + 1):
                    reached[stage] += n
    return [reached[stage] for stage in range(1, 8)]


def _visas_direct() -> dict[str, list[int]]:
    """Per country: [graduates with a work route open, without], each profile assessed on its
    own, with an offer at the median of the public postings' lower salaries."""
    salary = statistics.median_high(
        JobPosting.objects.public().values_list("salary_min_krw", flat=True)
    )
    today = timezone.localdate()
    rules = rules_snapshot(on=today)
    groups: Counter[tuple[str, bool, tuple[str, ...]]] = Counter()
    profiles = GraduateProfile.objects.filter(user__is_active=True).exclude(nationality="")
    for profile in profiles:
        found = work_feasibility(
            person=person_facts_for_graduate(profile=profile, on=today), rules=rules, salary=salary
        )
        groups[(str(profile.nationality), found.is_open, found.missing)] += 1
    shown: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (country, is_open, _missing), n in groups.items():
        if n >= K:
            shown[str(countries.name(country))][0 if is_open else 1] += n
    return dict(shown)


def test_every_chart_on_the_demo_data_shows_the_direct_figures(browser_page) -> None:
    page = browser_page
    demo_seed(size=DemoSize(postings=60, graduates=300, applications=80))
    skills_summary_compute()
    staff = factories.StaffFactory(is_superuser=False)
    browser_sign_in(page, staff.email, staff.totp_secret)

    page.goto("/staff/analytics/skills/")
    gaps = _drawn(page, "gap-chart")
    assert len(gaps) == 20  # the demo's postings require many skills
    assert gaps == {name: _skill_direct(name) for name in gaps}

    # A skill that has qualified graduates (the widest gaps may have none): its trend.
    held = next(row for row in skill_gaps(filters=GapFilters()) if row.qualified >= K)
    page.goto(f"/staff/analytics/skills/skill/{held.subject_id}/trend/")
    trend = _drawn(page, "trend-chart")
    assert list(trend.values()) == [_skill_direct(held.name)]

    page.goto("/staff/analytics/funnel/")
    funnel = _drawn(page, "funnel-chart")
    direct = _funnel_direct()
    assert [values[0] for values in funnel.values()] == direct
    assert next(iter(funnel.values()))[0] > 0
    # One week so far: its registered, matched, applied and hired.
    assert list(_drawn(page, "funnel-trend-chart").values()) == [[direct[i] for i in (0, 2, 3, 6)]]
    page.shot("analytics-funnel-demo")

    page.goto("/staff/analytics/visas/")
    visas = _drawn(page, "visas-chart")
    assert visas == _visas_direct()
    assert len(visas) >= 5 and all(sum(values) >= K for values in visas.values())
    assert list(_drawn(page, "visas-trend-chart").values()) == [
        [sum(map(sum, visas.values())), sum(values[0] for values in visas.values())]
    ]
    page.shot("analytics-visas-demo")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    expect(page.locator("#visas-table")).to_be_visible()
    expect(page.locator("#missing-table")).to_be_visible()
    page.shot("analytics-visas-phone")
