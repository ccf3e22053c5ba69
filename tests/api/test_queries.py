"""Every list endpoint runs the same number of queries for 3 rows as for 20 (a full page)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from accounts.token_services import api_token_create, api_token_revoke
from employers.models import CompanyLocation, EmployerMember
from jobs.models import ApplicationStatus
from matching.models import MatchRun
from profiles.models import GraduateProfile
from tests.api.helpers import run_full_match
from tests.factories import (
    ApplicationFactory,
    EducationRecordFactory,
    EmployerFactory,
    EmployerMemberFactory,
    GraduateSkillFactory,
    JobPostingFactory,
    PostingSkillFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

Builder = Callable[[int], None]


class World:
    """Personas and one skill everything shares, so matching pairs rows up."""

    def __init__(self, graduate: User, employer: User, staff: User, capture: Any) -> None:
        self.graduate, self.employer, self.staff, self.capture = graduate, employer, staff, capture
        self.profile = GraduateProfile.objects.get(user=graduate)
        self.company = EmployerMember.objects.get(user=employer).employer
        self.skill = SkillFactory(name="Shared skill")
        GraduateSkillFactory(profile=self.profile, skill=self.skill, level=4)
        self.posting = JobPostingFactory(employer=self.company, title="The posting")
        PostingSkillFactory(posting=self.posting, skill=self.skill, min_level=2)

    def matched_postings(self, n: int) -> None:
        for _ in range(n):
            PostingSkillFactory(posting=JobPostingFactory(), skill=self.skill, min_level=2)
        run_full_match(self.capture)

    def candidates(self, n: int) -> None:
        for _ in range(n):
            profile = GraduateSkillFactory(skill=self.skill, level=3).profile
            ApplicationFactory(graduate=profile, posting=self.posting)
        run_full_match(self.capture)

    def company_postings(self, n: int) -> None:
        for _ in range(n):
            posting = JobPostingFactory(employer=self.company)
            ApplicationFactory(posting=posting, status=ApplicationStatus.APPLIED)

    def revoked_tokens(self, n: int) -> None:
        for _ in range(n):
            created = api_token_create(user=self.graduate, name="old")
            api_token_revoke(token=created.token, by=self.graduate)

    def match_runs(self, n: int) -> None:
        for _ in range(n):
            MatchRun.objects.create(requested_by=self.staff)


def _companies_with_sites(n: int) -> None:
    for employer in EmployerFactory.create_batch(n):
        CompanyLocation.objects.create(employer=employer, city="Suwon", region="gyeonggi")


# (name, who calls, url, builder)
CASES: list[tuple[str, str, str, Callable[[World], Builder]]] = [
    ("postings", "anonymous", "/api/v1/postings/", lambda w: w.matched_postings),
    ("postings for a graduate", "graduate", "/api/v1/postings/", lambda w: w.matched_postings),
    (
        "employers",
        "anonymous",
        "/api/v1/employers/",
        lambda w: lambda n: _companies_with_sites(n),
    ),
    (
        "a company's open postings",
        "anonymous",
        "/api/v1/employers/{company}/postings/",
        lambda w: lambda n: JobPostingFactory.create_batch(n, employer=w.company) and None,
    ),
    (
        "skills",
        "anonymous",
        "/api/v1/skills/?q=skill",
        lambda w: lambda n: SkillFactory.create_batch(n) and None,
    ),
    ("graduate matches", "graduate", "/api/v1/graduate/matches/", lambda w: w.matched_postings),
    (
        "graduate applications",
        "graduate",
        "/api/v1/graduate/applications/",
        lambda w: lambda n: ApplicationFactory.create_batch(n, graduate=w.profile) and None,
    ),
    (
        "graduate education",
        "graduate",
        "/api/v1/graduate/education/",
        lambda w: lambda n: EducationRecordFactory.create_batch(n, profile=w.profile) and None,
    ),
    ("employer postings", "employer", "/api/v1/employer/postings/", lambda w: w.company_postings),
    (
        "posting applications",
        "employer",
        "/api/v1/employer/postings/{posting}/applications/",
        lambda w: w.candidates,
    ),
    (
        "candidates",
        "employer",
        "/api/v1/employer/postings/{posting}/candidates/",
        lambda w: w.candidates,
    ),
    (
        "members",
        "employer",
        "/api/v1/employer/members/",
        lambda w: lambda n: EmployerMemberFactory.create_batch(n, employer=w.company) and None,
    ),
    (
        "staff employers",
        "staff",
        "/api/v1/staff/employers/",
        lambda w: lambda n: EmployerFactory.create_batch(n) and None,
    ),
    ("match runs", "staff", "/api/v1/staff/match-runs/", lambda w: w.match_runs),
    (
        "tokens",
        "graduate",
        "/api/v1/accounts/tokens/",
        lambda w: w.revoked_tokens,
    ),
]


def _queries(client: APIClient, url: str) -> tuple[int, int]:
    client.get(url)  # warm up: the token's last-use stamp is written once a minute at most
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), len(response.json()["results"])


@pytest.mark.parametrize(("name", "persona", "url", "builder"), CASES, ids=[c[0] for c in CASES])
def test_list_queries_stay_constant_as_the_page_fills(
    name: str,
    persona: str,
    url: str,
    builder: Callable[[World], Builder],
    graduate: User,
    employer: User,
    staff: User,
    persona_api: Any,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
):
    settings.MATCHING_TOP_K = 30
    world = World(graduate, employer, staff, django_capture_on_commit_callbacks)
    client = persona_api(persona)
    url = url.format(posting=world.posting.pk, company=world.company.pk)
    build = builder(world)

    build(3)
    few, few_rows = _queries(client, url)
    build(17)
    many, many_rows = _queries(client, url)

    assert few_rows >= 3 and many_rows >= 20, (few_rows, many_rows)
    assert many == few, f"{name}: {few} queries for {few_rows} rows, {many} for {many_rows}"
