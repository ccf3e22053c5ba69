"""Pages with a sidebar put it first in the page, so reading and tab order match what a phone
shows (the sidebar above the content); wider screens still draw it on the right."""

import pytest

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

_BOXES = """() => {
    const layout = document.querySelector(".layout-aside-first");
    const aside = layout.querySelector(":scope > aside");
    const main = layout.querySelector(":scope > :not(aside)");
    const a = aside.getBoundingClientRect(), m = main.getBoundingClientRect();
    return {asideFirst: !!(aside.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING),
            asideLeft: a.left, mainLeft: m.left, asideTop: a.top, mainTop: m.top};
}"""


def _check(page, path: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(path)
    wide = page.evaluate(_BOXES)
    assert wide["asideFirst"], path
    assert wide["asideLeft"] > wide["mainLeft"], (path, wide)  # drawn on the right
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    narrow = page.evaluate(_BOXES)
    assert narrow["asideTop"] < narrow["mainTop"], (path, narrow)  # drawn above, as read


def test_the_job_page_and_a_profile_step_read_in_the_order_they_are_drawn(browser_page):  # type: ignore[no-untyped-def]
    posting = factories.JobPostingFactory()
    _check(browser_page, f"/jobs/{posting.pk}/")
    user = factories.GraduateProfileFactory().user
    browser_page.goto("/accounts/login/")
    browser_page.fill("input[name=login]", user.email)
    browser_page.fill("input[name=password]", factories.PASSWORD)
    with browser_page.expect_navigation():
        browser_page.locator("main form button[type=submit]").click()
    _check(browser_page, "/graduate/profile/basics/")
