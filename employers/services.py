import datetime
import hashlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework.exceptions import Throttled

from accounts.models import User
from core.changes import ChangeKind, change_announce
from employers.models import (
    MAX_LOCATIONS,
    CandidateAccess,
    ColleagueInvitation,
    CompanyLocation,
    Employer,
    EmployerMember,
    MemberRole,
    VerificationStatus,
)
from notifications.models import EmailDelivery
from notifications.services import absolute_url, email_queue, notify
from profiles.models import GraduateProfile

logger = logging.getLogger(__name__)


def employer_stamp_verification(*, employer: Employer, status: str, by: User | None) -> None:
    """Set the status with who decided and when, on the instance only (the caller saves)."""
    if status not in VerificationStatus.values:
        raise ValueError(f"Unknown verification status {status!r}")
    employer.verification_status = status
    if status == VerificationStatus.PENDING:
        employer.verified_by, employer.verified_at = None, None
    else:
        employer.verified_by, employer.verified_at = by, timezone.now()


@transaction.atomic
def employer_set_verification(
    *, employer: Employer, status: str, by: User | None, note: str
) -> Employer:
    """Record a staff decision on a company: the status, who decided, when, and why; every
    member hears of it (in the app and by e-mail), with the note."""
    changed = employer.pk is not None and (
        Employer.objects.filter(pk=employer.pk)
        .values_list("verification_status", flat=True)
        .first()
        != status
    )
    employer_stamp_verification(employer=employer, status=status, by=by)
    employer.verification_note = note
    employer.full_clean()
    employer.save()
    employer_postings_touch(employer=employer)
    if changed:
        _verification_notify(employer=employer)
    return employer


def _verification_notify(*, employer: Employer) -> None:
    members = EmployerMember.objects.filter(employer=employer).select_related("user")
    stamp = employer.verified_at.isoformat() if employer.verified_at else timezone.now().isoformat()
    for member in members:
        notify(
            user=member.user,
            kind="company_verification",
            key=f"company-verification:{employer.pk}:{stamp}:{member.user_id}",
            params={
                "company": employer.name,
                "status": employer.verification_status,
                "note": employer.verification_note,
            },
            url=reverse("employer:company"),
        )


def employer_postings_touch(*, employer: Employer) -> None:
    """Verification decides whether the employer's postings match anyone: re-score them."""
    for posting_id in employer.postings.values_list("pk", flat=True):
        change_announce(kind=ChangeKind.POSTING, entity_id=posting_id)


# --- company profile and members ---------------------------------------------------------------

INVITATION_DAYS = 14


class MembershipRefused(ValidationError):
    """The membership change is not allowed; the message says why, for the user."""


@transaction.atomic
def employer_register(*, user: User, employer: Employer) -> Employer:
    """Create the company (pending verification) from an unsaved instance, with `user` as its
    first owner. Staff verify it before its postings go public."""
    if not user.is_employer_member:
        raise MembershipRefused(_("Only employer accounts can register a company."))
    if EmployerMember.objects.filter(user=user).exists():
        raise MembershipRefused(_("You already belong to a company."))
    employer_stamp_verification(employer=employer, status=VerificationStatus.PENDING, by=None)
    employer.verification_note = ""
    employer.full_clean()
    employer.save()
    EmployerMember.objects.create(employer=employer, user=user, role=MemberRole.OWNER)
    return employer


@dataclass(frozen=True)
class LocationInput:
    """One site of the company as entered: its city, region and optional label."""

    city: str
    region: str
    label: str = ""


@transaction.atomic
def employer_update(
    *, employer: Employer, by: User, locations: Sequence[LocationInput] | None = None
) -> Employer:
    """Save the company's edited details (an owner's change) and, when given, its sites
    (the full list, in order, replacing the stored one). The names (English and Korean)
    and registration number of a verified company are what staff checked, so they stay."""
    member = _member(by, employer)
    if member.role != MemberRole.OWNER:
        raise MembershipRefused(_("Only an owner can change the company profile."))
    if employer.is_verified:
        stored = Employer.objects.get(pk=employer.pk)
        checked = ("name", "name_ko", "business_registration_number")
        if any(getattr(stored, field) != getattr(employer, field) for field in checked):
            raise MembershipRefused(
                _("A verified company keeps its names and registration number; contact us.")
            )
    employer.full_clean()
    employer.save()
    if locations is not None:
        _locations_replace(employer=employer, locations=locations)
    employer_postings_touch(employer=employer)
    return employer


def _locations_replace(*, employer: Employer, locations: Sequence[LocationInput]) -> None:
    if len(locations) > MAX_LOCATIONS:
        raise ValidationError(
            {"locations": _("List at most %(max)d locations.") % {"max": MAX_LOCATIONS}}
        )
    rows = [
        CompanyLocation(
            employer=employer,
            city=" ".join(entry.city.split()),
            region=entry.region,
            label=" ".join(entry.label.split()),
            position=position,
        )
        for position, entry in enumerate(locations)
    ]
    seen: set[tuple[str, str]] = set()
    for row in rows:
        row.full_clean(exclude=["employer"], validate_constraints=False)
        key = (row.city.casefold(), row.label.casefold())
        if key in seen:
            raise ValidationError(
                {"locations": _("%(place)s is listed twice.") % {"place": str(row)}}
            )
        seen.add(key)
    employer.locations.all().delete()
    CompanyLocation.objects.bulk_create(rows)


def _member(user: User, employer: Employer) -> EmployerMember:
    member = EmployerMember.objects.filter(user=user, employer=employer).first()
    if member is None:
        raise PermissionDenied("Not a member of this company.")
    return member


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def colleague_invite(
    *, employer: Employer, by: User, email: str, role: str = MemberRole.RECRUITER
) -> tuple[ColleagueInvitation, str]:
    """Invite a colleague by e-mail; returns the invitation and the token (sent, never stored).

    Any member may invite recruiters; only owners invite owners. An open invitation to the same
    address is replaced, so the newest link is the one that works."""
    member = _member(by, employer)
    email = email.strip().lower()
    if role == MemberRole.OWNER and member.role != MemberRole.OWNER:
        raise MembershipRefused(_("Only an owner can invite another owner."))
    if EmployerMember.objects.filter(employer=employer, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the company.")})
    now = timezone.now()
    employer.invitations.filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = ColleagueInvitation(
        employer=employer,
        email=email,
        role=role,
        token_hash=_token_hash(token),
        invited_by=by,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    _colleague_invitation_email(
        invitation=invitation, accept_path=reverse("employer:invitation_accept", args=[token])
    )
    return invitation, token


def _colleague_invitation_email(
    *, invitation: ColleagueInvitation, accept_path: str
) -> EmailDelivery:
    """The e-mail with the link that lets a colleague join the company (once per invitation)."""
    params = {
        "company": invitation.employer.name,
        "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
        "role": invitation.role,
    }
    return email_queue(
        key=f"colleague-invitation:{invitation.pk}",
        to_email=invitation.email,
        template="colleague_invitation",
        language=get_language(),  # the inviter's: the colleague has no account yet
        context={
            "kind": "colleague_invitation",
            "params": params,
            "url": absolute_url(accept_path),
        },
    )


def colleague_invitation_for_token(*, token: str) -> ColleagueInvitation | None:
    return (
        ColleagueInvitation.objects.select_related("employer", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


@transaction.atomic
def colleague_invitation_accept(*, token: str, user: User) -> EmployerMember:
    """Join the company with an open invitation addressed to the user's own e-mail address."""
    invitation = colleague_invitation_for_token(token=token)
    if invitation is None or not invitation.is_open:
        raise MembershipRefused(_("This invitation is no longer valid. Ask for a new one."))
    if invitation.email.lower() != user.email.lower():
        raise MembershipRefused(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    if not user.is_employer_member:
        raise MembershipRefused(_("Only employer accounts can join a company."))
    if EmployerMember.objects.filter(user=user).exists():
        raise MembershipRefused(_("You already belong to a company."))
    member = EmployerMember.objects.create(
        employer=invitation.employer, user=user, role=invitation.role
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


@transaction.atomic
def member_leave(*, member: EmployerMember) -> None:
    """The member leaves the company; the last owner cannot (someone must own it)."""
    locked = EmployerMember.objects.select_for_update().filter(employer_id=member.employer_id)
    owners = [m for m in locked if m.role == MemberRole.OWNER]
    if member.role == MemberRole.OWNER and len(owners) <= 1:
        raise MembershipRefused(
            _("You are the last owner. Invite another owner before you leave the company.")
        )
    member.delete()


def _owner(by: User, employer: Employer, refusal: str) -> EmployerMember:
    member = _member(by, employer)
    if member.role != MemberRole.OWNER:
        raise MembershipRefused(refusal)
    return member


@transaction.atomic
def member_remove(*, member: EmployerMember, by: User) -> None:
    """An owner removes a colleague: their access to the company ends at once (an owner who
    wants to go leaves instead, so a company always keeps an owner)."""
    _owner(by, member.employer, _("Only an owner can remove colleagues."))
    if member.user_id == by.pk:
        raise MembershipRefused(_("To go yourself, use Leave the company."))
    member.delete()


def colleague_invitation_revoke(*, invitation: ColleagueInvitation, by: User) -> None:
    """An owner takes back an invitation not yet accepted: its link stops working."""
    _owner(by, invitation.employer, _("Only an owner can revoke invitations."))
    if invitation.accepted_at is not None:
        raise MembershipRefused(_("This invitation was accepted already."))
    invitation.delete()


@transaction.atomic
def employer_close(*, employer: Employer, by: User, confirm_name: str) -> None:
    """An owner closes the company account: the company, its postings with their applications,
    its colleagues' memberships and invitations and its candidate-view log go. The members'
    own accounts stay (they may register a company again, or delete their account)."""
    _owner(by, employer, _("Only an owner can close the company account."))
    if confirm_name.strip() != employer.name:
        raise ValidationError(
            {"confirm_name": _("Type the company's name exactly as shown to confirm.")}
        )
    employer_postings_touch(employer=employer)  # matching drops the postings that are gone
    logger.info("Closing company %s at an owner's request", employer.pk)
    employer.delete()


class CandidateReadsThrottled(Throttled):
    """The member read more candidates' profiles and CVs than CANDIDATE_READS_MAX allows in
    CANDIDATE_READS_WINDOW seconds (a 429 in the API; the portal shows a page)."""

    default_detail = _lazy(
        "You opened too many candidates' profiles and CVs in a short time. Wait a few minutes."
    )


def candidate_access_record(
    *,
    employer: Employer,
    viewer: User,
    graduate: GraduateProfile,
    kind: str,
    posting_id: int | None = None,
) -> CandidateAccess:
    """Log that a member looked at a graduate's profile or CV (every view, never merged), and
    from which of the company's postings, if any. Refused (CandidateReadsThrottled) past the
    member's limit of reads in the window: the log itself is the count, pages and API alike."""
    window = datetime.timedelta(seconds=settings.CANDIDATE_READS_WINDOW)
    since = timezone.now() - window
    if (
        CandidateAccess.objects.filter(viewer=viewer, accessed_at__gte=since).count()
        >= settings.CANDIDATE_READS_MAX
    ):
        raise CandidateReadsThrottled(wait=window.total_seconds())
    return CandidateAccess.objects.create(
        employer=employer, viewer=viewer, graduate=graduate, kind=kind, posting_id=posting_id
    )


def candidate_accesses_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the log of candidates' profile and CV views past their RETENTION_DAYS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.RETENTION_DAYS["candidate_accesses"]
    )
    deleted, _ = CandidateAccess.objects.filter(accessed_at__lt=cutoff).delete()
    return deleted
