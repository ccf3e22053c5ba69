"""A partner's access from staff approval to its first sync, in Debian's Chromium: staff approve
the organisation in the admin and read its client credentials once; its server gets a token
with them (no browser); a graduate chooses to share on their page; the partner's feed then
holds the graduate, and after the graduate stops, says so."""

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser_sign_in import browser_sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_approve_a_partner_and_a_graduates_choice_reaches_its_feed(
    browser_page, live_server
) -> None:
    page = browser_page
    partner = factories.PartnerFactory(name="Mekong Polytechnic Career Centre")
    staff = factories.StaffFactory()
    graduate = factories.GraduateProfileFactory(user__full_name="Tran Van Minh")

    browser_sign_in(page, staff.email, staff.totp_secret)
    page.goto("/admin/partners/partner/")
    page.get_by_role("row").filter(has_text=partner.name).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("approve")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    message = page.locator(".messagelist").inner_text()
    found = re.search(r"client id (\S+), client secret (\S+) \(shown this once", message)
    assert found, message
    page.shot("partner-approved-in-admin")
    client_id, secret = found.groups()

    def token() -> httpx.Response:
        return httpx.post(
            f"{live_server.url}/o/token/",
            data={"grant_type": "client_credentials"},
            auth=(client_id, secret),
        )

    answer = token()
    assert answer.status_code == 200, answer.text
    feed = httpx.get(
        f"{live_server.url}/api/v1/partner/graduates/",
        headers={"Authorization": f"Bearer {answer.json()['access_token']}"},
    )
    assert feed.status_code == 200 and feed.json()["results"] == []

    page.context.clear_cookies()
    browser_sign_in(page, graduate.user.email)
    page.goto("/graduate/account/")
    page.get_by_role("link", name=re.compile("Share with partners")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share with partners")
    page.get_by_role("button", name=f"Share my profile with {partner.name}").click()
    expect(page.get_by_text("You now share your profile with")).to_be_visible()
    page.shot("graduate-shares-with-partner")

    headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    [item] = httpx.get(f"{live_server.url}/api/v1/partner/graduates/", headers=headers).json()[
        "results"
    ]
    assert (item["sharing"], item["graduate"]["full_name"]) == (True, "Tran Van Minh")

    page.get_by_role("button", name=f"Stop sharing with {partner.name}").click()
    expect(page.get_by_text("You no longer share your profile with")).to_be_visible()
    [item] = httpx.get(f"{live_server.url}/api/v1/partner/graduates/", headers=headers).json()[
        "results"
    ]
    assert (item["sharing"], item["graduate"]) == (False, None)
