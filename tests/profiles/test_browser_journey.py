"""The graduate's whole journey in Debian's Chromium: sign up, verify the e-mail, build the
profile, upload a CV, see matches with reasons, apply, follow the application, download the data
and delete the account. Screenshots of the main pages go to test-artifacts/screenshots/."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from jobs.models import Application
from matching.services import match_run_request
from profiles.models import FieldOfStudy, GraduateProfile, UnmatchedSkill
from tests import factories
from tests.a11y import axe_check
from tests.profiles.factories import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
EMAIL = "mai.nguyen@example.com"
PASSWORD = "Seoul-bound engineer 2026!"


@pytest.fixture
def open_posting():
    """A verified employer's open posting asking for a skill the graduate will list, and a
    current matching run for the incremental updates to patch."""
    FieldOfStudy.objects.get_or_create(
        code="0714", defaults={"name": "Electronics and automation", "is_stem": True}
    )
    etch = factories.SkillFactory(name="Dry etching", name_ko="건식 식각")
    cmp_ = factories.SkillFactory(name="Chemical mechanical polishing")
    posting = factories.JobPostingFactory(title="Etch process engineer")
    factories.PostingSkillFactory(posting=posting, skill=etch, min_level=3)
    factories.PostingSkillFactory(posting=posting, skill=cmp_, min_level=2, requirement="nice")
    match_run_request()
    return posting


def _continue(page) -> None:
    page.get_by_role("button", name=re.compile(r"^Save and (continue|finish)$")).click()


def test_graduate_journey_from_sign_up_to_account_deletion(
    browser_page, live_server, open_posting, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    page = browser_page

    # 1. Sign up, verify the e-mail address from the link, land signed in.
    page.goto("/accounts/signup/?role=graduate")
    page.fill("#id_full_name", "Nguyen Thi Mai")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_agree_terms")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    axe_check(page)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/graduate/$"))  # verified and signed in
    axe_check(page)
    user = User.objects.get(email=EMAIL)
    assert sorted(user.consents.values_list("purpose", flat=True)) == ["privacy", "terms"]

    # 2. The guided profile, step by step.
    page.goto("/graduate/profile/basics/")
    page.select_option("#id_nationality", "VN")
    page.fill("#id_date_of_birth", "2000-04-12")
    page.fill("#id_headline", "Semiconductor process engineer")
    page.shot("profile-step-basics")
    _continue(page)

    expect(page).to_have_url(re.compile(r"/graduate/profile/education/$"))
    axe_check(page)
    page.select_option("#id_new-level", "bachelor")
    page.select_option("#id_new-field_of_study", label="0714 Electronics and automation")
    page.fill("#id_new-institution", "Hanoi University of Science and Technology")
    page.select_option("#id_new-country", "VN")
    page.fill("#id_new-graduation_year", "2023")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#list")).to_contain_text("Hanoi University of Science and Technology")
    _continue(page)

    expect(page).to_have_url(re.compile(r"/graduate/profile/skills/$"))
    axe_check(page)
    page.fill("#id_skills-0-name", "건식 식각")  # the Korean name resolves to Dry etching
    page.select_option("#id_skills-0-level", "4")
    page.fill("#id_skills-1-name", "Wafer whispering")  # matches nothing: kept for review
    page.shot("profile-step-skills")
    page.get_by_role("button", name="Save and add more rows").click()
    expect(page.get_by_text("Waiting for review")).to_be_visible()
    assert UnmatchedSkill.objects.filter(label="Wafer whispering").exists()
    _continue(page)

    expect(page).to_have_url(re.compile(r"/graduate/profile/languages/$"))
    axe_check(page)
    page.select_option("#id_topik_level", "3")
    _continue(page)
    expect(page).to_have_url(re.compile(r"/graduate/profile/experience/$"))
    axe_check(page)
    _continue(page)
    expect(page).to_have_url(re.compile(r"/graduate/profile/preferences/$"))
    axe_check(page)
    page.get_by_label("Semiconductors").check()
    page.fill("#id_min_salary_krw", "30000000")
    _continue(page)

    expect(page).to_have_url(re.compile(r"/graduate/profile/cv/$"))
    axe_check(page)
    cv = tmp_path / "Mai CV.pdf"
    cv.write_bytes(pdf_bytes(pages=2))
    page.set_input_files("#id_cv", str(cv))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Your current CV")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/graduate/profile/visibility/$"))
    axe_check(page)
    page.get_by_label("Verified employers may find my profile").check()
    _continue(page)

    # 3. The dashboard shows the match with its score, reasons and main gap.
    expect(page).to_have_url(re.compile(r"/graduate/$"))
    expect(page.get_by_role("link", name="Etch process engineer")).to_be_visible()
    expect(page.get_by_text("Dry etching: your level 4 meets the 3 asked")).to_be_visible()
    expect(page.get_by_text("Chemical mechanical polishing is missing")).to_be_visible()
    page.shot("dashboard")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_role("heading", name="Your best matches")).to_be_visible()
    page.shot("dashboard-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. Search, open the job, apply.
    page.goto("/jobs/?q=etch")
    expect(page.locator(".job-card .match-pill").first).to_be_visible()
    page.shot("job-search")
    page.get_by_role("link", name="Etch process engineer").click()
    expect(page).to_have_url(re.compile(rf"/jobs/{open_posting.pk}/$"))
    axe_check(page)
    expect(page.get_by_role("heading", name="How you match")).to_be_visible()
    page.shot("job-detail")
    page.fill("#id_cover_letter", "I ran dry etch tools for two years.")
    page.get_by_role("button", name="Apply now").click()
    expect(page).to_have_url(re.compile(r"/graduate/applications/\d+/$"))
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    axe_check(page)
    application = Application.objects.get(graduate__user__email=EMAIL)
    assert application.cover_letter == "I ran dry etch tools for two years."
    page.goto("/graduate/applications/")
    page.shot("applications")

    # 5. Download the data, then delete the account.
    page.goto("/graduate/account/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(download.value.path().read_text())
    assert data["account"]["email"] == EMAIL
    assert data["skills"][0]["skill"] == "Dry etching"
    assert data["applications"][0]["posting"] == "Etch process engineer"
    assert {c["purpose"] for c in data["consents"]} == {"terms", "privacy", "discovery"}

    profile = GraduateProfile.objects.get(user__email=EMAIL)
    storage, cv_name = profile.cv.storage, profile.cv.name
    page.get_by_role("link", name="Delete my account").click()
    page.fill("#id_password", PASSWORD)
    axe_check(page)
    page.check("#id_confirm")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Your account and everything in it are deleted.")).to_be_visible()
    assert not User.objects.filter(email=EMAIL).exists()
    assert not GraduateProfile.objects.filter(pk=profile.pk).exists()
    assert not storage.exists(cv_name)
