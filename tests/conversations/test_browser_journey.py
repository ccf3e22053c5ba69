"""A conversation both ways in a real browser: the graduate writes from their application's
page, the company's member sees the unread thread, opens it and replies, and the graduate sees
the reply while the unread marker clears. Also at phone width, without horizontal scrolling."""

import pytest

from tests import factories
from tests.a11y import axe_check
from tests.browser_sign_in import browser_sign_in

PASSWORD = factories.PASSWORD


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_conversation_both_ways(browser_page, live_server):
    member = factories.EmployerMemberFactory(user__full_name="Kim Minji")
    posting = factories.JobPostingFactory(employer=member.employer, title="Etch process engineer")
    profile = factories.GraduateProfileFactory(user__full_name="Nguyen Thi Lan")
    application = factories.ApplicationFactory(graduate=profile, posting=posting)

    # 1. The graduate writes from the application's page (htmx swaps the thread in place).
    graduate_page = browser_page
    browser_sign_in(graduate_page, profile.user.email)
    graduate_page.goto(f"/graduate/applications/{application.pk}/")
    graduate_page.get_by_label("Your message").fill("Is the role open to new graduates?")
    graduate_page.get_by_role("button", name="Send").click()
    thread = graduate_page.locator("#thread .thread-messages")
    thread.get_by_text("Is the role open to new graduates?").wait_for()
    assert graduate_page.get_by_label("Your message").input_value() == ""
    graduate_page.shot("conversation-graduate-wrote")

    # 2. The company's member sees one unread thread, opens it and replies.
    context = graduate_page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    employer_page = context.new_page()
    employer_page.set_default_timeout(15_000)
    browser_sign_in(employer_page, member.user.email)
    employer_page.goto("/employer/messages/")
    assert employer_page.locator(".nav-messages-unread").first.inner_text().startswith("1")
    employer_page.get_by_role("link", name="Nguyen Thi Lan · Etch process engineer").click()
    employer_page.get_by_text("Is the role open to new graduates?").wait_for()
    axe_check(employer_page)
    assert employer_page.locator(".nav-messages-unread").count() == 0
    employer_page.get_by_label("Your message").fill("Yes. Could you talk on Monday at 10:00 KST?")
    employer_page.get_by_role("button", name="Send").click()
    employer_page.locator(".thread-messages").get_by_text("Could you talk on Monday").wait_for()
    employer_page.set_viewport_size({"width": 390, "height": 844})
    employer_page.goto(f"/employer/applications/{application.pk}/")
    employer_page.locator("#thread").get_by_text("Could you talk on Monday").wait_for()
    assert _fits(employer_page)
    employer_page.screenshot(path="test-artifacts/screenshots/conversation-employer-390.png")
    context.close()

    # 3. The graduate sees the reply marked unread, opens it, and the marker clears.
    graduate_page.goto("/graduate/")
    assert graduate_page.locator(".nav-messages-unread").first.inner_text().startswith("1")
    graduate_page.get_by_role("link", name="Messages").click()
    inbox_item = graduate_page.locator(".inbox-item.is-unread")
    assert "1 unread" in inbox_item.inner_text()
    inbox_item.get_by_role("link").click()
    graduate_page.get_by_text("Could you talk on Monday at 10:00 KST?").wait_for()
    axe_check(graduate_page)
    assert graduate_page.locator(".nav-messages-unread").count() == 0
    graduate_page.goto("/graduate/messages/")
    assert graduate_page.locator(".inbox-item.is-unread").count() == 0

    # 4. At phone width the thread and its form fit the screen.
    graduate_page.set_viewport_size({"width": 390, "height": 844})
    graduate_page.goto(f"/graduate/applications/{application.pk}/")
    assert _fits(graduate_page)
    graduate_page.shot("conversation-graduate-390")
