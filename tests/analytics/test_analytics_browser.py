"""Staff open the skills analytics in Debian's Chromium: the chart is drawn from the platform's
own Chart.js, and its figures, and the table's, are those of a direct query of the profiles and
postings (under the same rule: groups of fewer than the minimum left out). A filter redraws
both. Screenshots go to test-artifacts/screenshots/."""

import pytest
from django.conf import settings
from django.db.models import Count, Sum
from playwright.sync_api import expect

from analytics.services import skills_summary_compute
from jobs.models import JobPosting, PostingSkill
from profiles.models import GraduateProfile, GraduateSkill
from tests import factories
from tests.a11y import axe_check
from tests.analytics.world import analytics_world
from tests.browser_sign_in import browser_sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _direct(skill, level: int, industry: str = "") -> tuple[int, int]:
    """(openings of public postings requiring the skill, graduates at `level` or above in
    groups of at least the minimum), straight from the rows."""
    required = PostingSkill.objects.filter(
        skill=skill,
        requirement__in=["required", "breaker"],
        posting__in=JobPosting.objects.public().values("pk"),
    )
    if industry:
        required = required.filter(posting__employer__industry=industry)
    openings = required.aggregate(n=Sum("posting__openings"))["n"] or 0
    groups = (
        GraduateSkill.objects.filter(skill=skill, profile__user__is_active=True)
        .values("profile__nationality", "level")
        .annotate(n=Count("id"))
    )
    qualified = sum(
        g["n"] for g in groups if g["level"] >= level and g["n"] >= settings.ANALYTICS_MIN_CELL
    )
    return openings, qualified


def _chart(page, canvas: str = "gap-chart") -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    data = page.evaluate(
        "(id) => { const c = Chart.getChart(document.getElementById(id));"
        " return {labels: c.data.labels, openings: c.data.datasets[0].data,"
        " qualified: c.data.datasets[1].data}; }",
        canvas,
    )
    return {
        name: (data["openings"][i], data["qualified"][i]) for i, name in enumerate(data["labels"])
    }


def _chart_values(page, canvas: str) -> list[int]:  # type: ignore[no-untyped-def]
    values: list[int] = page.evaluate(
        "(id) => Chart.getChart(document.getElementById(id)).data.datasets[0].data", canvas
    )
    return values


def test_the_chart_and_the_table_show_the_direct_figures(browser_page) -> None:
    page = browser_page
    world = analytics_world()
    skills_summary_compute()
    staff = factories.StaffFactory(is_superuser=False)
    browser_sign_in(page, staff.email, staff.totp_secret)

    page.goto("/staff/")
    page.get_by_role("link", name="Open the analytics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skills demand and supply")
    expect(page.locator("#gap-chart")).to_have_attribute("data-chart-drawn", "3")
    assert _chart(page) == {
        "Python": _direct(world.python, 3),
        "Lithography": _direct(world.litho, 2),
        "Etch process": _direct(world.etch, 3),
    }
    python_row = page.locator("#gap-table tbody tr").filter(has_text="Python")
    openings, qualified = _direct(world.python, 3)
    expect(python_row.locator("td").nth(2)).to_have_text(str(openings))
    expect(python_row.locator("td").nth(4)).to_have_text(str(qualified))
    page.shot("analytics-skills")

    # Python week by week: one snapshot so far, with the same figures.
    python_row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Python")
    expect(page.locator("#trend-chart")).to_have_attribute("data-chart-drawn", "1")
    week = skills_summary_compute().week.isoformat()
    assert _chart(page, "trend-chart") == {week: _direct(world.python, 3)}
    page.shot("analytics-trend")
    axe_check(page)
    page.go_back()

    page.get_by_label("Company industry").select_option("batteries")
    with page.expect_navigation():
        page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#gap-chart")).to_have_attribute("data-chart-drawn", "1")
    assert _chart(page) == {"Etch process": _direct(world.etch, 4, industry="batteries")}

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    expect(page.locator("#gap-table")).to_be_visible()
    page.shot("analytics-skills-phone")

    # The funnel: nobody in this world has a degree, so all are registered only.
    page.get_by_role("link", name="From signing up to a job").click()
    expect(page.locator("#funnel-chart")).to_have_attribute("data-chart-drawn", "7")
    by_country = GraduateProfile.objects.values("nationality").annotate(n=Count("id"))
    registered = sum(c["n"] for c in by_country if c["n"] >= settings.ANALYTICS_MIN_CELL)
    funnel = _chart_values(page, "funnel-chart")
    assert funnel == [registered, 0, 0, 0, 0, 0, 0]
    first_row = page.locator("#funnel-table tbody tr").first
    expect(first_row.locator("td").nth(1)).to_have_text(str(registered))
    axe_check(page)
    page.shot("analytics-funnel-phone")
