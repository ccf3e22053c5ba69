import logging

from django.db import transaction

from accounts.models import Consent, ConsentPurpose, Role, User
from core.changes import ChangeKind, change_announce

logger = logging.getLogger(__name__)


@transaction.atomic
def user_onboard(*, user: User, role: str, full_name: str) -> User:
    """Give a newly signed-up user their role and, for graduates, an empty profile to fill in."""
    if role not in (Role.GRADUATE, Role.EMPLOYER):
        raise ValueError(f"Sign-up cannot grant the role {role!r}")
    user.role = role
    user.full_name = full_name.strip()
    user.save(update_fields=["role", "full_name"])
    if role == Role.GRADUATE:
        from profiles.services import graduate_profile_get_or_create

        graduate_profile_get_or_create(user=user)
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
def user_account_delete(*, user: User) -> None:
    """Delete the user and everything that is theirs: the graduate profile with its education,
    experience, skills and applications, the CV file, and their matches.

    The profile's stored match list goes with it (foreign key); the postings' lists still name
    the graduate until the incremental job re-scores them, so a change is recorded for it (the
    job drops graduates that no longer exist). Files are deleted only after the commit, so a
    failed deletion leaves nothing half-done.
    """
    from profiles.models import GraduateProfile

    profile = GraduateProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.cv:
            storage, name = profile.cv.storage, profile.cv.name
            transaction.on_commit(lambda: storage.delete(name))
        change_announce(kind=ChangeKind.GRADUATE, entity_id=profile.pk)
    logger.info("Deleting account %s at the user's request", user.pk)
    user.delete()
