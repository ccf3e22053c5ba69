from django.db.models import QuerySet
from django.utils import timezone

from employers.models import ColleagueInvitation, Employer, EmployerMember

# --- what members may see ---------------------------------------------------------------------


def employer_members(*, employer: Employer) -> QuerySet[EmployerMember]:
    return employer.members.select_related("user").order_by("role", "user__email")


def employer_open_invitations(*, employer: Employer) -> QuerySet[ColleagueInvitation]:
    return employer.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")
