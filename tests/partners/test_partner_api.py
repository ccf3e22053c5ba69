"""Partners through the API as their software would use it: client credentials for an access
token at /o/token/ (no browser), the graduates who share with the partner and their
applications as change feeds, and access that ends when it should (suspension, renewed
credentials, a graduate who stops sharing or deletes their account, a missing scope)."""

import base64
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from accounts.token_services import api_token_create
from jobs.services import application_submit
from partners.models import Partner
from partners.services import (
    ClientCredentials,
    partner_approve,
    partner_credentials_renew,
    partner_share_grant,
    partner_share_withdraw,
    partner_suspend,
)
from portal.account.deletion import graduate_account_delete_everywhere
from profiles.models import GraduateProfile
from profiles.services import graduate_preferences_update
from tests.factories import (
    GraduateProfileFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PartnerFactory,
    ready_to_apply,
)

pytestmark = pytest.mark.django_db


def _token(credentials: ClientCredentials, scope: str = "") -> tuple[int, dict[str, Any]]:
    basic = base64.b64encode(f"{credentials.client_id}:{credentials.client_secret}".encode())
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    answer = Client().post("/o/token/", form, HTTP_AUTHORIZATION=f"Basic {basic.decode()}")
    return answer.status_code, answer.json()


def _api(access_token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access_token}")
    return api


@pytest.fixture
def approved(staff: User) -> tuple[Partner, ClientCredentials]:
    partner = PartnerFactory()
    return partner, partner_approve(partner=partner, by=staff)


@pytest.fixture
def partner_api(approved: tuple[Partner, ClientCredentials]) -> APIClient:
    status, body = _token(approved[1])
    assert status == 200, body
    return _api(body["access_token"])


def _sharing(partner: Partner) -> GraduateProfile:
    graduate = GraduateProfileFactory(nationality="VN", topik_level=3)
    GraduateSkillFactory(profile=graduate, level=4)
    partner_share_grant(graduate=graduate, partner=partner)
    return graduate


def test_client_credentials_give_an_hours_token_with_every_scope(approved):
    status, body = _token(approved[1])
    assert status == 200
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert set(body["scope"].split()) == {"graduates:read", "webhooks", "analytics:read"}
    answer = _api(body["access_token"]).get("/api/v1/partner/")
    assert answer.status_code == 200
    assert answer.json()["name"] == approved[0].name
    assert answer.json()["scopes"] == ["analytics:read", "graduates:read", "webhooks"]


def test_a_wrong_secret_and_a_pending_partner_get_no_token(approved, staff):
    credentials = approved[1]
    assert _token(ClientCredentials(credentials.client_id, "not-the-secret"))[0] == 401
    assert PartnerFactory().application is None  # pending: nothing to ask with


def test_the_shared_graduates_feed_shows_only_who_shares_and_what_they_share(approved, partner_api):
    partner = approved[0]
    shared = _sharing(partner)
    GraduateProfileFactory()  # shares with nobody
    _sharing(PartnerFactory(status="approved"))  # shares with another partner only
    answer = partner_api.get("/api/v1/partner/graduates/")
    assert answer.status_code == 200
    [item] = answer.json()["results"]
    assert (item["graduate_id"], item["sharing"]) == (shared.pk, True)
    graduate = item["graduate"]
    assert graduate["email"] == shared.user.email
    assert (graduate["nationality"], graduate["topik_level"]) == ("VN", 3)
    assert [s["level"] for s in graduate["skills"]] == [4]
    assert "cv" not in graduate and "phone" not in graduate and "date_of_birth" not in graduate


def test_a_graduate_who_stops_sharing_is_reported_once_more_without_a_profile(
    approved, partner_api
):
    partner = approved[0]
    shared = _sharing(partner)
    first = partner_api.get("/api/v1/partner/graduates/").json()["results"][0]
    partner_share_withdraw(graduate=shared, partner=partner)
    after = partner_api.get("/api/v1/partner/graduates/", {"updated_since": first["updated_at"]})
    [item] = after.json()["results"]
    assert (item["graduate_id"], item["sharing"], item["graduate"]) == (shared.pk, False, None)


def test_a_deleted_account_is_reported_as_no_longer_shared(approved, partner_api):
    shared = _sharing(approved[0])
    number = shared.pk
    graduate_account_delete_everywhere(user=shared.user)
    [item] = partner_api.get("/api/v1/partner/graduates/").json()["results"]
    assert (item["graduate_id"], item["sharing"], item["graduate"]) == (number, False, None)
    assert not GraduateProfile.objects.filter(pk=number).exists()


def test_a_profile_edit_brings_the_graduate_back_into_the_feed(approved, partner_api):
    shared = _sharing(approved[0])
    first = partner_api.get("/api/v1/partner/graduates/").json()["results"][0]
    since = {"updated_since": first["updated_at"]}
    assert partner_api.get("/api/v1/partner/graduates/", since).json()["results"] == []
    graduate_preferences_update(profile=shared, topik_level=5)
    [again] = partner_api.get("/api/v1/partner/graduates/", since).json()["results"]
    assert again["graduate"]["topik_level"] == 5


def test_applications_of_sharing_graduates_only_while_they_share(approved, partner_api):
    partner = approved[0]
    shared = ready_to_apply(_sharing(partner))
    other = ready_to_apply(GraduateProfileFactory())
    posting = JobPostingFactory()
    mine = application_submit(graduate=shared, posting=posting, cover_letter="Hello")
    application_submit(graduate=other, posting=posting, cover_letter="Hello")
    [item] = partner_api.get("/api/v1/partner/applications/").json()["results"]
    assert (item["id"], item["graduate_id"], item["status"]) == (mine.pk, shared.pk, "applied")
    assert item["company"] == posting.employer.name and "cover_letter" not in item
    partner_share_withdraw(graduate=shared, partner=partner)
    assert partner_api.get("/api/v1/partner/applications/").json()["results"] == []


def test_the_feed_pages_by_cursor_without_repeating(approved, partner_api):
    partner = approved[0]
    for _ in range(3):
        _sharing(partner)
    seen, page = [], "/api/v1/partner/graduates/?page_size=2"
    while page:
        body = partner_api.get(page).json()
        seen += [item["graduate_id"] for item in body["results"]]
        page = body["next"]
    assert len(seen) == 3 == len(set(seen))


def test_suspension_ends_the_token_and_the_credentials_at_once(approved, partner_api, staff):
    partner, credentials = approved
    partner_suspend(partner=partner)
    assert partner_api.get("/api/v1/partner/").status_code == 401
    assert _token(credentials)[0] == 401
    renewed = partner_approve(partner=partner, by=staff)  # approved again: new credentials
    assert _token(credentials)[0] == 401 and _token(renewed)[0] == 200


def test_renewed_credentials_end_the_old_ones_and_their_tokens(approved, partner_api, staff):
    partner, credentials = approved
    renewed = partner_credentials_renew(partner=partner, by=staff)
    assert partner_api.get("/api/v1/partner/").status_code == 401
    assert _token(credentials)[0] == 401
    assert _token(renewed)[0] == 200


def test_a_token_without_the_scope_is_refused(approved):
    status, body = _token(approved[1], scope="graduates:read")
    assert status == 200 and body["scope"] == "graduates:read"
    api = _api(body["access_token"])
    assert api.get("/api/v1/partner/graduates/").status_code == 200
    assert api.get("/api/v1/partner/webhooks/").status_code == 403


def test_tokens_do_not_cross_between_people_and_partners(approved, partner_api, graduate):
    key = api_token_create(user=graduate, name="mine").key
    assert _api(key).get("/api/v1/partner/").status_code == 401  # a person's key
    assert partner_api.get("/api/v1/graduate/applications/").status_code == 401
    assert _api("made-up-token").get("/api/v1/partner/").status_code == 401
    assert APIClient().get("/api/v1/partner/").status_code == 401


def test_the_token_goes_in_the_header_only(approved):
    body = _token(approved[1])[1]
    answer = APIClient().get(f"/api/v1/partner/?access_token={body['access_token']}")
    assert answer.status_code == 401


def test_a_graduate_chooses_partners_to_share_with(approved, graduate):
    partner = approved[0]
    PartnerFactory()  # pending: not offered
    api = APIClient()
    api.force_authenticate(graduate)
    [offered] = api.get("/api/v1/graduate/partners/").json()["results"]
    assert (offered["id"], offered["sharing"]) == (partner.pk, False)
    shared = api.put(f"/api/v1/graduate/partners/{partner.pk}/share/", {"sharing": True})
    assert shared.status_code == 200 and shared.json()["sharing"] is True
    assert partner.shares.get().is_live
    stopped = api.put(f"/api/v1/graduate/partners/{partner.pk}/share/", {"sharing": False})
    assert stopped.json()["sharing"] is False and not partner.shares.get().is_live
    pending = PartnerFactory()
    refused = api.put(f"/api/v1/graduate/partners/{pending.pk}/share/", {"sharing": True})
    assert refused.status_code == 404
