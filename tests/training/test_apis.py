"""/api/v1/training/: public catalogue, graduate-only plans and suggestions, employer-only
sponsorship interest on their own postings."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from matching.services import match_run_request
from tests import factories
from tests.training.conftest import World
from training.models import SponsorshipInterest

pytestmark = pytest.mark.django_db


def test_course_list_is_public_paginated_filtered_and_searchable(client: Client) -> None:
    for i in range(22):
        factories.CourseFactory(title=f"Course {i}")
    korean = factories.CourseFactory(title="Korean II", kind="korean_language", topik_target=2)
    factories.CourseFactory(title="Old", is_active=False)
    url = reverse("api-training-courses")
    first = client.get(url).json()
    assert first["count"] == 23 and len(first["results"]) == 20 and first["next"]
    kinds = client.get(url, {"kind": "korean_language"}).json()
    assert [c["id"] for c in kinds["results"]] == [korean.pk]
    assert client.get(url, {"q": "korean"}).json()["count"] == 1
    assert client.get(url, {"kind": "nonsense"}).status_code == 400


def test_course_detail_and_providers_are_public(client: Client) -> None:
    course = factories.CourseFactory(eligible_nationalities=["VN"])
    factories.CourseSkillFactory(course=course, level_reached=4)
    body = client.get(reverse("api-training-course", args=[course.pk])).json()
    assert body["title"] == course.title and body["skills"][0]["level_reached"] == 4
    assert body["eligible_nationalities"] == ["VN"] and body["provider"]["name"]
    hidden = factories.CourseFactory(is_active=False)
    assert client.get(reverse("api-training-course", args=[hidden.pk])).status_code == 404
    providers = client.get(reverse("api-training-providers")).json()
    assert providers["count"] == 2


def test_plan_for_the_signed_in_graduate(graduate_client: Client, world: World) -> None:
    url = reverse("api-training-plan", args=[world.posting.pk])
    body = graduate_client.get(url, {"objective": "cost"}).json()
    assert [s["course"]["title"] for s in body["steps"]] == ["Fab automation"]
    assert body["score_after"] > body["score_before"]
    assert {g["name"] for g in body["covered"]} == {"Plasma engineering", "PLC programming"}
    assert graduate_client.get(url, {"objective": "fun"}).status_code == 400
    draft = factories.JobPostingFactory(status="draft", published_at=None)
    assert graduate_client.get(reverse("api-training-plan", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("persona", [None, "employer", "staff"])
def test_plan_and_suggestions_refuse_everyone_but_graduates(
    client: Client, world: World, persona: str | None, request: pytest.FixtureRequest
) -> None:
    refused = {403} if persona else {401, 403}  # anonymous: not authenticated
    if persona:
        client.force_login(request.getfixturevalue(persona))
    plan = client.get(reverse("api-training-plan", args=[world.posting.pk]))
    assert plan.status_code in refused
    assert client.get(reverse("api-training-suggestions")).status_code in refused


def test_graduate_without_a_profile_gets_404(client: Client, outsider: User, world: World) -> None:
    client.force_login(outsider)
    assert client.get(reverse("api-training-plan", args=[world.posting.pk])).status_code == 404
    assert client.get(reverse("api-training-suggestions")).status_code == 404


def test_suggestions_for_the_signed_in_graduate(
    graduate_client: Client, world: World, django_capture_on_commit_callbacks
) -> None:
    url = reverse("api-training-suggestions")
    assert graduate_client.get(url).json() == []
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    body = graduate_client.get(url, {"limit": 1}).json()
    assert [s["course"]["title"] for s in body] == ["Fab automation"]
    assert graduate_client.get(url, {"limit": "x"}).status_code == 400


@pytest.fixture
def own_posting(employer: User) -> object:
    return factories.JobPostingFactory(employer=employer.employer_membership.employer)


def test_employer_records_and_lists_interest_on_their_own_posting(
    employer_client: Client, own_posting: object, employer: User
) -> None:
    course = factories.CourseFactory()
    url = reverse("api-training-sponsorships")
    response = employer_client.post(
        url, {"posting": own_posting.pk, "course": course.pk, "note": "2 places"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    assert SponsorshipInterest.objects.get().created_by == employer
    factories.JobPostingFactory()  # someone else's
    other = factories.EmployerMemberFactory().employer
    SponsorshipInterest.objects.create(
        employer=other, posting=factories.JobPostingFactory(employer=other), course=course
    )
    listed = employer_client.get(url).json()
    assert [i["posting_id"] for i in listed["results"]] == [own_posting.pk]


def test_sponsorship_on_someone_elses_posting_is_404_and_bad_bodies_400(
    employer_client: Client, own_posting: object
) -> None:
    url = reverse("api-training-sponsorships")
    course = factories.CourseFactory()
    foreign = factories.JobPostingFactory()
    response = employer_client.post(
        url, {"posting": foreign.pk, "course": course.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    skill = factories.SkillFactory()
    for body in (
        {"posting": own_posting.pk},
        {"posting": own_posting.pk, "course": course.pk, "skill": skill.pk},
        {"posting": own_posting.pk, "course": 999999},
    ):
        assert employer_client.post(url, body, content_type="application/json").status_code == 400
    assert not SponsorshipInterest.objects.exists()


@pytest.mark.parametrize("persona", [None, "graduate", "staff"])
def test_sponsorship_is_for_employer_members_only(
    client: Client, persona: str | None, request: pytest.FixtureRequest
) -> None:
    refused = {403} if persona else {401, 403}  # anonymous: not authenticated
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("api-training-sponsorships")).status_code in refused


def test_unverified_employer_cannot_record_interest(
    client: Client, unverified_employer: User
) -> None:
    client.force_login(unverified_employer)
    posting = factories.JobPostingFactory(employer=unverified_employer.employer_membership.employer)
    response = client.post(
        reverse("api-training-sponsorships"),
        {"posting": posting.pk, "course": factories.CourseFactory().pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "verified" in response.json()["error"]["message"]
    assert not SponsorshipInterest.objects.exists()


def test_openapi_schema_documents_the_training_endpoints(client: Client) -> None:
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/training/courses/",
        "/api/v1/training/courses/{id}/",
        "/api/v1/training/providers/",
        "/api/v1/training/plan/{posting_pk}/",
        "/api/v1/training/suggestions/",
        "/api/v1/training/sponsorships/",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/training/courses/"]["get"]["parameters"]}
    assert {"q", "kind", "skill", "country", "mode", "cost", "page"} <= params
