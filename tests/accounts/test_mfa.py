"""Two-step sign-in (django-allauth's TOTP and recovery codes): required for staff before the
admin, the staff pages or the staff API open; offered to everyone else."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import app_settings as totp_settings
from django.test import Client
from rest_framework.test import APIClient

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // totp_settings.TOTP_PERIOD))


@pytest.fixture
def bare_staff():  # type: ignore[no-untyped-def]
    """A staff account without a second step yet."""
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("path", ["/admin/", "/staff/", "/api/v1/staff/match-runs/"])
def test_staff_without_a_second_step_are_sent_to_set_one_up(bare_staff, path: str):
    client = Client()
    client.force_login(bare_staff)

    response = client.get(path)

    if path.startswith("/api/"):
        assert response.status_code == 403
        assert "two-step" in response.json()["error"]["message"]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/totp/activate")
    setup = client.get("/accounts/2fa/totp/activate/")  # the way out is open (after the password)
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/reauthenticate/")


def test_staff_with_totp_sign_in_with_a_code_and_reach_the_admin(bare_staff):
    secret = generate_totp_secret()
    TOTP.activate(bare_staff, secret)
    client = Client()

    response = client.post("/accounts/login/", {"login": bare_staff.email, "password": PASSWORD})
    assert response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # the password alone is not enough

    response = client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_staff_token_without_a_second_step_opens_no_staff_api(bare_staff):
    from accounts.token_services import api_token_create

    key = api_token_create(user=bare_staff, name="ops").key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/staff/match-runs/").status_code == 403
    Authenticator.objects.create(user=bare_staff, type=Authenticator.Type.TOTP, data={})
    assert api.get("/api/v1/staff/match-runs/").status_code == 200


def test_graduates_and_employers_are_offered_it_not_forced(
    graduate_client: Client, employer_client: Client
):
    assert graduate_client.get("/graduate/").status_code == 200
    assert "/accounts/2fa/" in graduate_client.get("/graduate/account/").content.decode()
    assert employer_client.get("/employer/").status_code == 200


def test_a_code_from_the_step_before_still_works_but_not_two_steps_before(time_machine):
    """One 30-second step of drift (MFA_TOTP_TOLERANCE): a code typed as the period turns."""
    from allauth.mfa.totp.internal.auth import validate_totp_code

    time_machine.move_to(1_764_982_815, tick=False)  # the middle of a step, held still
    secret = generate_totp_secret()
    step = int(time.time()) // totp_settings.TOTP_PERIOD

    def code(at: int) -> str:
        return format_hotp_value(hotp_value(secret, at))

    assert validate_totp_code(secret, code(step - 1))
    assert not validate_totp_code(secret, code(step - 2))
