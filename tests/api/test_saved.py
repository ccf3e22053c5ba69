"""A graduate's saved jobs and saved searches through the API, and the digest's frequency.
Another graduate gets 404 on every saved item; employers, staff and anonymous callers are
refused at the door (401/403) whatever the id, so nothing is confirmed."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from jobs.models import JobPosting, PostingStatus, SavedJob, SavedSearch
from jobs.services import saved_job_add, saved_search_create
from tests.api.helpers import assert_error
from tests.api.test_graduate import OUTSIDERS
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db

G = "/api/v1/graduate"


@pytest.fixture
def saved_job(graduate: User) -> SavedJob:
    return saved_job_add(graduate=graduate.graduate_profile, posting=JobPostingFactory())


@pytest.fixture
def saved_search(graduate: User) -> SavedSearch:
    return saved_search_create(
        graduate=graduate.graduate_profile, params={"region": "busan"}, name="Busan"
    )


def test_save_list_and_delete_a_job(graduate_api: APIClient):
    posting = JobPostingFactory(title="Etch engineer")

    created = graduate_api.post(f"{G}/saved-jobs/", {"posting": posting.pk})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["posting"]["title"] == "Etch engineer" and body["is_open"] is True
    listed = graduate_api.get(f"{G}/saved-jobs/").json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]

    assert graduate_api.delete(f"{G}/saved-jobs/{body['id']}/").status_code == 204
    assert not SavedJob.objects.exists()


def test_a_closed_saved_job_is_listed_as_closed_and_a_draft_cannot_be_saved(
    graduate_api: APIClient, saved_job: SavedJob
):
    JobPosting.objects.filter(pk=saved_job.posting_id).update(status=PostingStatus.CLOSED)
    (row,) = graduate_api.get(f"{G}/saved-jobs/").json()["results"]
    assert row["is_open"] is False

    draft = JobPostingFactory(status=PostingStatus.DRAFT)
    response = graduate_api.post(f"{G}/saved-jobs/", {"posting": draft.pk})
    assert_error(response, 400, "validation_error", "posting")


def test_save_a_search_change_its_alerts_and_delete_it(graduate_api: APIClient):
    created = graduate_api.post(
        f"{G}/saved-searches/",
        {"filters": {"q": "etch", "region": "busan", "sponsorship": True}, "frequency": "instant"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["filters"] == {"q": "etch", "region": "busan", "sponsorship": "on"}
    assert body["frequency"] == "instant" and body["name"]

    url = f"{G}/saved-searches/{body['id']}/"
    changed = graduate_api.patch(url, {"frequency": "weekly", "name": "Busan etch"}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["frequency"], changed.json()["name"]) == ("weekly", "Busan etch")
    assert graduate_api.get(url).json()["frequency"] == "weekly"
    assert graduate_api.delete(url).status_code == 204
    assert not SavedSearch.objects.exists()


def test_bad_searches_and_frequencies_are_field_errors(
    graduate_api: APIClient, saved_search: SavedSearch
):
    bad_region = graduate_api.post(
        f"{G}/saved-searches/", {"filters": {"region": "atlantis"}}, format="json"
    )
    assert_error(bad_region, 400, "validation_error", "region")
    twin = graduate_api.post(
        f"{G}/saved-searches/", {"filters": {"region": "busan"}}, format="json"
    )
    assert_error(twin, 400, "validation_error")
    url = f"{G}/saved-searches/{saved_search.pk}/"
    assert_error(graduate_api.patch(url, {"frequency": "hourly"}), 400, "validation_error")
    saved_search.refresh_from_db()
    assert saved_search.frequency == "daily"


def test_another_graduates_saved_items_are_not_found(
    other_graduate_api: APIClient, saved_job: SavedJob, saved_search: SavedSearch
):
    for url in (f"{G}/saved-jobs/{saved_job.pk}/", f"{G}/saved-searches/{saved_search.pk}/"):
        for method in ("get", "patch", "delete"):
            response = getattr(other_graduate_api, method)(url, {"frequency": "off"})
            if method == "patch" and "saved-jobs" in url:
                assert response.status_code == 405
                continue
            assert_error(response, 404, "not_found")
    assert other_graduate_api.get(f"{G}/saved-jobs/").json()["results"] == []
    assert other_graduate_api.get(f"{G}/saved-searches/").json()["results"] == []
    assert SavedJob.objects.filter(pk=saved_job.pk).exists()
    saved_search.refresh_from_db()
    assert saved_search.frequency == "daily"


@pytest.mark.parametrize(("persona", "code"), OUTSIDERS)
def test_outsiders_are_refused_on_saved_items_whatever_the_id(
    persona_api: Any, persona: str, code: int, saved_job: SavedJob, saved_search: SavedSearch
):
    client = persona_api(persona)
    for url in (f"{G}/saved-jobs/{saved_job.pk}/", f"{G}/saved-searches/{saved_search.pk}/"):
        assert client.get(url).status_code == code
        assert client.delete(url).status_code == code
    assert client.post(f"{G}/saved-jobs/", {"posting": saved_job.posting_id}).status_code == code
    assert (
        client.patch(f"{G}/saved-searches/{saved_search.pk}/", {"frequency": "off"}).status_code
        == code
    )
    assert SavedJob.objects.count() == 1
    saved_search.refresh_from_db()
    assert saved_search.frequency == "daily"


def test_the_digest_frequency_is_a_preference(graduate_api: APIClient, graduate: User):
    response = graduate_api.patch(f"{G}/preferences/", {"match_digest_frequency": "weekly"})
    assert response.status_code == 200, response.content
    assert response.json()["match_digest_frequency"] == "weekly"
    bad = graduate_api.patch(f"{G}/preferences/", {"match_digest_frequency": "instant"})
    assert_error(bad, 400, "validation_error", "match_digest_frequency")
    graduate.graduate_profile.refresh_from_db()
    assert graduate.graduate_profile.match_digest_frequency == "weekly"
