"""The employer's whole journey in a real browser: sign up, verify the e-mail, register the
company, staff verify it in the admin, post a role with skills, see ranked candidates with
explanations, receive an application, move it to interview with a message, and the graduate
sees the new status."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from employers.models import Employer
from jobs.models import Application, JobPosting
from jobs.services import application_submit
from matching.services import match_run_request
from tests import factories
from tests.a11y import axe_check
from tests.browser_sign_in import browser_sign_in

PASSWORD = factories.PASSWORD


def _new_context(page, live_server):
    """A second browser context (its own cookies): another person at another computer."""
    context = page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    other.shot = lambda name: other.screenshot(
        path=f"test-artifacts/screenshots/{name}.png", full_page=True
    )
    return context, other


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_employer_journey_from_sign_up_to_interview(browser_page, live_server):
    page = browser_page
    # Graduates with the skills the role will need, and a current matching run.
    etching = factories.SkillFactory(name="Plasma etching")
    metrology = factories.SkillFactory(name="Wafer metrology")
    strong = factories.GraduateProfileFactory(user__full_name="Nguyen Thi Lan")
    factories.GraduateSkillFactory(profile=strong, skill=etching, level=4)
    factories.GraduateSkillFactory(profile=strong, skill=metrology, level=4)
    partial = factories.GraduateProfileFactory(user__full_name="Budi Santoso", nationality="ID")
    factories.GraduateSkillFactory(profile=partial, skill=metrology, level=3)
    staff = factories.StaffFactory()
    match_run_request()

    # 1. Sign up as an employer member and verify the e-mail address.
    page.goto("/accounts/signup/?role=employer")
    page.fill("input[name=full_name]", "Kim Minji")
    page.fill("input[name=email]", "minji.kim@hanbit.example")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    if page.locator("input[name=agree_terms]").count():
        page.check("input[name=agree_terms]")
    assert page.locator("input[name=role][value=employer]").is_checked()
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()

    # 2. Register the company: pending until staff verify it.
    page.goto("/employer/")
    page.get_by_role("link", name="Set up company profile").click()
    page.fill("input[name=name]", "Hanbit Semitech")
    axe_check(page)
    page.fill("input[name=name_ko]", "한빛세미텍")
    page.fill("input[name=business_registration_number]", factories.valid_brn(777))
    page.select_option("select[name=industry]", "semiconductors")
    page.select_option("select[name=size_class]", "mid")
    page.select_option("select[name=region]", "gyeonggi")
    page.shot("employer-01-company-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Register the company").click()
    assert "Pending verification" in page.content()
    page.shot("employer-02-dashboard-pending")
    employer = Employer.objects.get(name="Hanbit Semitech")

    # 3. A staff member verifies the company in the admin, with a note.
    staff_context, staff_page = _new_context(page, live_server)
    # The admin's sign-in is the site's (rate-limited), and it returns to the page asked for.
    staff_page.goto(f"/admin/login/?next=/admin/employers/employer/{employer.pk}/change/")
    assert "/accounts/login/" in staff_page.url
    staff_page.fill("input[name=login]", staff.email)
    staff_page.fill("input[name=password]", PASSWORD)
    with staff_page.expect_navigation():
        staff_page.locator("form button[type=submit]").last.click()
    # Staff sign in with a second step: the authenticator app's code.
    staff_page.fill("input[name=code]", factories.totp_code(staff.totp_secret))
    with staff_page.expect_navigation():
        staff_page.press("input[name=code]", "Enter")
    staff_page.select_option("select[name=verification_status]", "verified")
    staff_page.fill("textarea[name=verification_note]", "Checked with the NTS registry.")
    with staff_page.expect_navigation():
        staff_page.locator("input[name=_save]").click()
    staff_context.close()
    employer.refresh_from_db()
    assert employer.is_verified and employer.verified_by == staff
    assert employer.verification_note == "Checked with the NTS registry."

    # 4. Post a role with skills and publish it.
    page.goto("/employer/postings/new/")
    page.fill("input[name=title]", "Etch process engineer")
    page.fill("textarea[name=description]", "## The role\nRun **plasma etch** on a 300 mm line.")
    page.fill("input[name=salary_min_krw]", "38000000")
    page.fill("input[name=salary_max_krw]", "48000000")
    page.select_option("select[name=region]", "gyeonggi")
    page.fill("input[name=skills-0-skill]", "Plasma etching")
    page.select_option("select[name=skills-0-min_level]", "3")
    page.fill("input[name=skills-1-skill]", "Wafer metrology")
    page.select_option("select[name=skills-1-requirement]", "nice")
    page.shot("employer-03-posting-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()
    assert "The posting is published." in page.content()
    page.shot("employer-04-posting-published")
    posting = JobPosting.objects.get(title="Etch process engineer")
    assert posting.is_public

    # 5. Ranked candidates with their explanations.
    with page.expect_navigation():
        page.get_by_role("link", name="Ranked candidates").first.click()
    cards = page.locator(".candidate-card")
    assert cards.count() == 2
    assert "Nguyen Thi Lan" in cards.nth(0).inner_text()
    assert "Budi Santoso" in cards.nth(1).inner_text()
    assert "Plasma etching – missing, level 3 asked" in cards.nth(1).inner_text()  # the gap
    page.shot("employer-05-ranked-candidates")

    # 6. An application arrives; move it to interview with a message.
    application = application_submit(
        graduate=factories.ready_to_apply(strong),
        posting=posting,
        cover_letter="I ran etch tools for two years.",
    )
    page.goto("/employer/")
    assert "1" in page.locator(".figure").nth(2).inner_text()
    page.goto(f"/employer/postings/{posting.pk}/applications/")
    page.shot("employer-06-pipeline")
    page.get_by_role("link", name="Nguyen Thi Lan").click()
    # A rejection without its reason is refused: announced, and the title says so.
    page.select_option("select[name=to_status]", "rejected")
    with page.expect_navigation():
        page.get_by_role("button", name="Move").click()
    expect(page.get_by_role("alert")).to_contain_text("Give a reason")
    assert page.title().startswith("Error: ")
    axe_check(page, force=True)
    page.select_option("select[name=to_status]", "interview")
    page.fill("textarea[name=note]", "Strong etch background")
    page.fill("textarea[name=message]", "Please join us for an interview on Tuesday at 10:00.")
    with page.expect_navigation():
        page.get_by_role("button", name="Move").click()
    assert page.locator("#application-status").inner_text() == "Interview"
    page.shot("employer-07-application-moved")
    assert Application.objects.get(pk=application.pk).status == "interview"

    # 7. The graduate sees the new status and the message.
    graduate_context, graduate_page = _new_context(page, live_server)
    browser_sign_in(graduate_page, strong.user.email)
    graduate_page.goto("/notifications/")
    text = graduate_page.content()
    assert "Etch process engineer is now: Interview" in text
    assert "Tuesday at 10:00" in text and "Strong etch" not in text
    graduate_page.shot("graduate-notification-interview")
    graduate_page.goto("/graduate/")
    assert "Interview" in graduate_page.locator("body").inner_text()
    graduate_context.close()
