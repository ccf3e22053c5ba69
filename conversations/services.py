"""Writes for conversations: opening a thread, writing in it (with an optional PDF attachment),
sharing the graduate's contact details, marking it read, and deleting a graduate's threads
with their account. Who may do it is checked by the caller through conversations.selectors
(404 for everyone else); the services check what only they know: the thread is open, the
author is a participant, the attachment is a plain PDF."""

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from conversations.models import BODY_MAX, Conversation, ConversationRead, Message, MessageKind
from conversations.selectors import unread_key
from employers.models import EmployerMember
from employers.permissions import require_verified
from jobs.models import Application, PostingInvitation
from jobs.services.news import application_news_key
from notifications.services import notify
from profiles.cv import cv_validate
from profiles.models import GraduateProfile, private_storage


class ConversationClosed(ValidationError):
    """The thread is read-only (application withdrawn or rejected, posting closed)."""


def conversation_for_application(*, application: Application) -> Conversation:
    """The application's thread, made on first use (one per application)."""
    conversation, _created = Conversation.objects.get_or_create(application=application)
    return conversation


def conversation_for_invitation(*, invitation: PostingInvitation) -> Conversation:
    """The invitation's thread, made on first use (one per invitation)."""
    conversation, _created = Conversation.objects.get_or_create(invitation=invitation)
    return conversation


def _author_is_graduate(conversation: Conversation, author: User) -> bool:
    """True for the graduate, False for a member of the posting's company; PermissionDenied
    for anyone else (callers find the thread through the selectors, so this is a last guard)."""
    if conversation.graduate.user_id == author.pk:
        return True
    membership = (
        EmployerMember.objects.select_related("employer")
        .filter(user=author, employer_id=conversation.posting.employer_id)
        .first()
    )
    if membership is not None:
        require_verified(membership.employer)  # a company not verified does not write to them
        return False
    raise PermissionDenied("Only the graduate and the company's members write in this thread.")


@transaction.atomic
def message_post(
    *,
    conversation: Conversation,
    author: User,
    body: str,
    attachment: UploadedFile | None = None,
) -> Message:
    """Write a message (text, a PDF, or both) and tell the other side, in the app and by
    e-mail, once per message and recipient. The e-mail never carries the text: only who wrote
    about which posting, and a link."""
    from_graduate = _author_is_graduate(conversation, author)
    if not conversation.is_open:
        raise ConversationClosed(_("This conversation is closed; no new messages can be sent."))
    body = body.strip()
    errors: dict[str, str] = {}
    if not body and attachment is None:
        errors["body"] = _("Write a message or attach a PDF.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Keep the message under %(n)s characters (it has %(count)s).") % {
            "n": BODY_MAX,
            "count": len(body),
        }
    if attachment is not None:
        try:
            cv_validate(attachment)
        except ValidationError as refused:
            errors["attachment"] = " ".join(refused.messages)
    if errors:
        raise ValidationError(errors)
    message = Message(
        conversation=conversation, author=author, author_is_graduate=from_graduate, body=body
    )
    message.full_clean(exclude=["attachment", "conversation"])
    if attachment is not None:
        message.attachment_name = (attachment.name or "attachment.pdf")[-200:]
        message.attachment.save(attachment.name or "attachment.pdf", attachment, save=False)
    try:
        message.save()
    except Exception:
        if message.attachment:
            message.attachment.storage.delete(message.attachment.name)
        raise
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    conversation.last_message_at = message.created_at
    conversation_mark_read(conversation=conversation, user=author)
    _message_notify(message=message, conversation=conversation)
    return message


@transaction.atomic
def conversation_contact_share(*, conversation: Conversation, by: User) -> Conversation:
    """The graduate lets the company see their e-mail address and phone number in this thread;
    recorded once, with a line in the thread. Only the graduate may share (PermissionDenied)."""
    if conversation.graduate.user_id != by.pk:
        raise PermissionDenied("Only the graduate shares their contact details.")
    if conversation.contact_shared_at is not None:
        return conversation
    conversation.contact_shared_at = timezone.now()
    conversation.save(update_fields=["contact_shared_at"])
    message = Message.objects.create(
        conversation=conversation,
        author=by,
        author_is_graduate=True,
        kind=MessageKind.CONTACT_SHARED,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    conversation_mark_read(conversation=conversation, user=by)
    _message_notify(message=message, conversation=conversation)
    return conversation


def conversation_mark_read(*, conversation: Conversation, user: User) -> None:
    """Everything in the thread up to now is read by `user`."""
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=user, defaults={"last_read_at": timezone.now()}
    )
    _unread_forget([user.pk])


def _unread_forget(user_ids: list[int]) -> None:
    """The nav's unread figures of these users are read again: now, and after the commit (a
    request in between may have kept the figure from before it)."""
    keys = [unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _message_notify(*, message: Message, conversation: Conversation) -> None:
    """The other side hears of the message: the graduate, or every member of the company."""
    posting = conversation.posting
    graduate = conversation.graduate
    params: dict[str, Any] = {"posting_title": posting.title, "company": posting.employer.name}
    # News to the company about an application's thread shares the application's prefix, so
    # the graduate's name leaves it when the company stops seeing them (jobs.services.news).
    prefix = (
        application_news_key(conversation.application_id)
        if conversation.application_id is not None
        else f"invitation-news:{conversation.invitation_id}:"
    )
    if message.author_is_graduate:
        params |= {"graduate_name": graduate.user.get_full_name(), "person": graduate.user_id}
        recipients = [m.user for m in posting.employer.members.select_related("user")]
        url = reverse("employer:conversation_detail", args=[conversation.pk])
    else:
        recipients = [graduate.user]
        url = reverse("graduate:conversation_detail", args=[conversation.pk])
    params["from_graduate"] = message.author_is_graduate
    _unread_forget([user.pk for user in recipients])
    for user in recipients:
        notify(
            user=user,
            kind="new_message",
            key=f"{prefix}message:{message.pk}:{user.pk}",
            params=params,
            url=url,
        )


def graduate_conversations_delete(*, profile: GraduateProfile) -> int:
    """Before the graduate's account is deleted: their threads go with it (the rows would
    follow by cascade; this also removes the attached files after the commit)."""
    conversations = Conversation.objects.filter(application__graduate=profile) | (
        Conversation.objects.filter(invitation__graduate=profile)
    )
    names = list(
        Message.objects.filter(conversation__in=conversations)
        .exclude(attachment="")
        .values_list("attachment", flat=True)
    )
    storage = private_storage

    def delete_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    deleted, _counts = conversations.delete()
    return deleted
