from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GRADUATE = "graduate", _("Graduate")
    EMPLOYER = "employer", _("Employer member")
    STAFF = "staff", _("Staff")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=Role.STAFF)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    `role` decides which portal the person sees; staff also need `is_staff` for the admin.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.GRADUATE)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    last_seen_matches_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "Pages, e-mails and notifications use it. Empty: the browser's language decides, "
            "and e-mails are in English."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="staff") | models.Q(is_staff=True),
                name="user_staff_role_has_staff_flag",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every way of changing a password (the site, a reset, the admin, a shell) ends here:
        # the user's API tokens end with the old password (ApiToken.password_bond also says so).
        password_changed = self._password is not None and self.pk is not None  # type: ignore[attr-defined]
        super().save(*args, **kwargs)
        if password_changed:
            self.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    @property
    def is_graduate(self) -> bool:
        return self.role == Role.GRADUATE

    @property
    def is_employer_member(self) -> bool:
        return self.role == Role.EMPLOYER

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ConsentPurpose(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy notice (processing of my profile to match me with jobs)")
    DISCOVERY = "discovery", _("Employers may find my profile and CV in candidate searches")


# The version of the terms of use and privacy notice (the pages at /terms/ and /privacy/) a
# consent given now agrees to. A new version of either page gets a new value here.
CONSENT_VERSION = "2026-11"


class Consent(models.Model):
    """Append-only record of what a user agreed to (or withdrew), which version and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=12, choices=ConsentPurpose.choices)
    version = models.CharField(max_length=20, default=CONSENT_VERSION)
    given = models.BooleanField(default=True, help_text=_("False records a withdrawal."))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"
            ),
        ]

    def __str__(self) -> str:
        verb = "gave" if self.given else "withdrew"
        return f"{self.user} {verb} {self.purpose} ({self.version}) at {self.recorded_at:%Y-%m-%d}"


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


def _token_expiry() -> datetime:
    return timezone.now() + timedelta(days=90)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash of the key is stored; the key is shown once.

    It works until `expires_at`, for what its `scope` allows, and only while the user's password
    is the one it was made under (`password_bond`, a hash of the password's hash)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=8, help_text=_("First characters, to recognise a key."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=5, choices=TokenScope.choices, default=TokenScope.WRITE)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_token_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    password_bond = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="apitoken_live_name_unique_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
