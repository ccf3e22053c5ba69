"""In a real browser: the catalogue's filters, and the plan's objective toggle (htmx)."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import PASSWORD
from tests.training.conftest import World

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_catalogue_filters_and_the_plan_toggle(browser_page, world: World, graduate: User) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto("/training/")
    page.fill("input[name=q]", "plasma")
    page.click("text=Show courses")
    cards = page.locator(".course-card h2")
    # by title, and by a taught skill's name (Fab automation teaches plasma engineering)
    assert sorted(cards.all_inner_texts()) == [
        "Fab automation",
        "Plasma awareness",
        "Plasma basics",
    ]
    page.shot("training-catalogue-search")

    page.goto("/accounts/login/")
    page.fill("input[name=login]", graduate.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.goto(f"/training/plan/{world.posting.pk}/")
    table = page.locator("#plan table")
    assert "Plasma basics" in table.inner_text()
    page.click("text=Lowest cost")
    # A locator, not wait_for_function: the page's CSP allows no eval, Playwright's included.
    expect(page.locator("#plan table")).to_contain_text("Fab automation")
    assert "Plasma basics" not in page.locator("#plan table").inner_text()
    assert page.url.endswith(f"/training/plan/{world.posting.pk}/")  # swapped in place
    page.shot("training-plan-lowest-cost")
