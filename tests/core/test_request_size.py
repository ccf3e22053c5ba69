"""A request body larger than any form or API call takes (a CV, 5 MB, and a little) is refused
with 413 from its Content-Length, before a byte of it is read."""

import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class _Unreadable(io.RawIOBase):
    def read(self, *args: object) -> bytes:  # the body must not be read at all
        raise AssertionError("the body was read")


def test_a_body_over_the_limit_is_refused_unread(client: Client, settings):
    too_big = settings.REQUEST_MAX_BYTES + 1
    api = client.generic(
        "POST", "/api/v1/accounts/signup/", b"", "application/json", CONTENT_LENGTH=str(too_big),
        **{"wsgi.input": _Unreadable()},
    )  # fmt: skip
    assert api.status_code == 413
    assert api.json()["error"]["code"] == "too_large"
    page = client.generic(
        "POST", "/accounts/login/", b"", "multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(too_big), **{"wsgi.input": _Unreadable()},
    )  # fmt: skip
    assert page.status_code == 413


def test_a_body_under_the_limit_goes_through(client: Client, settings):
    assert settings.REQUEST_MAX_BYTES > settings.CV_MAX_BYTES
    response = client.post("/api/v1/accounts/signup/", {}, content_type="application/json")
    assert response.status_code == 400  # read, and answered by the view
