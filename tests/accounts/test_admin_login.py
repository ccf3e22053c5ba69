"""The admin has no sign-in form of its own: /admin/login/ sends everyone to the site's sign-in
(django-allauth), which counts failures in the shared cache and locks the address and the
account out, so guessing a staff password through the admin is as slow as anywhere else."""

import pytest
from django.test import Client

from tests import factories
from tests.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():  # type: ignore[no-untyped-def]
    return factories.StaffFactory(email="boss@example.com")


def test_the_admin_login_form_never_signs_anyone_in(staff, client: Client):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out


def test_guessing_a_staff_password_locks_the_sign_in(staff, client: Client):
    for _ in range(30):
        client.post("/accounts/login/", {"login": staff.email, "password": "wrong-guess"})

    response = client.post("/accounts/login/", {"login": staff.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session  # the right password no longer works either
    assert response.status_code in (200, 429)


def test_staff_reach_the_admin_after_the_sites_sign_in(staff, client: Client):
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert "/accounts/2fa/authenticate/" in response["Location"]  # then the app's code
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(staff.totp_secret)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/").status_code == 302  # signed in: on to the admin


def test_a_signed_in_graduate_gets_no_admin_sign_in_form(graduate_client: Client):
    response = graduate_client.get("/admin/login/")
    assert response.status_code == 403
