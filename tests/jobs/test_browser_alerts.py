"""Saved jobs and alerts in a real browser: a graduate saves a job from the search (htmx) and
finds it on the saved jobs page, saves a search with instant alerts, an employer publishes a
posting that fits it, and the graduate sees the alert among their notifications (tasks run
in-process, as in the test settings)."""

import pytest

from jobs.models import PostingStatus, SavedJob, SavedSearch
from notifications.models import Notification
from tests import factories
from tests.browser_sign_in import browser_sign_in

PASSWORD = factories.PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_saved_search_with_instant_alerts_hears_of_a_new_posting(browser_page, live_server):
    page = browser_page
    graduate = factories.GraduateProfileFactory(user__full_name="Nguyen Thi Lan").user
    member = factories.EmployerMemberFactory()
    company = member.employer
    factories.JobPostingFactory(employer=company, title="Etch process engineer", region="busan")
    draft = factories.JobPostingFactory(
        employer=company, title="Senior etch engineer", region="busan",
        status=PostingStatus.DRAFT, published_at=None,
    )  # fmt: skip
    factories.PostingSkillFactory(posting=draft)

    # 1. The graduate searches, saves a job from its card (htmx) and finds it saved.
    browser_sign_in(page, graduate.email)
    page.goto("/jobs/?q=etch&region=busan")
    page.get_by_role("button", name="Save job").first.click()
    page.get_by_role("button", name="Saved").first.wait_for()
    assert SavedJob.objects.filter(graduate__user=graduate).count() == 1
    page.goto("/graduate/")
    with page.expect_navigation():
        page.get_by_role("link", name="Saved jobs").click()
    assert "Etch process engineer" in page.locator("main").inner_text()
    page.shot("alerts-01-saved-jobs")

    # 2. Saves the search on screen with instant alerts.
    page.goto("/jobs/?q=etch&region=busan")
    page.locator("summary", has_text="Save this search").click()
    page.fill("input[name=name]", "Etch in Busan")
    page.select_option("select[name=frequency]", "instant")
    with page.expect_navigation():
        page.get_by_role("button", name="Save this search").click()
    search = SavedSearch.objects.get(graduate__user=graduate)
    assert search.filters == {"q": "etch", "region": "busan"} and search.frequency == "instant"
    page.goto("/graduate/saved/")
    with page.expect_navigation():
        page.get_by_role("link", name="Your saved searches and job alerts").click()
    assert "Etch in Busan" in page.locator("main").inner_text()
    page.shot("alerts-02-job-alerts")

    # 3. The employer publishes a posting that fits the search.
    context = page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    employer_page = context.new_page()
    employer_page.set_default_timeout(15_000)
    browser_sign_in(employer_page, member.user.email)
    employer_page.goto(f"/employer/postings/{draft.pk}/")
    with employer_page.expect_navigation():
        employer_page.get_by_role("button", name="Publish").click()
    context.close()

    # 4. The graduate sees the alert.
    alert = Notification.objects.get(user=graduate, kind="saved_search_alert")
    assert alert.params["postings"][0]["title"] == "Senior etch engineer"
    page.goto("/notifications/")
    text = page.locator("main").inner_text()
    assert "1 new job for your search “Etch in Busan”" in text
    page.shot("alerts-03-notification")
    assert "Senior etch engineer" in text and "%" not in text  # no match score on an alert
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Open").first.click()
    assert "sort=date" in page.url  # the saved search's results, newest first
    assert page.locator(".job-card h2").first.inner_text() == "Senior etch engineer"

    # 5. At phone width the pages still fit.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/graduate/alerts/", "/graduate/saved/", "/jobs/?q=etch"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    page.shot("alerts-04-phone")
