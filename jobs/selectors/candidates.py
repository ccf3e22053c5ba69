"""What employers may see of graduates: a profile and CV only for a verified company, and only
for graduates who are discoverable or whose application to it is live. A graduate who withdrew
is hidden from that company at once; one it rejected, REJECTED_VISIBLE_DAYS after the
decision (time to answer them). The application row stays, without the person."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from employers.models import Employer
from employers.permissions import employer_may_see_graduates
from jobs.models import Application, ApplicationStatus, JobPosting, PostingInvitation
from profiles.models import GraduateProfile, Visibility
from profiles.selectors import profile_rows

REJECTED_VISIBLE_DAYS = 30


def _shown_applications() -> Q:
    """The applications whose applicant the company still sees (see the module)."""
    cutoff = timezone.now() - datetime.timedelta(days=REJECTED_VISIBLE_DAYS)
    closed = (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)
    return ~Q(status__in=closed) | Q(
        status=ApplicationStatus.REJECTED, status_changed_at__gte=cutoff
    )


def applicant_shown(application: Application) -> bool:
    """Whether the company sees this application's applicant: name, letter, profile, CV."""
    if application.status == ApplicationStatus.WITHDRAWN:
        return False
    if application.status == ApplicationStatus.REJECTED:
        cutoff = timezone.now() - datetime.timedelta(days=REJECTED_VISIBLE_DAYS)
        return application.status_changed_at >= cutoff
    return True


def candidate_visible_to_employer(*, profile: GraduateProfile, employer: Employer) -> bool:
    """An employer sees a graduate's profile and CV only when staff verified the company and the
    graduate lets verified employers find them, or has an application to it still shown."""
    if not employer_may_see_graduates(employer):
        return False
    if profile.visibility == Visibility.DISCOVERABLE:
        return True
    return (
        Application.objects.filter(graduate=profile, posting__employer=employer)
        .filter(_shown_applications())
        .exists()
    )


def candidate_for_employer(*, employer: Employer, graduate_id: int) -> GraduateProfile:
    """The graduate's profile if the employer may see it; GraduateProfile.DoesNotExist if not."""
    profile = (
        GraduateProfile.objects.select_related("user")
        .prefetch_related(*profile_rows())
        .get(pk=graduate_id)
    )
    if not candidate_visible_to_employer(profile=profile, employer=employer):
        raise GraduateProfile.DoesNotExist
    return profile


@dataclass(frozen=True)
class CandidateStanding:
    """Where a candidate stands with one posting: their application to it, else the company's
    invitation to apply (each None when there is none)."""

    application_id: int | None
    invitation_id: int | None
    invited_at: datetime.datetime | None


def candidate_standing(*, posting: JobPosting, graduate: GraduateProfile) -> CandidateStanding:
    """The graduate's application to the posting and invitation to it, in one query."""
    application = Application.objects.filter(posting=OuterRef("pk"), graduate=graduate)
    invitation = PostingInvitation.objects.filter(posting=OuterRef("pk"), graduate=graduate)
    row = (
        JobPosting.objects.filter(pk=posting.pk)
        .annotate(
            application_id=Subquery(application.values("pk")[:1]),
            invitation_id=Subquery(invitation.values("pk")[:1]),
            invited_at=Subquery(invitation.values("created_at")[:1]),
        )
        .values_list("application_id", "invitation_id", "invited_at")
        .get()
    )
    return CandidateStanding(*row)
