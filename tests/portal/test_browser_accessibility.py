"""What a keyboard or screen-reader user meets, in Chromium at 1280 and 390 px: names of the
profile step links, fields kept clear of the sticky header when focused (WCAG 2.4.11), visible
focus rings (3:1), live regions that stay in the page when htmx updates them, and the job
search form before the results in tab order."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from visas.selectors import rules_snapshot_cache_clear
from visas.services import visa_rules_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 640}
DESKTOP = {"width": 1280, "height": 600}  # short, so the forms scroll at both widths


def _login(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


# Focus the element before `selector` (without scrolling), then scroll the page so that the
# target sits under the top edge, where the sticky header is drawn: the next Tab focuses it.
_BEFORE_TARGET = """(selector) => {
    const target = document.querySelector(selector);
    const tabbable = [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary"
    )].filter((el) => !el.disabled && el.getClientRects().length > 0);
    tabbable[tabbable.indexOf(target) - 1].focus({preventScroll: true});
    window.scrollBy(0, target.getBoundingClientRect().top - 8);
}"""

_CLEARANCE = """(selector) => {
    const target = document.querySelector(selector);
    const header = document.querySelector(".site-header").getBoundingClientRect();
    return {
        focused: document.activeElement === target,
        top: target.getBoundingClientRect().top,
        headerBottom: header.bottom,
    };
}"""


def _assert_focus_clears_the_header(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(_BEFORE_TARGET, selector)
    page.keyboard.press("Tab")
    where = page.evaluate(_CLEARANCE, selector)
    assert where["focused"], f"Tab did not reach {selector}"
    assert where["top"] >= where["headerBottom"], (
        f"{selector} focused under the sticky header at {page.viewport_size['width']} px: "
        f"its top {where['top']:.0f} px, the header's bottom {where['headerBottom']:.0f} px"
    )


def test_profile_step_links_have_a_name_on_a_phone(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    graduate = factories.GraduateProfileFactory()
    _login(page, graduate.user.email)
    page.set_viewport_size(PHONE)
    page.goto("/graduate/profile/basics/")
    steps = page.get_by_role("navigation", name="Profile steps").get_by_role("link")
    titles = page.locator(".step-list .step-title").all_text_contents()
    assert len(titles) > 5
    for link, title in zip(steps.all(), titles, strict=True):
        expect(link).to_have_accessible_name(title.strip())
    # Only the current step's title is drawn on a phone; the others are for screen readers.
    expect(page.locator(".step-list .is-current .step-title")).to_be_visible()
    assert (
        page.locator(".step-list li:not(.is-current) .step-title").first.bounding_box()["width"]
        <= 1
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_focused_fields_stay_clear_of_the_sticky_header(browser_page, viewport):  # type: ignore[no-untyped-def]
    page = browser_page
    posting = factories.JobPostingFactory(title="Etch process engineer")
    for number in range(3):
        factories.JobPostingFactory(employer=posting.employer, title=f"Process engineer {number}")
    member = factories.EmployerMemberFactory(employer=posting.employer)
    graduate = factories.GraduateProfileFactory()
    page.set_viewport_size(viewport)

    page.goto("/jobs/")
    _assert_focus_clears_the_header(page, ".job-list li:nth-child(2) h2 a")

    _login(page, graduate.user.email)
    page.goto("/graduate/profile/basics/")
    for selector in ("#id_nationality", "#id_current_visa", "#id_headline"):
        _assert_focus_clears_the_header(page, selector)
    page.goto("/graduate/profile/skills/")
    _assert_focus_clears_the_header(page, "#id_skills-1-name")

    page.context.clear_cookies()
    _login(page, member.user.email)
    page.goto(f"/employer/postings/{posting.pk}/candidates/")
    _assert_focus_clears_the_header(page, "#id_min_topik")


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


_RING = """() => {
    const style = getComputedStyle(document.activeElement);
    const card = getComputedStyle(document.activeElement.closest(".card") || document.body);
    return {
        id: document.activeElement.id,
        style: style.outlineStyle, width: parseFloat(style.outlineWidth),
        colour: style.outlineColor, around: card.backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
    };
}"""


def test_a_focused_field_has_a_ring_of_3_to_1(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    graduate = factories.GraduateProfileFactory()
    _login(page, graduate.user.email)
    page.goto("/graduate/profile/basics/")
    page.evaluate(_BEFORE_TARGET, "#id_nationality")
    for _ in range(3):  # a select, a date field, a text field
        page.keyboard.press("Tab")
        ring = page.evaluate(_RING)
        assert ring["style"] == "solid" and ring["width"] >= 2, ring
        assert _contrast(ring["colour"], ring["around"]) >= 3, ring
        assert _contrast(ring["colour"], ring["page"]) >= 3, ring


_MARK = "(selector) => { document.querySelector(selector).keptNode = true; }"
_KEPT = "(selector) => document.querySelector(selector).keptNode === true"


def test_job_search_count_is_updated_in_place(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    factories.JobPostingFactory(title="Etch process engineer")
    factories.JobPostingFactory(title="Welding inspector")
    page.goto("/jobs/")
    count = page.locator("#result-count")
    expect(count).to_have_attribute("role", "status")
    expect(count).to_contain_text("2 open jobs")
    page.evaluate(_MARK, "#result-count")
    page.fill("#id_q", "welding")
    page.press("#id_q", "Enter")
    expect(count).to_contain_text("1 open job")
    expect(page.locator(".job-card")).to_have_count(1)
    assert page.evaluate(_KEPT, "#result-count"), "the live region was replaced, not updated"
    expect(page.locator("#result-count")).to_have_count(1)


@pytest.fixture
def rules():  # type: ignore[no-untyped-def]
    visa_rules_load()
    rules_snapshot_cache_clear()
    yield
    rules_snapshot_cache_clear()


@pytest.mark.usefixtures("rules")
def test_what_if_status_is_updated_in_place(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    graduate = factories.GraduateProfileFactory(topik_level=3)
    _login(page, graduate.user.email)
    page.goto("/visas/mine/")
    status = page.locator("#whatif-status")
    expect(status).to_have_attribute("role", "status")
    page.evaluate(_MARK, "#whatif-status")
    page.select_option("#id_topik", "5")
    expect(status).to_contain_text("With TOPIK 5")
    assert page.evaluate(_KEPT, "#whatif-status"), "the live region was replaced, not updated"
    expect(page.locator("#whatif-status")).to_have_count(1)


def test_job_search_form_comes_before_the_results(browser_page):  # type: ignore[no-untyped-def]
    page = browser_page
    for number in range(3):
        factories.JobPostingFactory(title=f"Process engineer {number}")
    page.set_viewport_size(PHONE)
    page.goto("/jobs/")
    page.locator("#main").focus()
    first = None
    for _ in range(30):
        page.keyboard.press("Tab")
        first = page.evaluate(
            "() => document.activeElement.id === 'id_q' ? 'search'"
            " : document.activeElement.closest('.job-card') ? 'result' : null"
        )
        if first:
            break
    assert first == "search", "on a phone a job link comes before the search field in tab order"
    # The form is drawn above the results on a phone and beside them (on the right) at 1280 px.
    form, results = page.locator(".search-form"), page.locator(".job-list")
    assert form.bounding_box()["y"] < results.bounding_box()["y"]
    page.set_viewport_size({"width": 1280, "height": 900})
    assert form.bounding_box()["x"] > results.bounding_box()["x"]
