"""Conversations between a graduate and a company: one thread per application and one per
invitation to apply, its messages, and when each participant last read it.

The company side is every member of the posting's company (while it is verified and may see the
graduate); the graduate side is the graduate. Contact details are never put into a thread by the
platform: only after the graduate shares them (`contact_shared_at`) does the company see their
e-mail address and phone number beside the thread."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ApplicationStatus
from jobs.models import Application, JobPosting, PostingInvitation, PostingStatus
from profiles.models import GraduateProfile, private_storage

BODY_MAX = 4000
# An application in one of these states has a read-only thread: the graduate withdrew or the
# company said no. A hired graduate and the company may still need to talk, so hired stays open.
CLOSED_APPLICATION = frozenset({ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED})


def attachment_upload_path(instance: "Message", filename: str) -> str:
    """A random name: the uploaded file name is never used as a storage path."""
    return f"messages/{uuid.uuid4().hex}.pdf"


class Conversation(models.Model):
    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation",
    )
    invitation = models.OneToOneField(
        PostingInvitation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation",
    )
    contact_shared_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the graduate shared their contact details.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(application__isnull=False, invitation__isnull=True)
                    | models.Q(application__isnull=True, invitation__isnull=False)
                ),
                name="conversation_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} about {self.posting.title}"

    @property
    def subject(self) -> Application | PostingInvitation:
        subject = self.application or self.invitation
        assert subject is not None, "a conversation is about an application or an invitation"
        return subject

    @property
    def posting(self) -> JobPosting:
        return self.subject.posting

    @property
    def graduate(self) -> GraduateProfile:
        return self.subject.graduate

    @property
    def is_open(self) -> bool:
        """Whether new messages may be written: not once the application is withdrawn or
        rejected, nor once an invitation's posting is closed."""
        if self.application is not None:
            return self.application.status not in CLOSED_APPLICATION
        return self.posting.status != PostingStatus.CLOSED

    @property
    def contact_shared(self) -> bool:
        return self.contact_shared_at is not None


class MessageKind(models.TextChoices):
    TEXT = "text", _("Message")
    CONTACT_SHARED = "contact_shared", _("Contact details shared")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # A company member who leaves keeps their messages in the thread, without the name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_is_graduate = models.BooleanField(default=False)
    kind = models.CharField(max_length=16, choices=MessageKind.choices, default=MessageKind.TEXT)
    body = models.TextField(blank=True, max_length=BODY_MAX)
    attachment = models.FileField(
        storage=private_storage, upload_to=attachment_upload_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MessageKind.values), name="message_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="text", body="", attachment=""),
                name="message_text_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in conversation {self.conversation_id}"


class ConversationRead(models.Model):
    """When one participant last read a thread: what is newer and someone else's is unread."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversationread_one_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.conversation_id} at {self.last_read_at}"
