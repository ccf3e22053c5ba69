"""Interviews: the employer proposes times (slots), the graduate books one.

Times are stored in UTC; pages write them in the reader's zone (core.timezones). `uid` and
`sequence` are the calendar invitation's identity and version (RFC 5545): the uid never
changes, the sequence goes up with every change sent to the calendars.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

DURATION_MIN, DURATION_MAX = 15, 240


class InterviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("Times proposed")
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class InterviewMode(models.TextChoices):
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone call")
    ON_SITE = "on_site", _("On site")


class CancelledBy(models.TextChoices):
    EMPLOYER = "employer", _("the employer")
    GRADUATE = "graduate", _("the candidate")


https_only = URLValidator(schemes=["https"], message=_("Enter a link that starts with https://."))


class Interview(TimeStampedModel):
    application = models.ForeignKey(
        "jobs.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=InterviewStatus.choices, default="proposed"
    )
    mode = models.CharField(
        _("how"), max_length=8, choices=InterviewMode.choices, default=InterviewMode.VIDEO
    )
    video_link = models.URLField(
        _("video link"), max_length=300, blank=True, validators=[https_only]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=45,
        validators=[MinValueValidator(DURATION_MIN), MaxValueValidator(DURATION_MAX)],
    )
    note = models.TextField(_("note to the candidate"), max_length=1000, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    # DO_NOTHING: a slot goes only with its interview (the foreign key, checked at commit,
    # refuses anything else), and a SET_NULL would first leave a booked interview without its time.
    booked_slot = models.ForeignKey(
        "InterviewSlot", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    cancelled_by = models.CharField(max_length=8, choices=CancelledBy.choices, blank=True)
    cancel_reason = models.TextField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=~models.Q(status="cancelled"),
                name="interview_one_active_per_application",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=InterviewStatus.values), name="interview_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=InterviewMode.values), name="interview_mode_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=DURATION_MIN)
                & models.Q(duration_minutes__lte=DURATION_MAX),
                name="interview_duration_15_240",
            ),
            models.CheckConstraint(
                condition=models.Q(video_link="") | models.Q(video_link__startswith="https://"),
                name="interview_video_link_https",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="booked") | models.Q(booked_slot__isnull=False),
                name="interview_booked_has_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"Interview {self.pk} for application {self.application_id} ({self.status})"

    def clean(self) -> None:
        if self.mode == InterviewMode.VIDEO and not self.video_link:
            raise ValidationError({"video_link": _("A video interview needs its link.")})
        if self.mode == InterviewMode.ON_SITE and not self.place:
            raise ValidationError({"place": _("An on-site interview needs its address.")})

    @property
    def is_active(self) -> bool:
        return self.status != InterviewStatus.CANCELLED

    @property
    def starts_at(self) -> datetime | None:
        return self.booked_slot.starts_at if self.booked_slot else None


class InterviewSlot(models.Model):
    """A time the employer offers, in UTC."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "starts_at"], name="interviewslot_unique_per_interview"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"
