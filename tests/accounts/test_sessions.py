"""Sessions end when they should (ASVS 3.3.2, level 2): after 30 minutes without a request, and
12 hours after signing in however active the user is. Passwords have at least 12 characters."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _signed_in(client: Client) -> bool:
    return client.get("/graduate/").status_code == 200


def _sign_in(client: Client) -> None:
    user = factories.GraduateProfileFactory().user
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_a_session_ends_after_30_idle_minutes(client: Client):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client)
        clock.shift(datetime.timedelta(minutes=29))
        assert _signed_in(client)
        clock.shift(datetime.timedelta(minutes=29))  # 29 idle minutes again: still fine
        assert _signed_in(client)
        clock.shift(datetime.timedelta(minutes=31))
        assert not _signed_in(client)


def test_a_session_ends_12_hours_after_signing_in_even_when_busy(client: Client):
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(client)
        for _ in range(12 * 3):  # a request every 20 minutes for 12 hours
            clock.shift(datetime.timedelta(minutes=20))
            still = _signed_in(client)
        assert not still


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError):
        validate_password("Kx9#vLq2!mZ")  # 11
    validate_password("Kx9#vLq2!mZp")  # 12


def test_a_user_sees_their_signed_in_devices_and_signs_the_others_out():
    user = factories.GraduateProfileFactory().user
    laptop, phone = Client(), Client(HTTP_USER_AGENT="Phone browser")
    for device in (laptop, phone):
        response = device.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302

    listed = laptop.get("/accounts/sessions/")
    assert listed.status_code == 200 and "Phone browser" in listed.content.decode()
    assert "/accounts/sessions/" in laptop.get("/graduate/account/").content.decode()

    laptop.post("/accounts/sessions/")  # sign out the other sessions

    assert _signed_in(laptop) and not _signed_in(phone)


def test_a_signed_in_request_reads_its_session_from_the_cache_and_signing_out_ends_it():
    user = factories.GraduateProfileFactory().user
    browser = Client()
    browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert _signed_in(browser)
    with CaptureQueriesContext(connection) as queries:
        assert _signed_in(browser)
    assert not [q for q in queries if "django_session" in q["sql"]]

    browser.post("/accounts/logout/")
    assert not _signed_in(browser)
    assert not Session.objects.exists()
