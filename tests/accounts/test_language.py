"""Each person's language: chosen at sign-up from the browser's, kept on the account when the
header menu is used, changed on the language page, and followed by pages, e-mails and the API
(also with a personal token, which DRF authenticates after the middleware)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accounts.models import User
from accounts.token_services import api_token_create
from notifications.services import notify


def _ko(text: str) -> str:
    with translation.override("ko"):
        return translation.gettext(text)


@pytest.mark.django_db
def test_sign_up_offers_the_browsers_language_and_keeps_the_choice(
    django_capture_on_commit_callbacks,
):
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    page = client.get(reverse("account_signup")).content.decode()
    assert '<option value="th" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "role": "graduate",
                "full_name": "Somchai",
                "email": "somchai@example.com",
                "password1": "Seoul-bound engineer 2026!",
                "password2": "Seoul-bound engineer 2026!",
                "language": "id",
                "agree_terms": "on",
            },
        )
    assert response.status_code == 302
    assert User.objects.get(email="somchai@example.com").language == "id"
    with translation.override("id"):  # the confirmation is in the language chosen
        assert translation.gettext("Hello from Talent Bridge!") in mail.outbox[-1].body


@pytest.mark.django_db
def test_the_accounts_language_beats_the_browsers(graduate):
    graduate.language = "vi"
    graduate.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(graduate)
    assert '<html lang="vi">' in client.get(reverse("graduate:dashboard")).content.decode()


@pytest.mark.django_db
def test_the_header_menu_keeps_a_signed_in_persons_choice(graduate):
    client = Client()
    client.force_login(graduate)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    graduate.refresh_from_db()
    assert graduate.language == "th"
    anonymous = Client()
    anonymous.post(reverse("set_language"), {"language": "xx", "next": "/"})  # refused quietly
    response = anonymous.post(reverse("set_language"), {"language": "ko", "next": "/"})
    assert response.cookies["django_language"].value == "ko"


@pytest.mark.django_db
def test_the_language_page_saves_and_refuses_an_unknown_language(graduate):
    client = Client()
    client.force_login(graduate)
    assert client.post(reverse("account_language"), {"language": "id"}).status_code == 302
    graduate.refresh_from_db()
    assert graduate.language == "id"
    refused = client.post(reverse("account_language"), {"language": "fr"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    graduate.refresh_from_db()
    assert graduate.language == "id"  # nothing lost


@pytest.mark.django_db
def test_e_mails_are_written_in_the_readers_language(graduate, django_capture_on_commit_callbacks):
    graduate.language = "ko"
    graduate.save()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(user=graduate, kind="application_moved", key="lang-1",
               params={"posting": "Etch", "company": "Hanbit", "status": "interview"},
               url="/")  # fmt: skip
    message = mail.outbox[-1]
    assert _ko("Your application for %(posting)s is now: %(status)s").split("%")[0] in (
        message.subject + message.body
    )
    assert any("\uac00" <= char <= "\ud7a3" for char in message.subject)  # Hangul


@pytest.mark.django_db
def test_an_api_token_request_answers_in_the_accounts_language(graduate):
    graduate.language = "ko"
    graduate.save()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    key = api_token_create(user=graduate, name="phone").key
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = api.patch(reverse("api-graduate-languages"), {"topik_level": 99}, format="json")
    assert response.status_code == 400
    assert response["Content-Language"] == "ko"
    message = str(response.json())
    assert any("\uac00" <= char <= "\ud7a3" for char in message), message  # Hangul


@pytest.mark.django_db
def test_a_colleagues_invitation_is_written_in_the_inviters_language(employer):
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.force_login(employer)
    employer.language = "ko"
    employer.save()
    from notifications.models import EmailDelivery

    client.post(
        reverse("employer:colleague_invite"), {"email": "new@example.com", "role": "recruiter"}
    )
    delivery = EmailDelivery.objects.filter(to_email="new@example.com").first()
    assert delivery is not None and delivery.language == "ko"
