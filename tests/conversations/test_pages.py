"""The conversation pages of both sides: the thread on the application pages, writing (htmx and
plain form), the inbox, contact sharing, attachments, and 404 for everyone outside the thread."""

import logging

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conversations.models import Message
from conversations.services import (
    conversation_contact_share,
    conversation_for_application,
    message_post,
)
from jobs.models import ApplicationStatus, PostingInvitation
from tests import factories
from tests.profiles.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(thread, message_pk: int = 0) -> dict[str, list[str]]:
    pk = thread.pk
    return {
        "graduate": [
            reverse("graduate:conversation_detail", args=[pk]),
            reverse("graduate:conversation_post", args=[pk]),
            reverse("graduate:conversation_share", args=[pk]),
            reverse("graduate:message_attachment", args=[pk, message_pk]),
        ],
        "employer": [
            reverse("employer:conversation_detail", args=[pk]),
            reverse("employer:conversation_post", args=[pk]),
            reverse("employer:message_attachment", args=[pk, message_pk]),
        ],
    }


def _attached(thread, author) -> Message:
    upload = SimpleUploadedFile("portfolio.pdf", pdf_bytes(), "application/pdf")
    return message_post(conversation=thread, author=author, body="", attachment=upload)


def test_the_graduate_writes_from_the_application_page_without_javascript(thread, graduate_client):
    page = reverse("graduate:application_detail", args=[thread.application.pk])
    assert "Conversation with" in graduate_client.get(page).content.decode()

    response = graduate_client.post(
        reverse("graduate:conversation_post", args=[thread.pk]),
        {"body": "Is the role open to new graduates?", "next": page},
    )

    assert response.status_code == 302 and response["Location"] == page
    assert "Is the role open to new graduates?" in graduate_client.get(page).content.decode()


def test_the_employer_replies_with_htmx_and_gets_the_thread_back(thread, graduate, employer_client):
    message_post(conversation=thread, author=graduate, body="Hello")

    response = employer_client.post(
        reverse("employer:conversation_post", args=[thread.pk]),
        {"body": "Welcome, let us talk on Monday."},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200 and 'id="thread"' in body
    assert "Welcome, let us talk on Monday." in body and "<html" not in body


def test_a_refused_message_keeps_what_was_typed_and_says_why(thread, graduate_client, settings):
    settings.CV_MAX_BYTES = 300
    upload = SimpleUploadedFile("big.pdf", pdf_bytes(pages=3), "application/pdf")

    response = graduate_client.post(
        reverse("graduate:conversation_post", args=[thread.pk]),
        {"body": "My portfolio is attached", "attachment": upload},
    )

    body = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in body
    assert "the limit is" in body and "My portfolio is attached" in body
    assert not Message.objects.exists()


def test_with_htmx_a_refused_message_comes_back_in_place_with_what_was_typed(
    thread, graduate_client
):
    response = graduate_client.post(
        reverse("graduate:conversation_post", args=[thread.pk]),
        {"body": "x" * 4001},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful answers
    assert 'role="alert"' in body and "x" * 4001 in body and "<html" not in body
    assert not Message.objects.exists()


def test_an_empty_message_is_refused_with_a_clear_error(thread, graduate_client):
    response = graduate_client.post(
        reverse("graduate:conversation_post", args=[thread.pk]), {"body": "  "}
    )

    assert response.status_code == 400
    assert "Write a message or attach a PDF." in response.content.decode()


def test_the_employer_sees_the_thread_on_the_application_page(thread, graduate, employer_client):
    message_post(conversation=thread, author=graduate, body="I can start in March.")

    page = employer_client.get(reverse("employer:application_detail", args=[thread.application.pk]))

    assert "I can start in March." in page.content.decode()


def test_the_phone_reaches_the_company_only_after_the_graduate_shares_it(
    thread, graduate, employer_client
):
    profile = graduate.graduate_profile
    profile.phone = "+84901234567"
    profile.save()
    pages = [
        reverse("employer:conversation_detail", args=[thread.pk]),
        reverse("employer:application_detail", args=[thread.application.pk]),
    ]
    for page in pages:
        body = employer_client.get(page).content.decode()
        assert "+84901234567" not in body and "+84 901 234 567" not in body

    _client(graduate).post(reverse("graduate:conversation_share", args=[thread.pk]))

    for page in pages:
        body = employer_client.get(page).content.decode()
        assert "+84 901 234 567" in body and "Contact details (e-mail address" in body


def test_the_inbox_shows_unread_threads_until_they_are_opened(thread, graduate, employer_client):
    message_post(conversation=thread, author=graduate, body="Hello")
    inbox = reverse("employer:conversations")

    assert "1 unread" in employer_client.get(inbox).content.decode()
    assert "nav-messages-unread" in employer_client.get(inbox).content.decode()
    employer_client.get(reverse("employer:conversation_detail", args=[thread.pk]))

    body = employer_client.get(inbox).content.decode()
    assert "1 unread" not in body and "nav-messages-unread" not in body


def test_participants_download_an_attachment_and_the_read_is_audited(
    thread, graduate, employer_client, caplog
):
    message = _attached(thread, graduate)

    with caplog.at_level(logging.INFO, logger="talentbridge.audit"):
        response = employer_client.get(
            reverse("employer:message_attachment", args=[thread.pk, message.pk])
        )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert f"attachment of message {message.pk}" in caplog.text


@pytest.mark.parametrize("persona", ["other_employer", "other_graduate", "outsider"])
def test_everyone_outside_the_thread_gets_404(thread, graduate, persona, request):
    message = _attached(thread, graduate)
    client = _client(request.getfixturevalue(persona))
    side = "employer" if persona == "other_employer" else "graduate"

    for url in _urls(thread, message.pk)[side]:
        method = client.post if url.endswith(("/post/", "/share-contact/")) else client.get
        assert method(url).status_code == 404, url
    assert not Message.objects.exclude(pk=message.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in(thread, client):
    for urls in _urls(thread, 1).values():
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 405) and "Conversation" not in str(
                response.content
            )


def test_a_removed_member_no_longer_reaches_the_thread(thread, employer, employer_client):
    company = employer.employer_membership.employer
    factories.EmployerMemberFactory(employer=company)  # the company goes on without them
    employer.employer_membership.delete()
    url = reverse("employer:conversation_detail", args=[thread.pk])

    response = employer_client.get(url)  # no company any more: sent to set one up
    assert response.status_code == 302 and response["Location"] == reverse(
        "employer:company_create"
    )

    factories.EmployerMemberFactory(user=employer)  # joined another company since
    assert employer_client.get(url).status_code == 404


def test_an_unverified_company_is_told_why_it_cannot_read(thread, employer, employer_client):
    company = employer.employer_membership.employer
    company.verification_status = "pending"
    company.save()

    response = employer_client.get(reverse("employer:conversation_detail", args=[thread.pk]))

    assert response.status_code == 403


def test_a_withdrawn_applicants_thread_is_hidden_from_the_company_and_read_only_for_them(
    thread, graduate_client, employer_client
):
    thread.application.status = ApplicationStatus.WITHDRAWN
    thread.application.save()

    assert (
        employer_client.get(reverse("employer:conversation_detail", args=[thread.pk])).status_code
        == 404
    )
    page = graduate_client.get(reverse("graduate:conversation_detail", args=[thread.pk]))
    body = page.content.decode()
    post_url = reverse("graduate:conversation_post", args=[thread.pk])
    assert 'id="thread-closed"' in body and post_url not in body
    refused = graduate_client.post(
        reverse("graduate:conversation_post", args=[thread.pk]), {"body": "Hello?"}
    )
    assert refused.status_code == 400 and not Message.objects.exists()


def test_a_rejected_applicants_thread_stays_readable_but_closed_for_the_company(
    thread, graduate, employer_client
):
    message_post(conversation=thread, author=graduate, body="Thank you for your time")
    thread.application.status = ApplicationStatus.REJECTED
    thread.application.save()

    body = employer_client.get(
        reverse("employer:conversation_detail", args=[thread.pk])
    ).content.decode()

    assert "Thank you for your time" in body and 'id="thread-closed"' in body


def test_the_company_opens_a_thread_about_an_invitation(graduate, employer_client, employer):
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    invitation = PostingInvitation.objects.create(
        posting=posting, graduate=graduate.graduate_profile, invited_by=employer
    )

    opened = employer_client.post(reverse("employer:invitation_conversation", args=[invitation.pk]))
    assert opened.status_code == 302
    thread = invitation.conversation
    employer_client.post(
        reverse("employer:conversation_post", args=[thread.pk]), {"body": "We would love to hear"}
    )

    inbox = _client(graduate).get(reverse("graduate:conversations")).content.decode()
    assert posting.title in inbox and "1 unread" in inbox


def test_another_company_cannot_open_a_thread_about_someone_elses_invitation(
    graduate, employer, other_employer
):
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    invitation = PostingInvitation.objects.create(
        posting=posting, graduate=graduate.graduate_profile
    )

    response = _client(other_employer).post(
        reverse("employer:invitation_conversation", args=[invitation.pk])
    )

    assert response.status_code == 404


def test_long_threads_show_the_latest_messages_and_a_link_to_earlier_ones(
    thread, graduate, graduate_client
):
    for n in range(55):
        message_post(conversation=thread, author=graduate, body=f"Note number {n:02d}")

    body = graduate_client.get(
        reverse("graduate:conversation_detail", args=[thread.pk])
    ).content.decode()

    assert "Note number 54" in body and "Note number 04" not in body
    assert "Show earlier messages" in body
    assert body.index("Note number 53") < body.index("Note number 54")  # newest at the bottom


def test_a_contact_share_by_the_graduate_is_shown_to_them_too(thread, graduate, graduate_client):
    conversation_contact_share(conversation=thread, by=graduate)

    body = graduate_client.get(
        reverse("graduate:conversation_detail", args=[thread.pk])
    ).content.decode()

    assert "You shared your contact details" in body and "Share my contact details" not in body


def test_the_candidate_page_offers_to_write_once_the_graduate_is_invited(
    graduate, employer, employer_client
):
    posting = factories.JobPostingFactory(employer=employer.employer_membership.employer)
    invitation = PostingInvitation.objects.create(
        posting=posting, graduate=graduate.graduate_profile, invited_by=employer
    )
    page = reverse("employer:candidate_detail", args=[posting.pk, graduate.graduate_profile.pk])

    body = employer_client.get(page).content.decode()

    assert reverse("employer:invitation_conversation", args=[invitation.pk]) in body
    assert "Write to the candidate" in body


@pytest.mark.parametrize("side", ["graduate", "employer"])
def test_the_inbox_takes_the_same_queries_however_many_threads(graduate, employer, side):
    company = employer.employer_membership.employer
    client = _client(graduate if side == "graduate" else employer)
    url = reverse(f"{side}:conversations")

    def add_thread() -> None:
        posting = factories.JobPostingFactory(employer=company)
        application = factories.ApplicationFactory(
            graduate=graduate.graduate_profile, posting=posting
        )
        thread = conversation_for_application(application=application)
        message_post(conversation=thread, author=employer, body="Hello")
        message_post(conversation=thread, author=graduate, body="Hi")

    add_thread()
    cache.clear()  # both sizes measured with nothing kept (the nav's figures, the session)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(4):
        add_thread()
    cache.clear()
    with CaptureQueriesContext(connection) as five:
        body = client.get(url).content.decode()

    assert body.count("inbox-item") == 5
    assert len(five) == len(one)
