"""The public company endpoints (directory, one company, its open postings): verified companies
only, for everyone alike; every other company is a 404 to every persona, page and API."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from employers.models import CompanyLocation, Employer, VerificationStatus
from jobs.models import PostingStatus
from tests.api.helpers import assert_error
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "graduate",
    "other_graduate",
    "employer",
    "other_employer",
    "unverified_employer",
    "outsider",
    "staff",
]


def _hidden(status: str) -> Employer:
    employer = EmployerFactory(unverified=True)
    Employer.objects.filter(pk=employer.pk).update(verification_status=status)
    JobPostingFactory(employer=employer)
    return employer


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", [VerificationStatus.PENDING, VerificationStatus.REJECTED])
def test_a_company_not_verified_is_a_404_to_everyone(persona_api: Any, persona: str, status: str):
    hidden = _hidden(status)
    client = persona_api(persona)
    assert_error(client.get(f"/api/v1/employers/{hidden.pk}/"), 404, "not_found")
    assert_error(client.get(f"/api/v1/employers/{hidden.pk}/postings/"), 404, "not_found")
    ids = {row["id"] for row in client.get("/api/v1/employers/").json()["results"]}
    assert hidden.pk not in ids


@pytest.mark.parametrize("persona", ["graduate", "other_employer", "unverified_employer", "staff"])
def test_a_company_not_verified_has_no_page_for_any_signed_in_persona(
    request: pytest.FixtureRequest, persona: str
):
    hidden = _hidden(VerificationStatus.PENDING)
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("companies:detail", args=[hidden.pk])).status_code == 404


def test_the_unverified_company_s_own_member_gets_no_public_page(unverified_employer: Any):
    own = unverified_employer.employer_membership.employer
    client = Client()
    client.force_login(unverified_employer)
    assert client.get(reverse("companies:detail", args=[own.pk])).status_code == 404


def test_a_closed_company_is_a_404(anon_api: APIClient):
    employer = EmployerFactory()
    pk = employer.pk
    employer.delete()
    assert_error(anon_api.get(f"/api/v1/employers/{pk}/"), 404, "not_found")
    assert_error(anon_api.get(f"/api/v1/employers/{pk}/postings/"), 404, "not_found")


def test_a_verified_company_shows_its_sites_support_and_open_postings(anon_api: APIClient):
    employer = EmployerFactory(
        description="Ship engines.", housing_support="allowance", korean_classes=False
    )
    CompanyLocation.objects.create(employer=employer, city="Changwon", region="gyeongnam")
    open_posting = JobPostingFactory(employer=employer)
    JobPostingFactory(employer=employer, status=PostingStatus.DRAFT, published_at=None)

    body = anon_api.get(f"/api/v1/employers/{employer.pk}/").json()
    assert body["description"] == "Ship engines." and body["open_postings"] == 1
    assert body["locations"] == [{"city": "Changwon", "region": "gyeongnam", "label": ""}]
    assert body["support"] == {
        "housing_support": "allowance",
        "visa_support": "",
        "korean_classes": False,
        "relocation_support": None,
        "support_notes": "",
    }
    rows = anon_api.get(f"/api/v1/employers/{employer.pk}/postings/").json()["results"]
    assert [row["id"] for row in rows] == [open_posting.pk]


def test_an_owner_sets_support_and_sites_through_the_api(employer_api: APIClient, employer: Any):
    response = employer_api.patch(
        "/api/v1/employer/company/",
        {
            "visa_support": "handles",
            "locations": [{"city": "Asan", "region": "chungnam", "label": "Plant"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["locations"] == [
        {"city": "Asan", "region": "chungnam", "label": "Plant"}
    ]
    company = employer.employer_membership.employer
    company.refresh_from_db()
    assert company.visa_support == "handles"
    twice = [{"city": "Asan", "region": "chungnam"}, {"city": "asan", "region": "chungnam"}]
    refused = employer_api.patch("/api/v1/employer/company/", {"locations": twice}, format="json")
    assert refused.status_code == 400
    assert list(company.locations.values_list("city", flat=True)) == ["Asan"]
