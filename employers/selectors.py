from django.db.models import Count, Q, QuerySet

from accounts.models import User
from employers.models import EmployerMember
from jobs.models import JobPosting


def membership_for_user(*, user: User) -> EmployerMember | None:
    return EmployerMember.objects.select_related("employer").filter(user=user).first()


def employer_postings_overview(*, employer_id: int) -> QuerySet[JobPosting]:
    """The employer's postings with their application counts, newest first."""
    return (
        JobPosting.objects.filter(employer_id=employer_id)
        .annotate(
            applications_total=Count("applications"),
            applications_new=Count("applications", filter=Q(applications__status="applied")),
        )
        .order_by("-created_at")
    )
