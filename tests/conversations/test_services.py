"""Writing in a conversation, who hears of it, sharing contact details, read markers, the
attachment checks (the CV's), and what happens to threads with the graduate's account."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from conversations.models import BODY_MAX, Conversation, Message, MessageKind
from conversations.selectors import (
    conversation_for_member,
    employer_inbox,
    graduate_conversations_export,
    graduate_inbox,
    shared_contact,
    unread_total,
)
from conversations.services import (
    ConversationClosed,
    _message_notify,
    conversation_contact_share,
    conversation_for_application,
    conversation_mark_read,
    message_post,
)
from employers.models import EmployerMember
from employers.permissions import CompanyNotVerified
from jobs.models import ApplicationStatus, PostingInvitation
from jobs.services import application_withdraw
from notifications.models import EmailDelivery, Notification
from notifications.services import email_render
from portal.account.deletion import graduate_account_delete_everywhere
from portal.account.selectors import user_data_export
from tests import factories
from tests.profiles.factories import pdf_bytes
from tests.profiles.test_cv_active_content import (
    _html_polyglot,
    _with_attachment,
    _with_javascript,
    _with_launch,
    _zip_polyglot,
)

pytestmark = pytest.mark.django_db


def _pdf(name: str = "portfolio.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def test_one_thread_per_application(application):
    first = conversation_for_application(application=application)
    again = conversation_for_application(application=application)

    assert first.pk == again.pk and Conversation.objects.count() == 1


def test_a_thread_is_about_exactly_one_application_or_invitation(application):
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create()
    posting = factories.JobPostingFactory()
    both = PostingInvitation.objects.create(posting=posting, graduate=application.graduate)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(application=application, invitation=both)


def test_a_graduates_message_notifies_every_company_member_once_in_app_and_by_email(
    thread, graduate, employer
):
    colleague = factories.EmployerMemberFactory(employer=employer.employer_membership.employer)

    message = message_post(conversation=thread, author=graduate, body="When is the interview?")

    for member in (employer, colleague.user):
        notes = Notification.objects.filter(user=member, kind="new_message")
        key = f"application-news:{thread.application_id}:message:{message.pk}:{member.pk}"
        assert [n.key for n in notes] == [key]
        assert EmailDelivery.objects.filter(user=member, template="new_message").count() == 1
    assert not Notification.objects.filter(user=graduate).exists()  # not the author


def test_each_message_is_news_once_and_a_repeat_changes_nothing(thread, graduate, employer):
    first = message_post(conversation=thread, author=employer, body="Hello")
    message_post(conversation=thread, author=employer, body="Are you free on Monday?")
    _message_notify(message=first, conversation=thread)  # a retry of the same news

    assert Notification.objects.filter(user=graduate, kind="new_message").count() == 2
    assert EmailDelivery.objects.filter(user=graduate, template="new_message").count() == 2


def test_the_email_says_who_wrote_about_what_but_never_the_text(thread, graduate, employer):
    message_post(conversation=thread, author=graduate, body="My number is 090 1234 5678")

    delivery = EmailDelivery.objects.get(user=employer)
    email = email_render(delivery)
    full_name = graduate.get_full_name()
    assert full_name in email.subject and "Etch process engineer" in email.subject
    assert "1234" not in email.body and "1234" not in str(email.alternatives[0][0])
    assert "/employer/messages/" in email.body


@pytest.mark.parametrize(
    ("body", "error"),
    [("   ", "Write a message or attach a PDF."), ("x" * (BODY_MAX + 1), "under 4000")],
)
def test_an_empty_or_too_long_message_is_refused_and_nothing_is_sent(thread, graduate, body, error):
    with pytest.raises(ValidationError) as refused:
        message_post(conversation=thread, author=graduate, body=body)

    assert error in " ".join(refused.value.message_dict["body"])
    assert not Message.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("status", [ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED])
def test_a_withdrawn_or_rejected_applications_thread_is_read_only(thread, employer, status):
    thread.application.status = status
    thread.application.save()

    with pytest.raises(ConversationClosed):
        message_post(conversation=thread, author=employer, body="One more thing")


def test_a_hired_graduate_and_the_company_can_still_talk(thread, employer):
    thread.application.status = ApplicationStatus.HIRED
    thread.application.save()

    assert message_post(conversation=thread, author=employer, body="Welcome aboard").pk


def test_when_the_graduate_withdraws_the_companys_message_news_forgets_their_name(
    thread, graduate, employer
):
    message_post(conversation=thread, author=graduate, body="Hello")
    note = Notification.objects.get(user=employer, kind="new_message")
    assert note.params["graduate_name"] == graduate.get_full_name()

    application_withdraw(application=thread.application, by=graduate)

    note.refresh_from_db()
    assert note.params["graduate_name"] == ""
    delivery = EmailDelivery.objects.get(user=employer, template="new_message")
    assert delivery.context["params"]["graduate_name"] == ""


def test_a_company_that_is_not_verified_cannot_write(thread, employer):
    company = employer.employer_membership.employer
    company.verification_status = "pending"
    company.save()

    with pytest.raises(CompanyNotVerified):
        message_post(conversation=thread, author=employer, body="Hello")
    assert not Message.objects.exists()


def test_someone_outside_the_thread_cannot_write(thread, other_employer, other_graduate):
    for stranger in (other_employer, other_graduate):
        with pytest.raises(PermissionDenied):
            message_post(conversation=thread, author=stranger, body="Hi")


def test_a_plain_pdf_is_attached_privately_under_a_random_name(thread, graduate):
    message = message_post(
        conversation=thread, author=graduate, body="", attachment=_pdf("Lan portfolio.pdf")
    )

    assert message.attachment.name.startswith("messages/") and "Lan" not in message.attachment.name
    assert message.attachment_name == "Lan portfolio.pdf"
    with pytest.raises(ValueError):
        message.attachment.url  # noqa: B018 - private files have no URL


@pytest.mark.parametrize(
    "make",
    [
        _with_javascript,
        _with_launch,
        _with_attachment,
        _html_polyglot,
        _zip_polyglot,
        lambda: b"MZ\x90\x00 an executable",
        lambda: pdf_bytes(password="secret"),
    ],
)
def test_attachments_are_refused_like_cvs(thread, graduate, make):
    with pytest.raises(ValidationError) as refused:
        message_post(
            conversation=thread,
            author=graduate,
            body="See attached",
            attachment=_pdf(content=make()),
        )

    assert "attachment" in refused.value.message_dict
    assert not Message.objects.exists()


def test_an_attachment_over_the_cv_size_limit_is_refused(thread, graduate, settings):
    settings.CV_MAX_BYTES = 300

    with pytest.raises(ValidationError) as refused:
        message_post(conversation=thread, author=graduate, body="", attachment=_pdf())

    assert "the limit is" in " ".join(refused.value.message_dict["attachment"])


def test_contact_details_are_hidden_until_the_graduate_shares_them(thread, graduate, employer):
    profile = graduate.graduate_profile
    profile.phone = "+84901234567"
    profile.save()
    assert shared_contact(conversation=thread) is None

    conversation_contact_share(conversation=thread, by=graduate)
    conversation_contact_share(conversation=thread, by=graduate)  # twice: recorded once

    contact = shared_contact(conversation=thread)
    assert contact is not None and contact.email == graduate.email
    assert contact.phone == "+84 901 234 567"
    shared = Message.objects.filter(kind=MessageKind.CONTACT_SHARED)
    assert shared.count() == 1 and shared.get().body == ""
    assert Notification.objects.filter(user=employer, kind="new_message").count() == 1


def test_only_the_graduate_shares_their_contact_details(thread, employer):
    with pytest.raises(PermissionDenied):
        conversation_contact_share(conversation=thread, by=employer)
    thread.refresh_from_db()
    assert thread.contact_shared_at is None


def test_unread_counts_follow_each_readers_marker(thread, graduate, employer):
    company = employer.employer_membership.employer
    message_post(conversation=thread, author=graduate, body="Hello")
    message_post(conversation=thread, author=graduate, body="Are you there?")

    assert [c.unread for c in employer_inbox(user=employer, employer=company)] == [2]
    assert [c.unread for c in graduate_inbox(profile=graduate.graduate_profile)] == [0]
    assert unread_total(user=employer) == 1
    assert unread_total(user=graduate) == 0  # a thread with news, all of it their own

    conversation_mark_read(conversation=thread, user=employer)

    assert [c.unread for c in employer_inbox(user=employer, employer=company)] == [0]
    assert unread_total(user=employer) == 0


def test_a_removed_member_loses_the_company_threads(thread, employer):
    EmployerMember.objects.filter(user=employer).delete()

    with pytest.raises(Conversation.DoesNotExist):
        conversation_for_member(user=employer, pk=thread.pk)


def test_the_graduates_export_holds_their_conversations(thread, graduate, employer):
    message_post(conversation=thread, author=employer, body="Thanks for applying")
    message_post(conversation=thread, author=graduate, body="Thank you")

    export = user_data_export(user=graduate)

    assert export["conversations"] == graduate_conversations_export(
        profile=graduate.graduate_profile
    )
    assert [m["body"] for m in export["conversations"][0]["messages"]] == [
        "Thanks for applying",
        "Thank you",
    ]


def test_deleting_the_account_deletes_the_threads_and_their_files(
    thread, graduate, employer, django_capture_on_commit_callbacks
):
    message = message_post(conversation=thread, author=graduate, body="", attachment=_pdf())
    storage, name = message.attachment.storage, message.attachment.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        graduate_account_delete_everywhere(user=graduate)

    assert not Conversation.objects.exists() and not Message.objects.exists()
    assert not storage.exists(name)


def test_the_kept_unread_figure_is_forgotten_by_a_message_and_by_reading(
    thread, graduate, employer
):
    """Every page shows the figure, so it is kept; a new message forgets it for the other
    side at once, and reading the thread forgets the reader's."""
    assert unread_total(user=employer) == 0 and unread_total(user=graduate) == 0  # kept
    message_post(conversation=thread, author=graduate, body="Hello")
    assert unread_total(user=employer) == 1
    message_post(conversation=thread, author=employer, body="Welcome")
    assert unread_total(user=graduate) == 1
    conversation_mark_read(conversation=thread, user=graduate)
    assert unread_total(user=graduate) == 0
    assert unread_total(user=employer) == 0  # the company's own reply marked the thread read
