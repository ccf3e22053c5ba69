"""A company does not see a candidate's e-mail address or phone number until the graduate
shares them in a conversation with it: not on the application page, the candidate page or the
API's applicant. Once shared, both pages show them."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.token_services import api_token_create
from conversations.services import conversation_contact_share

pytestmark = pytest.mark.django_db


def _pages(application) -> list[str]:
    posting, profile = application.posting, application.graduate
    return [
        reverse("employer:application_detail", args=[application.pk]),
        reverse("employer:candidate_detail", args=[posting.pk, profile.pk]),
    ]


def _with_phone(graduate) -> None:
    profile = graduate.graduate_profile
    profile.phone = "+84 912 345 678"
    profile.save(update_fields=["phone"])


def test_the_company_does_not_see_contact_details_before_they_are_shared(
    application, graduate, employer, employer_client
):
    _with_phone(graduate)
    for page in _pages(application):
        body = employer_client.get(page).content.decode()
        phone = graduate.graduate_profile.phone
        assert graduate.email not in body, page
        assert phone.as_international not in body and phone.as_e164 not in body, page
        assert "shares them in the conversation" in body
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=employer, name='t').key}")
    applicant = api.get(f"/api/v1/employer/applications/{application.pk}/").json()
    assert graduate.email not in str(applicant)


def test_shared_contact_details_show_on_the_company_pages(
    application, thread, graduate, employer_client
):
    _with_phone(graduate)
    conversation_contact_share(conversation=thread, by=graduate)
    for page in _pages(application):
        body = employer_client.get(page).content.decode()
        phone = graduate.graduate_profile.phone.as_international
        assert graduate.email in body and phone in body, page
