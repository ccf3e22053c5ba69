import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from accounts.models import User
from employers.models import ColleagueInvitation, Employer, EmployerMember
from jobs.models import (
    PIPELINE_TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    JobPosting,
    PostingStatus,
)
from matching.models import PostingMatchList


def employer_postings_overview(*, employer_id: int) -> QuerySet[JobPosting]:
    """The employer's postings with their application counts, newest first."""
    return (
        JobPosting.objects.filter(employer_id=employer_id)
        .annotate(
            applications_total=Count("applications"),
            applications_new=Count("applications", filter=Q(applications__status="applied")),
            # Lists keep a few entries beyond K as headroom; employers see the top K.
            ranked_candidates=Least(
                Coalesce(
                    Subquery(
                        PostingMatchList.objects.filter(
                            run__is_current=True, posting=OuterRef("pk")
                        ).values("length")[:1]
                    ),
                    Value(0),
                ),
                Value(settings.MATCHING_TOP_K),
            ),
        )
        .order_by("-created_at")
    )


# --- what members may see ---------------------------------------------------------------------


def employer_members(*, employer: Employer) -> QuerySet[EmployerMember]:
    return employer.members.select_related("user").order_by("role", "user__email")


def employer_open_invitations(*, employer: Employer) -> QuerySet[ColleagueInvitation]:
    return employer.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def employer_postings(*, employer: Employer, status: str = "") -> QuerySet[JobPosting]:
    """The company's postings with their application counts, newest first."""
    postings = employer_postings_overview(employer_id=employer.pk).select_related("employer")
    return postings.filter(status=status) if status else postings


def posting_for_member(*, user: User, pk: int) -> JobPosting:
    """The posting if it belongs to the user's company; JobPosting.DoesNotExist otherwise."""
    return (
        JobPosting.objects.select_related("employer")
        .prefetch_related("skills__skill", "accepted_fields")
        .get(pk=pk, employer__members__user=user)
    )


def application_for_member(*, user: User, pk: int) -> Application:
    """The application if it is to a posting of the user's company; DoesNotExist otherwise."""
    return Application.objects.select_related("posting__employer", "graduate__user").get(
        pk=pk, posting__employer__members__user=user
    )


def posting_pipeline(*, posting: JobPosting) -> dict[str, list[Application]]:
    """The posting's applications by status, in pipeline order, oldest move first."""
    columns: dict[str, list[Application]] = {status: [] for status in ApplicationStatus.values}
    for application in posting.applications.select_related("graduate__user").order_by(
        "status_changed_at", "id"
    ):
        columns[application.status].append(application)
    return columns


def application_history(*, application: Application) -> QuerySet[ApplicationStatusChange]:
    return application.history.select_related("changed_by").order_by("changed_at", "id")


@dataclass(frozen=True)
class StageTime:
    status: str
    label: str
    count: int
    average_days: float | None


@dataclass(frozen=True)
class CompanyFigures:
    open_postings: int
    draft_postings: int
    new_applications: int
    pipeline: list[StageTime]


def employer_dashboard_figures(*, employer: Employer) -> CompanyFigures:
    """Open postings, new applications, and per stage: how many applications are in it and the
    average days an application spent in it (moves already made; live stays count to now)."""
    postings = dict(
        JobPosting.objects.filter(employer=employer)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts = dict(
        Application.objects.filter(posting__employer=employer)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    spent: dict[str, list[float]] = defaultdict(list)
    previous: tuple[int, str, datetime.datetime] | None = None
    now = timezone.now()
    rows = (
        ApplicationStatusChange.objects.filter(application__posting__employer=employer)
        .order_by("application_id", "changed_at", "id")
        .values_list("application_id", "to_status", "changed_at")
    )
    for application_id, to_status, changed_at in rows:
        if previous is not None and previous[0] == application_id:
            spent[previous[1]].append((changed_at - previous[2]).total_seconds() / 86400)
        elif previous is not None and previous[1] in _LIVE:
            spent[previous[1]].append((now - previous[2]).total_seconds() / 86400)
        previous = (application_id, to_status, changed_at)
    if previous is not None and previous[1] in _LIVE:
        spent[previous[1]].append((now - previous[2]).total_seconds() / 86400)
    pipeline = [
        StageTime(
            status=status,
            label=str(ApplicationStatus(status).label),
            count=counts.get(status, 0),
            average_days=round(sum(spent[status]) / len(spent[status]), 1)
            if spent[status]
            else None,
        )
        for status in ApplicationStatus.values
    ]
    return CompanyFigures(
        open_postings=postings.get(PostingStatus.OPEN, 0),
        draft_postings=postings.get(PostingStatus.DRAFT, 0),
        new_applications=counts.get(ApplicationStatus.APPLIED, 0),
        pipeline=pipeline,
    )


_LIVE = frozenset(s for s, following in PIPELINE_TRANSITIONS.items() if following)


@dataclass(frozen=True)
class SalaryWarning:
    threshold_krw: int
    whole_range_below: bool
    label: str
    uncertain: bool


def posting_e7_salary_warning(
    *, posting: JobPosting, on: datetime.date | None = None
) -> SalaryWarning | None:
    """A warning when a posting that sponsors an E-7 visa offers less than the E-7-1 minimum
    salary in force (for the company's size), from the dated rules in visas; None when the salary
    is enough, the posting sponsors no E-7 visa (none, or an EPS/E-9 job) or no rule is known."""
    if not posting.visa_sponsorship or posting.is_eps_job:
        return None
    from visas.models import ThresholdScope
    from visas.selectors import gni_for_year, salary_threshold_in_force

    on = on or timezone.localdate()
    size = posting.employer.size_class if posting.employer_id else ""
    scope = ThresholdScope.SME_OR_VENTURE if size == "sme" else ThresholdScope.ALL
    threshold = salary_threshold_in_force(visa_code="E-7-1", on=on, applies_to=scope)
    if threshold is None:
        return None
    amount = threshold.amount_krw
    if amount is None and threshold.gni_multiplier is not None:
        gni = gni_for_year(year=on.year - 1)
        amount = int(gni.value_krw * threshold.gni_multiplier) if gni else None
    if amount is None or posting.salary_min_krw is None or posting.salary_min_krw >= amount:
        return None
    return SalaryWarning(
        threshold_krw=amount,
        whole_range_below=(posting.salary_max_krw or 0) < amount,
        label=threshold.label,
        uncertain=threshold.uncertain,
    )
