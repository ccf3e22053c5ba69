from django.db.models import Q, QuerySet
from django.utils import timezone

from employers.models import ColleagueInvitation, Employer, EmployerMember

# --- what members may see ---------------------------------------------------------------------


def employer_members(*, employer: Employer) -> QuerySet[EmployerMember]:
    return employer.members.select_related("user").order_by("role", "user__email")


def employer_open_invitations(*, employer: Employer) -> QuerySet[ColleagueInvitation]:
    return employer.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


# --- what anyone may see ----------------------------------------------------------------------


def employer_list_public(*, industry: str = "", region: str = "") -> QuerySet[Employer]:
    """Verified companies by name, with their sites; a region matches the company's own or
    any of its sites'."""
    employers = Employer.objects.public()
    if industry:
        employers = employers.filter(industry=industry)
    if region:
        employers = employers.filter(Q(region=region) | Q(locations__region=region)).distinct()
    return employers.prefetch_related("locations").order_by("name", "id")


def employer_detail_public(*, pk: int) -> Employer:
    """One verified company with its sites; Employer.DoesNotExist for any other."""
    return Employer.objects.public().prefetch_related("locations").get(pk=pk)
