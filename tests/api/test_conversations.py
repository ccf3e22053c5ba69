"""Conversations through the API: each side reads and writes its own threads; another company's
member, another graduate, staff and anonymous callers get 404 (or 401/403 at the door) for every
thread, and nothing they send lands in it."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from conversations.models import Conversation, Message
from conversations.services import conversation_for_application, message_post
from employers.models import EmployerMember
from jobs.models import Application
from notifications.models import Notification
from tests.api.helpers import assert_error
from tests.factories import ApplicationFactory, JobPostingFactory
from tests.profiles.factories import pdf_bytes
from tests.profiles.test_cv_active_content import _with_javascript

pytestmark = pytest.mark.django_db

G = "/api/v1/graduate"
E = "/api/v1/employer"


@pytest.fixture
def application(graduate: User, employer: User) -> Application:
    company = EmployerMember.objects.get(user=employer).employer
    posting = JobPostingFactory(employer=company)
    return ApplicationFactory(graduate=graduate.graduate_profile, posting=posting)


@pytest.fixture
def thread(application: Application) -> Conversation:
    return conversation_for_application(application=application)


def test_both_sides_write_and_read_one_thread(
    graduate_api: APIClient, employer_api: APIClient, application: Application, employer: User
):
    opened = graduate_api.post(f"{G}/applications/{application.pk}/conversation/")
    assert opened.status_code == 200 and opened.json()["messages"] == []
    pk = opened.json()["id"]

    sent = graduate_api.post(f"{G}/conversations/{pk}/messages/", {"body": "Hello"}, format="json")
    assert sent.status_code == 201 and sent.json()["from_graduate"] is True
    assert [c["unread"] for c in employer_api.get(f"{E}/conversations/").json()["results"]] == [1]

    detail = employer_api.get(f"{E}/conversations/{pk}/").json()
    assert [m["body"] for m in detail["messages"]] == ["Hello"]
    assert detail["contact_email"] is None and detail["contact_phone"] is None
    assert [c["unread"] for c in employer_api.get(f"{E}/conversations/").json()["results"]] == [0]

    reply = employer_api.post(f"{E}/conversations/{pk}/messages/", {"body": "Hi"}, format="json")
    assert reply.status_code == 201
    listed = graduate_api.get(f"{G}/conversations/").json()
    assert listed["count"] == 1 and listed["results"][0]["unread"] == 1
    assert Notification.objects.filter(user=employer, kind="new_message").count() == 1


def test_sharing_contact_details_shows_them_to_the_company(
    graduate_api: APIClient, employer_api: APIClient, thread: Conversation, graduate: User
):
    shared = graduate_api.post(f"{G}/conversations/{thread.pk}/share-contact/")

    assert shared.status_code == 200 and shared.json()["contact_shared"] is True
    assert employer_api.get(f"{E}/conversations/{thread.pk}/").json()["contact_email"] == (
        graduate.email
    )


def test_an_attachment_is_checked_like_a_cv(graduate_api: APIClient, thread: Conversation):
    upload = SimpleUploadedFile("cv.pdf", _with_javascript(), "application/pdf")

    response = graduate_api.post(
        f"{G}/conversations/{thread.pk}/messages/",
        {"body": "", "attachment": upload},
        format="multipart",
    )

    assert_error(response, 400, "validation_error", "attachment")
    assert not Message.objects.exists()


def test_a_plain_pdf_is_accepted(graduate_api: APIClient, thread: Conversation):
    upload = SimpleUploadedFile("cv.pdf", pdf_bytes(), "application/pdf")

    response = graduate_api.post(
        f"{G}/conversations/{thread.pk}/messages/",
        {"body": "", "attachment": upload},
        format="multipart",
    )

    assert response.status_code == 201 and response.json()["has_attachment"] is True


GRADUATE_OUTSIDERS = [
    ("other_graduate", 404),
    ("outsider", 403),  # a graduate account without a profile
    ("employer", 403),
    ("staff", 403),
    ("anonymous", 401),
]
EMPLOYER_OUTSIDERS = [
    ("other_employer", 404),
    ("unverified_employer", 403),
    ("graduate", 403),
    ("staff", 403),
    ("anonymous", 401),
]


@pytest.mark.parametrize(("persona", "code"), GRADUATE_OUTSIDERS)
def test_only_the_graduate_reaches_their_thread(
    persona_api: Any, persona: str, code: int, thread: Conversation, graduate: User
):
    message_post(conversation=thread, author=graduate, body="Mine")
    client = persona_api(persona)
    pk, application = thread.pk, thread.application_id

    assert client.get(f"{G}/conversations/{pk}/").status_code == code
    assert client.post(f"{G}/conversations/{pk}/messages/", {"body": "x"}).status_code == code
    assert client.post(f"{G}/conversations/{pk}/share-contact/").status_code == code
    assert client.post(f"{G}/applications/{application}/conversation/").status_code == code
    assert Message.objects.count() == 1
    thread.refresh_from_db()
    assert thread.contact_shared_at is None


@pytest.mark.parametrize(("persona", "code"), EMPLOYER_OUTSIDERS)
def test_only_the_companys_members_reach_its_thread(
    persona_api: Any, persona: str, code: int, thread: Conversation, graduate: User
):
    message_post(conversation=thread, author=graduate, body="Mine")
    client = persona_api(persona)
    pk, application = thread.pk, thread.application_id

    assert client.get(f"{E}/conversations/{pk}/").status_code == code
    assert client.post(f"{E}/conversations/{pk}/messages/", {"body": "x"}).status_code == code
    assert client.post(f"{E}/applications/{application}/conversation/").status_code == code
    assert Message.objects.count() == 1
    if persona == "other_employer":
        assert client.get(f"{E}/conversations/").json()["results"] == []


def test_the_company_cannot_share_the_graduates_contact_details(
    employer_api: APIClient, thread: Conversation
):
    response = employer_api.post(f"{G}/conversations/{thread.pk}/share-contact/")

    assert response.status_code == 403
