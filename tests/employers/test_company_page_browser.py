"""The company page in a real browser: an employer fills in the support for foreign hires and a
location, staff verify the company, its public page shows them with its open role, and a
graduate reaches that page from a job page. At 390 px wide nothing scrolls sideways."""

import pytest

from employers.models import CompanyLocation, Employer, VerificationStatus
from tests import factories
from tests.browser_sign_in import browser_sign_in

PASSWORD = factories.PASSWORD


def _person(page, live_server, *, width: int = 1280):
    """Another person at another computer (a browser context with its own cookies)."""
    context = page.context.browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    other = context.new_page()
    other.set_default_timeout(15_000)
    return context, other


def _fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def _staff_verify(page, live_server, *, employer: Employer, staff) -> None:
    context, staff_page = _person(page, live_server)
    staff_page.goto(f"/admin/login/?next=/admin/employers/employer/{employer.pk}/change/")
    staff_page.fill("input[name=login]", staff.email)
    staff_page.fill("input[name=password]", PASSWORD)
    with staff_page.expect_navigation():
        staff_page.locator("form button[type=submit]").last.click()
    staff_page.fill("input[name=code]", factories.totp_code(staff.totp_secret))
    with staff_page.expect_navigation():
        staff_page.press("input[name=code]", "Enter")
    staff_page.select_option("select[name=verification_status]", "verified")
    staff_page.fill("textarea[name=verification_note]", "Checked with the NTS registry.")
    with staff_page.expect_navigation():
        staff_page.locator("input[name=_save]").click()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_employer_describes_support_staff_verify_and_a_graduate_finds_the_company_page(
    browser_page, live_server
):
    page = browser_page
    owner = factories.EmployerMemberFactory(
        employer__unverified=True,
        employer__name="Pyeongtaek Wafer Works",
        user__full_name="Lee Jiwoo",
    )
    employer = owner.employer
    posting = factories.JobPostingFactory(employer=employer, title="Wafer test engineer")
    graduate = factories.GraduateProfileFactory(user__full_name="Tran Van Minh")
    staff = factories.StaffFactory()

    # 1. The owner fills in the support for foreign hires and two locations, no JavaScript needed.
    browser_sign_in(page, owner.user.email)
    page.goto("/employer/company/")
    assert "appears once staff verify" in page.content()
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.select_option("select[name=housing_support]", "company_housing")
    page.select_option("select[name=visa_support]", "handles")
    page.select_option("select[name=korean_classes]", "true")
    page.select_option("select[name=relocation_support]", "false")
    page.fill("textarea[name=support_notes]", "Dormitory rooms for the first year.")
    page.fill("input[name=locations-0-city]", "Pyeongtaek")
    page.select_option("select[name=locations-0-region]", "gyeonggi")
    page.fill("input[name=locations-0-label]", "Plant")
    page.shot("company-01-edit-support")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and add another location").click()
    assert page.locator("input[name=locations-0-city]").input_value() == "Pyeongtaek"
    page.fill("input[name=locations-1-city]", "Seoul")
    page.select_option("select[name=locations-1-region]", "seoul")
    page.fill("input[name=locations-1-label]", "Head office")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "The company profile is saved." in page.content()
    assert list(
        CompanyLocation.objects.filter(employer=employer).values_list("city", flat=True)
    ) == [
        "Pyeongtaek",
        "Seoul",
    ]

    # 2. Not verified yet: the public page does not exist.
    public_url = f"/companies/{employer.pk}/"
    assert page.goto(public_url).status == 404

    # 3. Staff verify it; the owner follows the link to the public page.
    _staff_verify(page, live_server, employer=employer, staff=staff)
    assert Employer.objects.get(pk=employer.pk).verification_status == VerificationStatus.VERIFIED
    page.goto("/employer/company/")
    with page.expect_navigation():
        page.get_by_role("link", name="See your public page").click()
    assert page.url.endswith(public_url)
    support = page.locator(".support-facts")
    for words in (
        "Company housing or dormitory",
        "Handles the visa sponsorship paperwork",
        "Korean classes offered",
        "No relocation support",
    ):
        assert support.get_by_text(words).is_visible()
    sites = page.locator(".company-sites")
    assert sites.get_by_text("Pyeongtaek, Gyeonggi").is_visible()
    assert sites.get_by_text("Head office").is_visible()
    assert page.get_by_role("link", name="Wafer test engineer").is_visible()
    page.shot("company-02-public-page-1280")

    # 4. A graduate on a phone finds the job, then the company from the job page.
    context, phone = _person(page, live_server, width=390)
    browser_sign_in(phone, graduate.user.email)
    phone.goto(f"/jobs/{posting.pk}/")
    with phone.expect_navigation():
        phone.locator(".employer-line").get_by_role("link", name="Pyeongtaek Wafer Works").click()
    assert phone.url.endswith(public_url)
    assert phone.get_by_role("heading", name="Support for foreign hires").is_visible()
    assert phone.locator(".support-facts").get_by_text("Korean classes offered").is_visible()
    assert _fits(phone, 390)
    phone.screenshot(
        path="test-artifacts/screenshots/company-03-public-page-390.png", full_page=True
    )

    # 5. The directory lists it under its industry and a site's region, on a phone too.
    phone.goto("/companies/")
    phone.select_option("select[name=region]", "seoul")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Show companies").click()
    assert phone.get_by_role("link", name="Pyeongtaek Wafer Works").is_visible()
    assert _fits(phone, 390)
    phone.screenshot(path="test-artifacts/screenshots/company-04-directory-390.png", full_page=True)
    context.close()
    page.goto("/companies/")
    assert _fits(page, 1280)
    page.shot("company-05-directory-1280")
