"""Screening questions through the API: the company manages a posting's questions, graduates see
them (never the knockout rules) and answer when applying, the employer reads the answers.
Others: 401/403 by role, another company 404, another graduate 404."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from jobs.models import Application, ScreeningQuestion
from jobs.services.screening import screening_question_add
from tests.api.helpers import assert_error
from tests.factories import JobPostingFactory, ready_to_apply

pytestmark = pytest.mark.django_db

E = "/api/v1/employer"
OUTSIDERS = [("anonymous", 401), ("graduate", 403), ("staff", 403), ("outsider", 403)]


@pytest.fixture
def posting(employer: User):
    return JobPostingFactory(employer=employer.employer_membership.employer)


@pytest.fixture
def question(posting, employer: User) -> ScreeningQuestion:
    return screening_question_add(
        posting=posting, by=employer, text="Can you start in March?", kind="yes_no",
        expected_yes=True,
    )  # fmt: skip


def test_the_company_adds_lists_and_removes_questions(employer_api: APIClient, posting):
    url = f"{E}/postings/{posting.pk}/screening-questions/"
    created = employer_api.post(
        url, {"text": "Site?", "answer_kind": "choice", "options": ["Icheon", "Ulsan"],
              "accepted_options": ["Icheon"]}, format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["accepted_options"] == ["Icheon"]
    listed = employer_api.get(url).json()
    assert [q["text"] for q in listed] == ["Site?"]
    posting_body = employer_api.get(f"{E}/postings/{posting.pk}/").json()
    assert posting_body["screening_questions"][0]["accepted_options"] == ["Icheon"]
    assert employer_api.delete(f"{url}{created.json()['id']}/").status_code == 204
    assert not ScreeningQuestion.objects.exists()


def test_a_bad_question_is_a_400(employer_api: APIClient, posting):
    url = f"{E}/postings/{posting.pk}/screening-questions/"
    response = employer_api.post(url, {"text": "Site?", "answer_kind": "choice", "options": ["A"]},
                                 format="json")  # fmt: skip
    assert_error(response, 400, "validation_error", "options")


def test_graduates_see_questions_without_rules_and_answer_them(
    graduate_api: APIClient, employer_api: APIClient, graduate: User, posting, question
):
    public = graduate_api.get(f"/api/v1/postings/{posting.pk}/").json()
    assert public["screening_questions"] == [
        {"id": question.pk, "text": "Can you start in March?", "answer_kind": "yes_no",
         "required": True, "options": []}
    ]  # fmt: skip
    ready_to_apply(graduate.graduate_profile)
    missing = graduate_api.post("/api/v1/graduate/applications/", {"posting": posting.pk},
                                format="json")  # fmt: skip
    assert_error(missing, 400, "validation_error", f"answer_{question.pk}")

    body = {"posting": posting.pk, "answers": [{"question": question.pk, "answer": False}]}
    created = graduate_api.post("/api/v1/graduate/applications/", body, format="json")
    assert created.status_code == 201, created.content

    application = Application.objects.get(posting=posting)
    seen = employer_api.get(f"{E}/applications/{application.pk}/").json()
    assert seen["screening_answers"] == [
        {"question": question.pk, "question_text": "Can you start in March?", "answer": "No",
         "meets": False}
    ]  # fmt: skip


@pytest.mark.parametrize(("persona", "code"), OUTSIDERS)
def test_only_employers_reach_the_question_endpoints(
    persona_api: Any, persona: str, code: int, posting, question
):
    client = persona_api(persona)
    url = f"{E}/postings/{posting.pk}/screening-questions/"
    assert client.get(url).status_code == code
    assert client.post(url, {"text": "x", "answer_kind": "text"}).status_code == code
    assert client.delete(f"{url}{question.pk}/").status_code == code
    assert ScreeningQuestion.objects.filter(pk=question.pk).exists()


def test_another_company_gets_404_on_questions_and_answers(
    other_employer_api: APIClient, posting, question, graduate: User
):
    url = f"{E}/postings/{posting.pk}/screening-questions/"
    assert_error(other_employer_api.get(url), 404, "not_found")
    assert_error(
        other_employer_api.post(url, {"text": "x", "answer_kind": "text"}), 404, "not_found"
    )
    assert_error(other_employer_api.delete(f"{url}{question.pk}/"), 404, "not_found")
    assert ScreeningQuestion.objects.filter(pk=question.pk).exists()


def test_a_question_of_another_posting_is_404(
    employer_api: APIClient, posting, other_employer: User
):
    theirs = JobPostingFactory(employer=other_employer.employer_membership.employer)
    their_question = screening_question_add(
        posting=theirs, by=other_employer, text="Theirs?", kind="text"
    )
    url = f"{E}/postings/{posting.pk}/screening-questions/{their_question.pk}/"
    assert_error(employer_api.delete(url), 404, "not_found")


def test_another_graduate_cannot_read_the_answers(
    graduate_api: APIClient, api_client_for: Any, other_graduate: User, posting, question
):
    ready_to_apply(other_graduate.graduate_profile)
    body = {"posting": posting.pk, "answers": [{"question": question.pk, "answer": True}]}
    theirs = api_client_for(other_graduate).post(
        "/api/v1/graduate/applications/", body, format="json"
    )
    assert theirs.status_code == 201, theirs.content
    url = f"/api/v1/graduate/applications/{theirs.json()['id']}/"
    assert_error(graduate_api.get(url), 404, "not_found")
    assert_error(
        graduate_api.get(f"{E}/applications/{theirs.json()['id']}/"), 403, "permission_denied"
    )


# --- bulk moves -----------------------------------------------------------------------------------


def test_a_bulk_move_through_the_api_reports_each_result(employer_api: APIClient, posting):
    from tests.factories import ApplicationFactory

    movable = ApplicationFactory(posting=posting)
    hired = ApplicationFactory(posting=posting, status="hired")
    theirs = ApplicationFactory()
    url = f"{E}/postings/{posting.pk}/applications/move/"
    body = {"applications": [movable.pk, hired.pk, theirs.pk], "to_status": "interview"}

    response = employer_api.post(url, body, format="json")

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["moved"] == [movable.pk]
    assert [r["id"] for r in answer["refused"]] == [hired.pk]
    assert answer["summary"].startswith("1 moved, 1 could not be moved:")
    theirs.refresh_from_db()
    assert theirs.status == "applied"


def test_a_bulk_rejection_needs_a_reason(employer_api: APIClient, posting):
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(posting=posting)
    url = f"{E}/postings/{posting.pk}/applications/move/"
    body = {"applications": [application.pk], "to_status": "rejected"}
    assert_error(employer_api.post(url, body, format="json"), 400, "validation_error",
                 "rejection_reason")  # fmt: skip


@pytest.mark.parametrize(("persona", "code"), [*OUTSIDERS, ("other_employer", 404)])
def test_others_cannot_bulk_move(persona_api: Any, persona: str, code: int, posting):
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(posting=posting)
    url = f"{E}/postings/{posting.pk}/applications/move/"
    body = {"applications": [application.pk], "to_status": "screening"}
    assert persona_api(persona).post(url, body, format="json").status_code == code
    application.refresh_from_db()
    assert application.status == "applied"
