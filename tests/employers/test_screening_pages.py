"""Screening questions through the pages: the employer's question page, answering on the job
page, the answers and the mark on the application page and the pipeline; 404 for others."""

import pytest
from django.test import Client
from django.urls import reverse

from jobs.models import Application, ScreeningQuestion
from jobs.services.screening import screening_question_add
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(posting, employer):
    return screening_question_add(
        posting=posting, by=employer, text="Can you start in March?", kind="yes_no",
        expected_yes=True,
    )  # fmt: skip


def test_the_employer_adds_a_question_with_a_knockout_rule(employer_client, posting):
    url = reverse("employer:screening", args=[posting.pk])
    response = employer_client.post(
        url, {"text": "Years of PLC work?", "kind": "number", "required": "on", "minimum": "2"}
    )
    assert response.url == url
    question = ScreeningQuestion.objects.get(posting=posting)
    assert (question.kind, question.minimum, question.required) == ("number", 2, True)
    page = employer_client.get(url).content.decode()
    assert "Years of PLC work?" in page and "at least 2" in page


def test_a_bad_question_is_shown_again_with_the_reason(employer_client, posting):
    url = reverse("employer:screening", args=[posting.pk])
    response = employer_client.post(url, {"text": "Site?", "kind": "choice", "options": "A"})
    assert response.status_code == 400
    assert "at least two different choices" in response.content.decode()


def test_the_graduate_answers_and_the_employer_sees_the_mark(
    graduate, graduate_client, employer_client, posting, question
):
    factories.ready_to_apply(graduate.graduate_profile)
    apply = reverse("jobs:apply", args=[posting.pk])
    detail = graduate_client.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    assert "Can you start in March?" in detail

    missing = graduate_client.post(apply, {"cover_letter": "Kept letter"})
    assert missing.status_code == 400
    assert "Answer this question: Can you start in March?" in missing.content.decode()
    assert "Please correct the fields marked below." in missing.content.decode()
    assert "Kept letter" in missing.content.decode()

    graduate_client.post(apply, {"cover_letter": "Hi", f"answer_{question.pk}": "no"})
    application = Application.objects.get(posting=posting)
    assert application.status == "applied"
    own = reverse("graduate:application_detail", args=[application.pk])
    mine = graduate_client.get(own).content.decode()
    assert "Can you start in March?" in mine and "misses" not in mine
    page = employer_client.get(reverse("employer:application_detail", args=[application.pk]))
    html = page.content.decode()
    assert "Does not meet screening:" in html and "Can you start in March? (No)" in html
    board = employer_client.get(reverse("employer:pipeline", args=[posting.pk])).content.decode()
    assert "Does not meet screening" in board


@pytest.mark.parametrize("persona", ["other_employer", "graduate", "other_graduate"])
def test_other_people_get_404_on_the_question_pages(request, posting, question, persona):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    page = reverse("employer:screening", args=[posting.pk])
    remove = reverse("employer:screening_remove", args=[posting.pk, question.pk])
    assert client.get(page).status_code == 404
    assert client.post(page, {"text": "x", "kind": "text"}).status_code == 404
    assert client.post(remove).status_code == 404
    assert ScreeningQuestion.objects.filter(pk=question.pk).exists()


def test_anonymous_visitors_sign_in_first(client, posting, question):
    response = client.get(reverse("employer:screening", args=[posting.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_a_question_of_another_posting_is_404(employer_client, posting, question, other_employer):
    theirs = factories.JobPostingFactory(employer=other_employer.employer_membership.employer)
    their_question = screening_question_add(
        posting=theirs, by=other_employer, text="Theirs?", kind="text"
    )
    remove = reverse("employer:screening_remove", args=[posting.pk, their_question.pk])
    assert employer_client.post(remove).status_code == 404
    assert ScreeningQuestion.objects.filter(pk=their_question.pk).exists()
