"""The employer admin: staff verify and reject companies without losing who, when and why."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer, VerificationStatus
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:employers_employer_changelist")


def _act(client: Client, action: str, *employers: Employer) -> list[str]:
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [e.pk for e in employers]}, follow=True
    )
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_verifying_keeps_the_note_and_names_the_company(staff_client: Client, staff):
    employer = factories.EmployerFactory(
        unverified=True, name="Cheonan Separator Tech", verification_note="Called the tax office"
    )

    messages = _act(staff_client, "verify_selected", employer)

    employer.refresh_from_db()
    assert employer.is_verified and employer.verified_by == staff
    assert employer.verification_note == "Called the tax office"
    assert messages == ["Verified: Cheonan Separator Tech."]


def test_an_already_verified_company_keeps_who_verified_it_and_when(staff_client: Client):
    first_reviewer = factories.UserFactory(is_staff=True)
    verified_at = timezone.now() - datetime.timedelta(days=30)
    done = factories.EmployerFactory(
        name="Bitgaram Power", verified_at=verified_at, verified_by=first_reviewer
    )
    pending = factories.EmployerFactory(unverified=True, name="Ansan Mold")

    messages = _act(staff_client, "verify_selected", done, pending)

    done.refresh_from_db()
    assert (done.verified_at, done.verified_by) == (verified_at, first_reviewer)
    assert messages == ["Verified: Ansan Mold. Already verified: Bitgaram Power."]


def test_rejecting_keeps_the_note_and_skips_companies_already_rejected(staff_client: Client):
    rejected_at = timezone.now() - datetime.timedelta(days=3)
    rejected = factories.EmployerFactory(
        name="Daesan Polymer",
        verification_status=VerificationStatus.REJECTED,
        verified_at=rejected_at,
        verification_note="Registration number belongs to another company",
    )
    pending = factories.EmployerFactory(
        unverified=True, name="Gaon Probe", verification_note="No answer by phone"
    )

    messages = _act(staff_client, "reject_selected", rejected, pending)

    rejected.refresh_from_db()
    pending.refresh_from_db()
    assert rejected.verified_at == rejected_at
    assert pending.verification_status == VerificationStatus.REJECTED
    assert pending.verification_note == "No answer by phone"
    assert messages == ["Rejected: Gaon Probe. Already rejected: Daesan Polymer."]


def test_the_status_column_comes_right_after_the_name(staff_client: Client):
    factories.EmployerFactory()

    html = staff_client.get(CHANGELIST).content.decode()

    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert columns[:2] == ["name", "verification_status"]


def test_the_admin_index_has_one_accounts_section_and_one_for_our_users(staff_client: Client):
    html = staff_client.get(reverse("admin:index")).content.decode()

    assert html.count(">Accounts<") == 1
    assert ">Users and roles<" in html


def test_the_company_admin_shows_support_for_foreign_hires_and_the_sites(staff_client: Client):
    employer = factories.EmployerFactory(housing_support="allowance")
    employer.locations.create(city="Gimhae", region="gyeongnam", label="Plant")

    html = staff_client.get(reverse("admin:employers_employer_change", args=[employer.pk]))
    text = html.content.decode()

    assert html.status_code == 200
    assert "Support for foreign hires" in text and 'name="housing_support"' in text
    assert 'value="Gimhae"' in text and 'name="locations-0-label"' in text
