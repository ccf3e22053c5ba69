"""In-app notifications and the record of every e-mail the platform sends.

Both carry an idempotency `key` (unique): whatever enqueues them twice, one row exists, so a
notification is shown once and an e-mail is sent once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    APPLICATION_MOVED = "application_moved", _("Application status changed")
    INVITED_TO_APPLY = "invited_to_apply", _("Invitation to apply")
    NEW_APPLICATION = "new_application", _("New application")
    APPLICATION_WITHDRAWN = "application_withdrawn", _("Application withdrawn")
    MATCH_DIGEST = "match_digest", _("New postings that match you")
    COMPANY_VERIFICATION = "company_verification", _("Company verification")
    NEW_MESSAGE = "new_message", _("New message")
    SAVED_SEARCH_ALERT = "saved_search_alert", _("New jobs for a saved search")
    INTERVIEW_PROPOSED = "interview_proposed", _("Interview times proposed")
    INTERVIEW_BOOKED = "interview_booked", _("Interview booked")
    INTERVIEW_RESCHEDULED = "interview_rescheduled", _("Interview rescheduled")
    INTERVIEW_CANCELLED = "interview_cancelled", _("Interview cancelled")
    INTERVIEW_REMINDER = "interview_reminder", _("Interview reminder")


class Notification(models.Model):
    """A message in a user's notification list. The text is written at display time from `kind`
    and `params`, so it follows the reader's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=NotificationKind.choices)
    key = models.CharField(max_length=120, unique=True)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailDelivery(models.Model):
    """One e-mail: what to render (`template` + `context`), to whom, and what became of it.

    `template` names a triplet under templates/notifications/email/: `<name>_subject.txt`,
    `<name>.txt` and `<name>.html`. `attempts` counts tries against the mail server; each is
    recorded before the server is contacted, so a worker killed mid-send still counts it.
    The retry schedule lives here (`next_attempt_at`), not in the broker, so no outage of Redis
    loses an e-mail: a sweep sends every pending delivery whose time has come."""

    key = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="email_deliveries",
    )
    to_email = models.EmailField()
    template = models.CharField(max_length=60)
    context = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="A pending e-mail is (re)sent by the sweep once this time has come.",
    )
    claimed_until = models.DateTimeField(
        null=True, blank=True, help_text="A worker is talking to the mail server until then."
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "e-mail deliveries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="delivery_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="delivery_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} to {self.to_email} ({self.status})"
