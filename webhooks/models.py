"""Webhook endpoints of a company or a partner, and every delivery of an event to them (the
delivery log)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class WebhookEvent(models.TextChoices):
    APPLICATION_CREATED = "application.created", "application.created"
    APPLICATION_MOVED = "application.moved", "application.moved"
    POSTING_PUBLISHED = "posting.published", "posting.published"
    POSTING_CLOSED = "posting.closed", "posting.closed"
    # partners only: a graduate began or stopped sharing their profile with the partner
    GRADUATE_CONSENTED = "graduate.consented", "graduate.consented"
    GRADUATE_CONSENT_WITHDRAWN = "graduate.consent_withdrawn", "graduate.consent_withdrawn"


# What each kind of owner may hear: a company of its own applications and postings; a partner
# also of the graduates who share with it (their applications only while they share).
COMPANY_EVENTS = (
    WebhookEvent.APPLICATION_CREATED,
    WebhookEvent.APPLICATION_MOVED,
    WebhookEvent.POSTING_PUBLISHED,
    WebhookEvent.POSTING_CLOSED,
)
PARTNER_EVENTS = tuple(WebhookEvent)


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    """Where a verified company's own software (its applicant tracking system), or an approved
    partner's, hears of events; each request is signed with `secret` (webhooks.signing). It
    belongs to exactly one company or partner."""

    employer = models.ForeignKey(
        "employers.Employer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list, help_text="The WebhookEvent values it wants.")
    secret = models.CharField(max_length=80, default=new_secret, editable=False)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(employer__isnull=False, partner__isnull=True)
                    | models.Q(employer__isnull=True, partner__isnull=False)
                ),
                name="webhook_endpoint_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "pending"
    DELIVERED = "delivered", "delivered"
    FAILED = "failed", "failed"


class WebhookDelivery(models.Model):
    """One event for one endpoint: its id stays the same through retries and redeliveries, so
    the receiver acts on it once."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} ({self.status})"
