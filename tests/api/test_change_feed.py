"""The company's application change feed (`employer/applications/changes/`): everything that
changed after `updated_since`, oldest first, in cursor pages that neither skip nor repeat; only
the caller's company; withdrawn applicants hidden as everywhere else."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from jobs.models import Application
from jobs.services import application_move, application_withdraw
from tests.api.helpers import assert_error
from tests.factories import ApplicationFactory, JobPostingFactory

pytestmark = pytest.mark.django_db
FEED = "/api/v1/employer/applications/changes/"


def _company(employer: User) -> Any:
    return employer.employer_membership.employer


def _all_pages(api: APIClient, **query: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    response = api.get(FEED, query)
    while True:
        assert response.status_code == 200, response.content
        seen.extend(response.json()["results"])
        if not response.json()["next"]:
            return seen
        response = api.get(response.json()["next"])


def test_the_feed_pages_every_application_of_the_company_once_oldest_change_first(
    employer_api: APIClient, employer: User
):
    postings = JobPostingFactory.create_batch(2, employer=_company(employer))
    mine = [ApplicationFactory(posting=postings[i % 2]) for i in range(5)]
    ApplicationFactory()  # another company's
    seen = _all_pages(employer_api, page_size=2)
    assert [a["id"] for a in seen] == [a.pk for a in mine]
    stamps = [a["updated_at"] for a in seen]
    assert stamps == sorted(stamps)


def test_updated_since_gives_what_changed_after_it(employer_api: APIClient, employer: User):
    posting = JobPostingFactory(employer=_company(employer))
    early, moved = ApplicationFactory(posting=posting), ApplicationFactory(posting=posting)
    Application.objects.filter(pk__in=[early.pk, moved.pk]).update(
        updated_at=timezone.now() - timedelta(days=2)
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert _all_pages(employer_api, updated_since=since) == []
    application_move(application=moved, to_status="screening", by=employer)
    changed = _all_pages(employer_api, updated_since=since)
    assert [(a["id"], a["status"]) for a in changed] == [(moved.pk, "screening")]


def test_a_withdrawn_applicant_is_hidden_in_the_feed(employer_api: APIClient, employer: User):
    application = ApplicationFactory(posting=JobPostingFactory(employer=_company(employer)))
    application_withdraw(application=application, by=application.graduate.user)
    [row] = _all_pages(employer_api)
    assert row["status"] == "withdrawn" and row["graduate"] is None and row["cover_letter"] == ""


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01T00:00:00Z"])
def test_a_bad_updated_since_is_a_field_error(employer_api: APIClient, bad: str):
    response = employer_api.get(FEED, {"updated_since": bad})
    assert_error(response, 400, "validation_error", "updated_since")


def test_only_verified_companies_members_read_the_feed(
    unverified_employer_api: APIClient, graduate_api: APIClient, anon_api: APIClient
):
    assert unverified_employer_api.get(FEED).status_code == 403
    assert graduate_api.get(FEED).status_code == 403
    assert anon_api.get(FEED).status_code == 401
