import datetime

from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, Consent, ConsentPurpose, Role, User


@transaction.atomic
def user_onboard(*, user: User, role: str, full_name: str, language: str = "") -> User:
    """Give a newly signed-up user their name, role (graduate or employer) and language; the
    role's own records (a graduate's profile) are made by the app that owns them."""
    if role not in (Role.GRADUATE, Role.EMPLOYER):
        raise ValueError(f"Sign-up cannot grant the role {role!r}")
    user.role = role
    user.full_name = full_name.strip()
    user.language = language if language in dict(settings.LANGUAGES) else ""
    user.save(update_fields=["role", "full_name", "language"])
    return user


def user_language_set(*, user: User, language: str) -> User:
    """The language the user reads pages, e-mails and notifications in."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def consent_record(*, user: User, purpose: str, given: bool = True) -> Consent:
    """Append one consent (or, with given=False, its withdrawal) to the user's log."""
    if purpose not in ConsentPurpose.values:
        raise ValueError(f"Unknown consent purpose {purpose!r}")
    return Consent.objects.create(user=user, purpose=purpose, given=given)


@transaction.atomic
def signup_consents_record(*, user: User) -> None:
    """The terms of use and privacy notice the sign-up form's checkbox agreed to."""
    consent_record(user=user, purpose=ConsentPurpose.TERMS)
    consent_record(user=user, purpose=ConsentPurpose.PRIVACY)


@transaction.atomic
def accounts_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete sign-ups whose address was never verified after RETENTION_DAYS (they never signed
    in, so they hold nothing but the address), expired sessions, and audit-log entries past
    their period. Returns the sign-ups gone."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RETENTION_DAYS["unverified_signups"])
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    stale = User.objects.filter(
        date_joined__lt=cutoff, last_login__isnull=True, is_staff=False
    ).exclude(pk__in=verified)
    count = stale.count()
    for user in stale:
        user.delete()
    Session.objects.filter(expire_date__lt=now).delete()
    audit_cutoff = now - datetime.timedelta(days=settings.RETENTION_DAYS["audit_log"])
    LogEntry.objects.filter(timestamp__lt=audit_cutoff).delete()
    return count


def audit_forget_person(*, user_id: int, email: str, token_ids: list[int]) -> None:
    """After an account is deleted: the audit log keeps what happened, not who the person was
    (no address as the actor; their account and tokens named by number only)."""
    LogEntry.objects.filter(actor_email__iexact=email).update(actor_email=None)
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_pk=str(user_id)).update(
        object_repr=f"user {user_id}"
    )
    AdminLogEntry.objects.filter(content_type=user_type, object_id=str(user_id)).update(
        object_repr=f"user {user_id}"
    )
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ApiToken),
        object_pk__in=[str(pk) for pk in token_ids],
    ).update(object_repr="API token")
