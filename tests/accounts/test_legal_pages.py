"""The terms of use and privacy notice that sign-up agrees to exist, are linked, and tell the
truth about retention (the figures come from the settings the deletion tasks use)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CONSENT_VERSION, Consent, ConsentPurpose, Role, User
from tests.accounts.test_signup_login import _sign_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/terms/", "/privacy/"])
def test_legal_pages_answer_anyone_with_their_version(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    assert f"Version {CONSENT_VERSION}" in response.content.decode()


def test_sign_up_links_the_terms_and_the_privacy_notice(client: Client):
    page = client.get(reverse("account_signup")).content.decode()
    label = re.search(r'<label for="id_agree_terms">(.*?)</label>', page, re.S)
    assert label, "the agreement checkbox has a label"
    assert f'href="{reverse("terms")}"' in label.group(1)
    assert f'href="{reverse("privacy")}"' in label.group(1)


def test_every_page_footer_links_both(client: Client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("terms")}"' in page and f'href="{reverse("privacy")}"' in page


def test_privacy_notice_states_the_retention_the_tasks_apply(client: Client, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "notifications": 123, "audit_log": 456}
    page = client.get(reverse("privacy")).content.decode()
    assert "Notifications in the app: 123 days." in page
    assert "staff and owner decisions: 456 days." in page
    assert settings.PRIVACY_CONTACT_EMAIL in page


def test_consent_records_the_version_the_pages_show(client: Client):
    _sign_up(client, Role.GRADUATE, "lan@example.com")
    user = User.objects.get(email="lan@example.com")
    versions = set(
        Consent.objects.filter(
            user=user, purpose__in=[ConsentPurpose.TERMS, ConsentPurpose.PRIVACY]
        ).values_list("version", flat=True)
    )
    assert versions == {CONSENT_VERSION}
