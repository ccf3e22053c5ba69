"""A company whose verification staff revoke loses every view of applicants' personal data and
every action on them, on pages and in the API alike: the walk below requests every route of the
site with the company's own ids (its posting, its application, the applicant) and fails on any
response that shows the applicant's name, e-mail address or cover letter."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from employers.models import VerificationStatus
from employers.services import employer_set_verification
from jobs.models import ApplicationStatus
from jobs.services import application_move, posting_invite_candidate
from tests import factories

pytestmark = pytest.mark.django_db

NAME, EMAIL, LETTER = "Zelda Quixote-Marlow", "zelda.quixote@example.com", "Cover-letter-7731"
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _paths(ids: list[int]) -> Iterator[str]:
    """Every route, with each id in its integer parameters (routes with other parameters, the
    admin's and static files', are not the company's)."""
    for route in sorted(set(_routes(get_resolver().url_patterns))):
        if route.startswith(("admin/", "static/", "media/", "^")) or "(?P" in route:
            continue
        params = _PARAM.findall(route)
        if any(kind not in ("int", "") for kind, _name in params):
            continue
        for value in ids if params else [0]:
            yield "/" + _PARAM.sub(str(value), route).lstrip("^").rstrip("$")


@pytest.fixture
def revoked() -> dict[str, Any]:
    member = factories.EmployerMemberFactory()
    posting = factories.JobPostingFactory(employer=member.employer)
    graduate = factories.GraduateProfileFactory(
        user__full_name=NAME, user__email=EMAIL, visibility="discoverable"
    )
    application = factories.ApplicationFactory(
        graduate=graduate, posting=posting, cover_letter=LETTER
    )
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    employer_set_verification(
        employer=member.employer,
        status=VerificationStatus.REJECTED,
        by=staff,
        note="Registration number does not match the company.",
    )
    return {
        "member": member.user,
        "posting": posting,
        "graduate": graduate,
        "application": application,
        "ids": sorted({posting.pk, graduate.pk, graduate.user.pk, application.pk}),
    }


def test_no_page_or_api_shows_the_applicant_to_a_revoked_company(revoked: dict[str, Any]):
    page_client, api = Client(), APIClient()
    page_client.force_login(revoked["member"])
    api.force_authenticate(revoked["member"])
    seen = []
    for path in _paths(revoked["ids"]):
        for client in (page_client, api):
            response = client.get(path)
            body = response.content.decode(errors="replace")
            if any(marker in body for marker in (NAME, EMAIL, LETTER)):
                seen.append((path, response.status_code))
    assert not seen, "\n".join(f"{path} -> {status}" for path, status in seen)


def test_a_revoked_company_cannot_move_applications_or_invite(revoked: dict[str, Any]):
    application, member = revoked["application"], revoked["member"]
    api = APIClient()
    api.force_authenticate(member)

    response = api.post(
        f"/api/v1/employer/applications/{application.pk}/move/",
        {"to_status": ApplicationStatus.SCREENING, "message": "Hello"},
        format="json",
    )
    assert response.status_code == 403

    page = Client()
    page.force_login(member)
    page.post(
        f"/employer/applications/{application.pk}/move/",
        {"to_status": ApplicationStatus.SCREENING, "message": "Hello"},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED

    with pytest.raises(PermissionDenied):  # the services refuse as well as the views
        application_move(application=application, to_status="screening", by=member)
    other = factories.GraduateProfileFactory(visibility="discoverable")
    with pytest.raises(PermissionDenied):
        posting_invite_candidate(posting=revoked["posting"], graduate=other, by=member)


def test_a_revoked_company_is_told_why_applicants_are_hidden(revoked: dict[str, Any]):
    page = Client()
    page.force_login(revoked["member"])

    response = page.get(f"/employer/postings/{revoked['posting'].pk}/applications/")

    assert response.status_code == 403
    body = response.content.decode()
    assert "Applicants are hidden" in body and "Verification not approved" in body
    api = APIClient()
    api.force_authenticate(revoked["member"])
    detail = api.get(f"/api/v1/employer/applications/{revoked['application'].pk}/").json()
    assert "not verified" in str(detail)
