from django.db import transaction
from django.utils import timezone

from accounts.models import User
from employers.models import Employer, VerificationStatus


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
    """Record a staff decision on a company: the status, who decided, when, and why."""
    employer_stamp_verification(employer=employer, status=status, by=by)
    employer.verification_note = note
    employer.full_clean()
    employer.save()
    employer_postings_touch(employer=employer)
    return employer


def employer_postings_touch(*, employer: Employer) -> None:
    """Verification decides whether the employer's postings match anyone: re-score them."""
    from jobs.services import posting_touch

    for posting in employer.postings.all():
        posting_touch(posting=posting)
