from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.choices import CompanySize, Industry, KoreaRegion, place_words
from core.models import TimeStampedModel
from employers.validators import validate_business_registration_number


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class HousingSupport(models.TextChoices):
    """What a company does about a foreign hire's housing (blank: not stated)."""

    NONE = "none", _("No housing support")
    HELP_FINDING = "help_finding", _("Helps find housing")
    COMPANY_HOUSING = "company_housing", _("Company housing or dormitory")
    ALLOWANCE = "allowance", _("Housing allowance")


class VisaSupport(models.TextChoices):
    """What a company does about a foreign hire's visa (blank: not stated)."""

    HANDLES = "handles", _("Handles the visa sponsorship paperwork")
    SUPPORTS = "supports", _("Helps the hire with the visa paperwork")
    NONE = "none", _("No visa support")


class EmployerQuerySet(models.QuerySet["Employer"]):
    def public(self) -> "EmployerQuerySet":
        """Companies anyone may see (directory, company page, API): verified by staff. A
        pending, rejected or revoked company has no public page; a closed one no longer exists."""
        return self.filter(verification_status=VerificationStatus.VERIFIED)


class Employer(TimeStampedModel):
    name = models.CharField(max_length=160)
    name_ko = models.CharField(_("Korean name"), max_length=160, blank=True)
    business_registration_number = models.CharField(
        _("business registration number"),
        max_length=12,
        unique=True,
        validators=[validate_business_registration_number],
        help_text="000-00-00000",
    )
    industry = models.CharField(max_length=20, choices=Industry.choices)
    size_class = models.CharField(max_length=8, choices=CompanySize.choices)
    region = models.CharField(max_length=12, choices=KoreaRegion.choices)
    address = models.CharField(max_length=255, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    verification_status = models.CharField(
        max_length=10, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_note = models.TextField(blank=True)
    # What the company offers a foreign hire; blank (or null) means the company has not said.
    housing_support = models.CharField(
        _("housing"), max_length=16, choices=HousingSupport.choices, blank=True
    )
    korean_classes = models.BooleanField(_("Korean classes"), null=True, blank=True)
    visa_support = models.CharField(
        _("visa handling"), max_length=10, choices=VisaSupport.choices, blank=True
    )
    relocation_support = models.BooleanField(_("relocation support"), null=True, blank=True)
    support_notes = models.TextField(_("notes on support"), max_length=1000, blank=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(business_registration_number__regex=r"^\d{3}-\d{2}-\d{5}$"),
                name="employer_brn_format",
            ),
            models.CheckConstraint(
                condition=models.Q(industry__in=Industry.values), name="employer_industry_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(size_class__in=CompanySize.values), name="employer_size_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(verification_status="verified")
                | models.Q(verified_at__isnull=False),
                name="employer_verified_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(housing_support__in=[*HousingSupport.values, ""]),
                name="employer_housing_support_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(visa_support__in=[*VisaSupport.values, ""]),
                name="employer_visa_support_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.name_ko})" if self.name_ko else self.name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def states_support(self) -> bool:
        """Whether the company said anything about what it offers foreign hires."""
        return bool(
            self.housing_support
            or self.visa_support
            or self.korean_classes is not None
            or self.relocation_support is not None
            or self.support_notes
        )


MAX_LOCATIONS = 10


class CompanyLocation(models.Model):
    """A site of the company (head office, plant, lab), with its city: where a hire would work."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    city = models.CharField(_("city"), max_length=80)
    region = models.CharField(_("region"), max_length=12, choices=KoreaRegion.choices)
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("For example Head office or Plant.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(region__in=KoreaRegion.values),
                name="companylocation_region_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(city=""), name="companylocation_city_not_blank"
            ),
            models.UniqueConstraint(
                Lower("city"), Lower("label"), "employer", name="companylocation_unique_site"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.place}" if self.label else self.place

    @property
    def place(self) -> str:
        return place_words(self.city, self.region)


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    RECRUITER = "recruiter", _("Recruiter")


class EmployerMember(models.Model):
    """A user who acts for an employer; a user belongs to at most one employer."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.RECRUITER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["employer__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.employer.name} ({self.role})"


class ColleagueInvitation(models.Model):
    """A member invites a colleague by e-mail; the link carries a token whose hash is stored."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.RECRUITER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="colleagueinvitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} invited to {self.employer.name}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class AccessKind(models.TextChoices):
    PROFILE = "profile", _("Profile")
    CV = "cv", _("CV")


class CandidateAccess(models.Model):
    """Append-only log: which employer member looked at which graduate's profile or CV, when."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    graduate = models.ForeignKey(
        "profiles.GraduateProfile", on_delete=models.CASCADE, related_name="employer_accesses"
    )
    kind = models.CharField(max_length=8, choices=AccessKind.choices)
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name_plural = "candidate accesses"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccessKind.values), name="candidateaccess_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.viewer} viewed {self.kind} of {self.graduate_id} at {self.accessed_at}"
