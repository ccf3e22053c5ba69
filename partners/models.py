"""Partner organisations (a Korean university's career office, an ASEAN training provider, a
ministry's programme) that staff approve for server-to-server API access, and each graduate's
choice to share their profile with one of them.

An approved partner holds OAuth 2 client credentials (an `oauth2_provider.Application` with the
client-credentials grant): its software asks /o/token/ for an access token, without a browser.
What the token reaches is the partner's own webhooks and the graduates who chose to share with
it (PartnerShare), for as long as they share and the partner stays approved.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class PartnerKind(models.TextChoices):
    UNIVERSITY = "university", _("University career office")
    TRAINING = "training", _("Training provider")
    GOVERNMENT = "government", _("Government or public programme")
    ASSOCIATION = "association", _("Employer or industry association")


class PartnerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=PartnerKind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(
        _("what it does with shared profiles"),
        max_length=1000,
        help_text=_("Shown to graduates before they choose to share with it."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Where staff write about the agreement and access.")
    )
    status = models.CharField(
        max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.PENDING
    )
    application = models.OneToOneField(
        "oauth2_provider.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner",
        help_text=_("Its OAuth 2 client credentials, while it is approved."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PartnerStatus.values), name="partner_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == PartnerStatus.APPROVED


class PartnerShare(models.Model):
    """A graduate shares their profile with a partner (from `granted_at`) or has stopped
    (`withdrawn_at`). One row per graduate and partner; `updated_at` moves whenever what the
    partner may read of the graduate changes, and orders the partner's change feed.

    When the graduate deletes their account the row stays without them (`graduate` null), so
    the partner's feed still says that graduate `graduate_number` is no longer shared."""

    graduate = models.ForeignKey(
        "profiles.GraduateProfile",
        null=True,
        on_delete=models.SET_NULL,
        related_name="partner_shares",
    )
    graduate_number = models.PositiveIntegerField(
        editable=False, help_text=_("The graduate's id as partners know it.")
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="shares")
    granted_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["graduate", "partner"], name="partner_share_once"),
        ]

    def __str__(self) -> str:
        state = "withdrawn" if self.withdrawn_at else "shared"
        return f"{self.graduate} with {self.partner} ({state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.graduate_id is not None:
            self.graduate_number = self.graduate_id
        super().save(*args, **kwargs)

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None and self.graduate_id is not None
