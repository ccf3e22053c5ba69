"""Staff endpoints: verifying companies and starting/following match runs."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from employers.models import Employer, VerificationStatus
from matching.models import MatchRun, RunStatus
from tests.api.helpers import assert_error
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

S = "/api/v1/staff"
NOT_STAFF = [
    ("anonymous", 401),
    ("graduate", 403),
    ("employer", 403),
    ("unverified_employer", 403),
    ("outsider", 403),
]


@pytest.mark.parametrize(("persona", "code"), NOT_STAFF)
def test_only_staff_verify_companies_or_start_runs(persona_api: Any, persona: str, code: int):
    pending = EmployerFactory(unverified=True)
    client = persona_api(persona)

    assert client.get(f"{S}/employers/").status_code == code
    response = client.post(f"{S}/employers/{pending.pk}/verification/", {"status": "verified"})
    assert response.status_code == code
    assert client.post(f"{S}/match-runs/").status_code == code
    assert client.get(f"{S}/match-runs/").status_code == code
    assert Employer.objects.get(pk=pending.pk).verification_status == VerificationStatus.PENDING
    assert not MatchRun.objects.exists()


def test_the_queue_lists_pending_companies(staff_api: APIClient):
    pending = EmployerFactory(unverified=True)
    EmployerFactory()

    rows = staff_api.get(f"{S}/employers/", {"verification_status": "pending"}).json()["results"]

    assert [r["id"] for r in rows] == [pending.pk]
    assert rows[0]["business_registration_number"] == pending.business_registration_number


def test_staff_verify_with_a_note_and_the_postings_go_public(
    staff_api: APIClient, staff: User, anon_api: APIClient
):
    pending = EmployerFactory(unverified=True)
    posting = JobPostingFactory(employer=pending)
    assert anon_api.get(f"/api/v1/postings/{posting.pk}/").status_code == 404

    response = staff_api.post(
        f"{S}/employers/{pending.pk}/verification/",
        {"status": "verified", "note": "Checked with the NTS registry"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verification_status"] == "verified" and body["verified_by"] == staff.email
    company = Employer.objects.get(pk=pending.pk)
    assert company.verified_by == staff and company.verification_note.startswith("Checked")
    assert anon_api.get(f"/api/v1/postings/{posting.pk}/").status_code == 200


def test_verification_validates_the_status_and_the_company(staff_api: APIClient):
    pending = EmployerFactory(unverified=True)

    assert_error(
        staff_api.post(f"{S}/employers/{pending.pk}/verification/", {"status": "approved"}),
        400, "validation_error", "status",
    )  # fmt: skip
    assert_error(
        staff_api.post(f"{S}/employers/999999/verification/", {"status": "verified"}),
        404, "not_found",
    )  # fmt: skip


def test_staff_start_a_full_run_and_follow_it(
    staff_api: APIClient, staff: User, django_capture_on_commit_callbacks: Any
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api.post(f"{S}/match-runs/")

    assert response.status_code == 202, response.content
    run_id = response.json()["id"]
    assert response.json()["requested_by"] == staff.email
    status = staff_api.get(f"{S}/match-runs/{run_id}/").json()
    assert status["status"] == RunStatus.SUCCEEDED and status["is_current"] is True
    listed = staff_api.get(f"{S}/match-runs/", {"status": "succeeded"}).json()["results"]
    assert [r["id"] for r in listed] == [run_id]
    assert_error(staff_api.get(f"{S}/match-runs/999999/"), 404, "not_found")
