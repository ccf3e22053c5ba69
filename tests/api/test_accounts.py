"""Sign-up through the API (the site's own form and e-mail verification), who am I, data
export and account deletion."""

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from accounts.models import Consent, Role, User
from profiles.models import GraduateProfile
from tests.api.helpers import assert_error
from tests.factories import PASSWORD, ApplicationFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/api/v1/accounts/signup/"
GOOD = {
    "email": "linh@example.com",
    "password": "a-long-and-unusual-passphrase",
    "full_name": "Nguyen Thi Linh",
    "role": "graduate",
    "accept_terms": True,
}


def test_signup_creates_an_unverified_account_and_sends_the_verification_email(
    anon_api: APIClient,
):
    response = anon_api.post(SIGNUP, GOOD)

    assert response.status_code == 201, response.content
    user = User.objects.get(email="linh@example.com")
    assert user.role == Role.GRADUATE and user.full_name == "Nguyen Thi Linh"
    assert GraduateProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert {c.purpose for c in Consent.objects.filter(user=user)} >= {"terms", "privacy"}
    assert len(mail.outbox) == 1 and "linh@example.com" in mail.outbox[0].to
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_an_employer_can_sign_up_and_then_register_a_company(anon_api: APIClient):
    anon_api.post(SIGNUP, {**GOOD, "role": "employer", "email": "kim@hanbit.example"})

    user = User.objects.get(email="kim@hanbit.example")
    assert user.role == Role.EMPLOYER
    assert not GraduateProfile.objects.filter(user=user).exists()


def test_an_unverified_account_cannot_log_in_to_get_a_token(anon_api: APIClient, graduate: User):
    anon_api.post(SIGNUP, GOOD)
    browser, verified = Client(), Client()

    browser.post("/accounts/login/", {"login": GOOD["email"], "password": GOOD["password"]})
    verified.post("/accounts/login/", {"login": graduate.email, "password": PASSWORD})

    assert browser.get("/accounts/tokens/").status_code == 302  # still signed out
    assert verified.get("/accounts/tokens/").status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"accept_terms": False}, "accept_terms"),
        ({"password": "short"}, "password"),
        ({"password": "12345678901"}, "password"),
        ({"email": "not-an-address"}, "email"),
        ({"role": "staff"}, "role"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_signup_reports_each_bad_field(anon_api: APIClient, change: dict[str, Any], field: str):
    response = anon_api.post(SIGNUP, {**GOOD, **change})

    assert_error(response, 400, "validation_error", field)
    assert not User.objects.filter(email=GOOD["email"]).exists()
    assert mail.outbox == []


def test_signing_up_with_a_taken_address_looks_the_same_and_creates_nothing(
    anon_api: APIClient, graduate: User
):
    before = User.objects.count()

    response = anon_api.post(SIGNUP, {**GOOD, "email": graduate.email})

    assert response.status_code == 201
    assert User.objects.count() == before
    assert User.objects.get(email=graduate.email).full_name == graduate.full_name


def test_signup_is_throttled(anon_api: APIClient):
    from django.conf import settings

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "signup": "2/hour"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        codes = [
            anon_api.post(SIGNUP, {**GOOD, "email": f"p{n}@example.com"}).status_code
            for n in range(3)
        ]
    assert codes == [201, 201, 429]
    assert User.objects.filter(email__startswith="p").count() == 2


# --- who am I ----------------------------------------------------------------------------------


def test_me_says_who_and_which_company(
    graduate_api: APIClient, employer_api: APIClient, employer: User
):
    assert graduate_api.get("/api/v1/accounts/me/").json()["employer_id"] is None
    body = employer_api.get("/api/v1/accounts/me/").json()
    assert body["role"] == "employer"
    assert body["employer_id"] == employer.employer_membership.employer_id


# --- export and deletion -----------------------------------------------------------------------


def test_export_holds_only_the_callers_data(
    graduate_api: APIClient, graduate: User, other_graduate: User
):
    ApplicationFactory(graduate=graduate.graduate_profile)
    ApplicationFactory(graduate=other_graduate.graduate_profile)

    response = graduate_api.get("/api/v1/accounts/export/")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.json()
    assert body["account"]["email"] == graduate.email
    assert len(body["applications"]) == 1
    assert other_graduate.email not in response.content.decode()


def test_export_needs_credentials(anon_api: APIClient):
    assert_error(anon_api.get("/api/v1/accounts/export/"), 401, "not_authenticated")


def test_deleting_needs_the_password_and_the_confirmation(graduate_api: APIClient, graduate: User):
    url = "/api/v1/accounts/delete/"

    assert_error(
        graduate_api.post(url, {"password": "wrong", "confirm": True}), 400, "validation_error",
        "password",
    )  # fmt: skip
    assert_error(
        graduate_api.post(url, {"password": PASSWORD, "confirm": False}), 400, "validation_error",
        "confirm",
    )  # fmt: skip
    assert User.objects.filter(pk=graduate.pk).exists()

    assert graduate_api.post(url, {"password": PASSWORD, "confirm": True}).status_code == 204
    assert not User.objects.filter(pk=graduate.pk).exists()
    assert not GraduateProfile.objects.filter(user_id=graduate.pk).exists()


@pytest.mark.parametrize("persona", ["employer", "staff"])
def test_only_graduates_delete_their_account_here(
    api_client_for: Any, persona: str, request: pytest.FixtureRequest
):
    user = request.getfixturevalue(persona)
    client = api_client_for(user)

    response = client.post("/api/v1/accounts/delete/", {"password": PASSWORD, "confirm": True})

    assert_error(response, 403, "permission_denied")
    assert User.objects.filter(pk=user.pk).exists()
