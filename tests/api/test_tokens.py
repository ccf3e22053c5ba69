"""Personal API tokens: services, Bearer authentication, the account page and the API."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken, User
from accounts.token_services import (
    LIVE_TOKENS_MAX,
    api_token_create,
    api_token_hash,
    api_token_revoke,
)
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db

ME = "/api/v1/accounts/me/"
TOKENS = "/api/v1/accounts/tokens/"
PAGE = "/accounts/tokens/"


def _bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


# --- services ---------------------------------------------------------------------------------


def test_create_stores_only_the_hash_and_returns_the_key_once(graduate: User):
    created = api_token_create(user=graduate, name="Phone app")

    token = ApiToken.objects.get(pk=created.token.pk)
    assert created.key.startswith("tb_") and len(created.key) > 40
    assert token.key_hash == api_token_hash(created.key)
    assert created.key not in {token.key_hash, token.prefix, token.name}
    assert token.prefix == created.key[:8]


def test_two_live_tokens_cannot_share_a_name_but_a_revoked_name_can_be_reused(graduate: User):
    first = api_token_create(user=graduate, name="Job board")
    with pytest.raises(ValidationError) as error:
        api_token_create(user=graduate, name=" Job board ")
    assert "name" in error.value.message_dict

    api_token_revoke(token=first.token, by=graduate)
    assert api_token_create(user=graduate, name="Job board").token.is_live


def test_a_blank_name_and_too_many_live_tokens_are_refused(graduate: User):
    with pytest.raises(ValidationError):
        api_token_create(user=graduate, name="   ")
    for n in range(LIVE_TOKENS_MAX):
        api_token_create(user=graduate, name=f"t{n}")
    with pytest.raises(ValidationError):
        api_token_create(user=graduate, name="one too many")


def test_only_the_owner_revokes_and_revoking_twice_keeps_the_first_time(
    graduate: User, other_graduate: User
):
    token = api_token_create(user=graduate, name="x").token
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, by=other_graduate)
    api_token_revoke(token=token, by=graduate)
    first = token.revoked_at
    api_token_revoke(token=token, by=graduate)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first is not None


# --- authentication ---------------------------------------------------------------------------


def test_a_bearer_token_authenticates_its_user(graduate: User):
    key = api_token_create(user=graduate, name="x").key

    response = _bearer(key).get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == graduate.email
    assert response.json()["role"] == "graduate"


@pytest.mark.parametrize(
    "header",
    ["Bearer tb_not-a-real-key", "Bearer", "Bearer two words", "Bearer \xff"],
)
def test_a_bad_bearer_header_gives_401(graduate: User, header: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(ME)

    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_give_401_with_the_scheme_named(anon_api: APIClient):
    response = anon_api.get(ME)

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_is_refused(graduate: User):
    created = api_token_create(user=graduate, name="x")
    api_token_revoke(token=created.token, by=graduate)

    assert_error(_bearer(created.key).get(ME), 401, "authentication_failed")


def test_a_deactivated_users_token_is_refused(graduate: User):
    key = api_token_create(user=graduate, name="x").key
    User.objects.filter(pk=graduate.pk).update(is_active=False)

    assert_error(_bearer(key).get(ME), 401, "authentication_failed")


def test_last_used_is_written_at_most_once_a_minute(graduate: User):
    created = api_token_create(user=graduate, name="x")
    client = _bearer(created.key)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        client.get(ME)
    first = ApiToken.objects.get(pk=created.token.pk).last_used_at
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get(ME)
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == first == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get(ME)
    assert ApiToken.objects.get(pk=created.token.pk).last_used_at == start + timedelta(seconds=61)


def test_session_writes_need_the_csrf_token(graduate: User):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(graduate)

    response = client.post(TOKENS, {"name": "htmx"}, format="json")

    assert_error(response, 403, "permission_denied")
    assert "CSRF" in response.json()["error"]["message"]
    assert not ApiToken.objects.filter(user=graduate).exists()


def test_session_writes_with_the_csrf_token_pass(graduate: User):
    client = Client(enforce_csrf_checks=True)
    client.force_login(graduate)
    client.get(PAGE)  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        TOKENS, {"name": "htmx"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )

    assert response.status_code == 201


# --- the API ----------------------------------------------------------------------------------


@pytest.fixture
def signed_in_api(graduate: User) -> APIClient:
    """The API as the site's own pages call it: the graduate's session, no token."""
    client = APIClient()
    client.force_login(graduate)
    return client


def test_api_creates_lists_and_revokes_own_tokens(signed_in_api: APIClient, graduate: User):
    graduate_api = signed_in_api
    created = graduate_api.post(TOKENS, {"name": "Placement office"})
    assert created.status_code == 201
    body = created.json()
    assert body["key"].startswith(body["prefix"]) and body["is_live"]
    assert created["Cache-Control"] == "no-store"

    listed = graduate_api.get(TOKENS).json()
    names = [t["name"] for t in listed["results"]]
    assert "Placement office" in names
    assert all("key" not in t for t in listed["results"])

    assert graduate_api.delete(f"{TOKENS}{body['id']}/").status_code == 204
    assert not ApiToken.objects.get(pk=body["id"]).is_live
    assert_error(_bearer(body["key"]).get(ME), 401, "authentication_failed")


def test_api_create_reports_field_errors(signed_in_api: APIClient):
    graduate_api = signed_in_api
    assert_error(graduate_api.post(TOKENS, {}), 400, "validation_error", "name")
    graduate_api.post(TOKENS, {"name": "dup"})
    body = assert_error(graduate_api.post(TOKENS, {"name": "dup"}), 400, "validation_error")
    assert body["fields"]["name"] == ["You already have a live token with this name."]


def test_another_users_token_is_not_found(
    graduate_api: APIClient, other_graduate: User, employer_api: APIClient
):
    other = api_token_create(user=other_graduate, name="theirs").token

    assert_error(graduate_api.delete(f"{TOKENS}{other.pk}/"), 404, "not_found")
    assert_error(employer_api.delete(f"{TOKENS}{other.pk}/"), 404, "not_found")
    assert other.pk not in [t["id"] for t in graduate_api.get(TOKENS).json()["results"]]
    assert ApiToken.objects.get(pk=other.pk).is_live


def test_anonymous_cannot_list_or_create_tokens(anon_api: APIClient):
    assert_error(anon_api.get(TOKENS), 401, "not_authenticated")
    assert_error(anon_api.post(TOKENS, {"name": "x"}), 401, "not_authenticated")


# --- the account page -------------------------------------------------------------------------


def test_page_needs_login(client: Client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_page_creates_a_token_and_shows_the_key_once(graduate_client: Client, graduate: User):
    response = graduate_client.post(PAGE, {"action": "create", "name": "<b>Mobile</b>"})

    assert response.status_code == 200
    token = ApiToken.objects.get(user=graduate)
    key = response.context["created"].key
    assert token.key_hash == api_token_hash(key)
    html = response.content.decode()
    assert key in html
    assert "&lt;b&gt;Mobile&lt;/b&gt;" in html and "<b>Mobile</b>" not in html
    assert response["Cache-Control"] == "no-store"
    assert key not in graduate_client.get(PAGE).content.decode()


def test_page_keeps_the_typed_name_on_an_error(graduate_client: Client, graduate: User):
    api_token_create(user=graduate, name="Job board")

    response = graduate_client.post(PAGE, {"action": "create", "name": "Job board"})

    html = response.content.decode()
    assert "You already have a live token with this name." in html
    assert 'value="Job board"' in html
    assert ApiToken.objects.filter(user=graduate).count() == 1


def test_page_lists_own_tokens_only_and_revokes(
    graduate_client: Client, graduate: User, other_graduate: User
):
    mine = api_token_create(user=graduate, name="mine").token
    theirs = api_token_create(user=other_graduate, name="theirs").token

    html = graduate_client.get(PAGE).content.decode()
    assert "mine" in html and "theirs" not in html

    assert graduate_client.post(PAGE, {"action": "revoke", "token": theirs.pk}).status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).is_live
    response = graduate_client.post(PAGE, {"action": "revoke", "token": mine.pk})
    assert response.status_code == 302
    assert not ApiToken.objects.get(pk=mine.pk).is_live


def test_employers_have_the_page_too(employer_client: Client):
    assert employer_client.get(PAGE).status_code == 200


# --- lifetime, scope and binding to the password (issue: tokens never ended) -------------------


def test_a_token_expires(graduate: User):
    created = api_token_create(user=graduate, name="Short", days=30)
    assert created.token.expires_at - created.token.created_at == timedelta(days=30)
    assert _bearer(created.key).get(ME).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert_error(_bearer(created.key).get(ME), 401, "authentication_failed")


def test_a_read_token_reads_but_cannot_write(graduate: User):
    created = api_token_create(user=graduate, name="Dashboard", scope="read")
    client = _bearer(created.key)

    assert client.get("/api/v1/graduate/profile/").status_code == 200
    response = client.patch("/api/v1/graduate/profile/", {"headline": "Changed"}, format="json")
    assert_error(response, 403, "permission_denied")
    graduate.refresh_from_db()
    assert graduate.graduate_profile.headline != "Changed"


def test_a_password_change_ends_every_token(graduate: User):
    created = api_token_create(user=graduate, name="Phone app")
    assert _bearer(created.key).get(ME).status_code == 200

    graduate.set_password("a-brand-new-passphrase-2027")
    graduate.save()

    assert_error(_bearer(created.key).get(ME), 401, "authentication_failed")
    assert not ApiToken.objects.get(pk=created.token.pk).is_live  # revoked, and listed so


def test_a_token_cannot_mint_tokens(graduate: User):
    created = api_token_create(user=graduate, name="Phone app")
    client = _bearer(created.key)

    assert_error(client.post(TOKENS, {"name": "Another"}, format="json"), 403, "permission_denied")
    assert ApiToken.objects.filter(user=graduate).count() == 1
    listed = client.get(TOKENS).json()["results"][0]
    assert {"expires_at", "scope", "last_used_at"} <= set(listed)


def test_unknown_scope_or_lifetime_is_a_field_error(graduate: User):
    with pytest.raises(ValidationError) as raised:
        api_token_create(user=graduate, name="X", scope="admin")
    assert "scope" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        api_token_create(user=graduate, name="Y", days=1000)
    assert "days" in raised.value.message_dict


def test_page_makes_a_read_token_for_a_chosen_time_and_lists_its_end(
    graduate_client: Client, graduate: User
):
    response = graduate_client.post(
        PAGE, {"action": "create", "name": "Placement office", "scope": "read", "days": "30"}
    )

    token = ApiToken.objects.get(user=graduate)
    assert (token.scope, (token.expires_at - token.created_at).days) == ("read", 30)
    page = graduate_client.get(PAGE).content.decode()
    assert "Works until" in page
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in page
    assert "Read only" in page
    bad = graduate_client.post(PAGE, {"action": "create", "name": "X", "days": "1000"})
    assert "days" in bad.context["form"].errors and not ApiToken.objects.filter(name="X").exists()
    assert response.status_code == 200
