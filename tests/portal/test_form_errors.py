"""A refused form reads the same on every page: the title starts with "Error:" and an alert sums
up what to correct, with a link to each field (WCAG 3.3.1, 4.1.3)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def _title(response) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _summary(response) -> str:  # type: ignore[no-untyped-def]
    found = re.search(
        r'class="alert alert-error error-summary" role="alert">(.*?)</div>\s*</div>',
        response.content.decode(),
        re.S,
    )
    assert found is not None, "no error summary with role=alert"
    return found.group(1)


def test_a_refused_sign_in_is_titled_as_an_error_and_announced(client: Client, graduate: User):
    response = client.post(
        reverse("account_login"), {"login": graduate.email, "password": "not the password"}
    )

    assert response.status_code == 200
    assert _title(response).startswith("Error: ")
    assert "not correct" in _summary(response) or "incorrect" in _summary(response).lower()


def test_a_refused_profile_step_links_each_field_to_correct(graduate_client: Client):
    response = graduate_client.post(
        reverse("graduate:step", args=["basics"]), {"nationality": "", "date_of_birth": ""}
    )

    assert _title(response).startswith("Error: ")
    summary = _summary(response)
    assert 'href="#id_nationality"' in summary and 'href="#id_date_of_birth"' in summary


def test_pages_without_a_refused_form_keep_their_title(client: Client, graduate_client: Client):
    assert not _title(client.get(reverse("account_login"))).startswith("Error")
    assert not _title(graduate_client.get(reverse("graduate:step", args=["basics"]))).startswith(
        "Error"
    )


def test_the_title_asks_a_lazy_value_nothing():
    """A page's lazy values (read by a kept part only when it is not kept) stay unread: the
    title's check looks at each value's type, not at what it would become."""
    from django.forms import Form
    from django.template import Context
    from django.utils.functional import SimpleLazyObject

    from portal.templatetags.form_errors import page_has_form_errors

    read: list[str] = []
    lazy = SimpleLazyObject(lambda: read.append("read") or Form())
    refused = Form(data={})
    refused._errors = {"name": ["This field is required."]}  # type: ignore[assignment]

    assert not page_has_form_errors(Context({"skills": lazy}))
    assert page_has_form_errors(Context({"skills": lazy, "form": refused}))
    assert read == []
