"""Reads of applications: a graduate's own, an employer member's, a posting's pipeline, the
company's pipeline figures, and a graduate's applications for their data export."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from employers.models import Employer
from employers.permissions import require_verified
from jobs.models import (
    PIPELINE_TRANSITIONS,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    JobPosting,
    PostingStatus,
)
from jobs.selectors.candidates import applicant_shown
from profiles.models import GraduateProfile
from profiles.selectors import Improvement, profile_missing_for_applying


def graduate_applications(*, profile: GraduateProfile) -> QuerySet[Application]:
    return Application.objects.filter(graduate=profile).select_related("posting__employer")


def graduate_application_list(*, profile: GraduateProfile) -> QuerySet[Application]:
    """The graduate's applications, newest first, with the number of employer messages."""
    return (
        graduate_applications(profile=profile)
        .annotate(messages_count=Count("history", filter=~Q(history__message="")))
        .order_by("-created_at", "-id")
    )


def graduate_application_detail(*, profile: GraduateProfile, pk: int) -> Application:
    """One of the graduate's own applications with its history; 404 for anyone else's."""
    history = Prefetch(
        "history",
        queryset=ApplicationStatusChange.objects.order_by("changed_at", "id"),
        to_attr="timeline",
    )
    application = (
        graduate_applications(profile=profile)
        .prefetch_related(history, "screening_answers")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("No such application")
    return application


def application_for_member(*, user: User, pk: int) -> Application:
    """The application if it is to a posting of the user's company (with `shown`, as in
    posting_pipeline); DoesNotExist otherwise, and CompanyNotVerified when the company may not
    see applicants (not verified)."""
    application = (
        Application.objects.select_related("posting__employer", "graduate__user")
        .prefetch_related("screening_answers")
        .get(pk=pk, posting__employer__members__user=user)
    )
    require_verified(application.posting.employer)
    application.shown = applicant_shown(application)  # type: ignore[attr-defined]
    return application


def posting_pipeline(*, posting: JobPosting) -> dict[str, list[Application]]:
    """The posting's applications by status, in pipeline order, oldest move first, each with
    `shown` (whether its applicant is still shown: jobs.selectors.candidates); refused
    (CompanyNotVerified) to a company that may not see applicants."""
    require_verified(posting.employer)
    columns: dict[str, list[Application]] = {status: [] for status in ApplicationStatus.values}
    applications = (
        posting.applications.select_related("graduate__user")
        .prefetch_related("screening_answers")
        .order_by("status_changed_at", "id")
    )
    for application in applications:
        application.shown = applicant_shown(application)  # type: ignore[attr-defined]
        columns[application.status].append(application)
    return columns


def company_applications_changed(
    *, employer: Employer, since: datetime.datetime | None = None
) -> QuerySet[Application]:
    """The applications to all the company's postings changed after `since` (all without it),
    for the change feed (its pagination orders them); refused (CompanyNotVerified) to a company
    that may not see applicants. Mark each one shown with `applicant_shown` before showing it."""
    require_verified(employer)
    applications = Application.objects.filter(posting__employer=employer)
    if since is not None:
        applications = applications.filter(updated_at__gt=since)
    return applications.select_related("graduate__user").prefetch_related("screening_answers")


def posting_applications_chosen(*, posting: JobPosting, ids: list[int]) -> list[Application]:
    """The posting's applications among `ids` (others' ids are ignored), oldest move first."""
    return list(
        posting.applications.filter(pk__in=ids)
        .select_related("graduate__user", "posting__employer")
        .order_by("status_changed_at", "id")
    )


def application_history(*, application: Application) -> QuerySet[ApplicationStatusChange]:
    return application.history.select_related("changed_by", "application__graduate").order_by(
        "changed_at", "id"
    )


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


def graduate_applications_export(*, profile: GraduateProfile) -> list[dict[str, Any]]:
    """The graduate's applications with their history and screening answers, as JSON-ready
    data: the messages the employer sent, never the employer's internal notes. Part of the
    person's data export."""
    history = Prefetch(
        "history", queryset=ApplicationStatusChange.objects.order_by("changed_at", "id")
    )
    applications = (
        Application.objects.filter(graduate=profile)
        .select_related("posting__employer")
        .prefetch_related(history, "screening_answers")
        .order_by("created_at", "id")
    )
    return [
        {
            "posting": a.posting.title,
            "employer": a.posting.employer.name,
            "status": a.status,
            "cover_letter": a.cover_letter,
            "applied_at": a.created_at.isoformat(),
            "history": [
                {
                    "from_status": h.from_status,
                    "to_status": h.to_status,
                    "changed_at": h.changed_at.isoformat(),
                    "message": h.message,
                }
                for h in a.history.all()
            ],
            "screening_answers": [
                {"question": answer.question_text, "answer": answer.display}
                for answer in a.screening_answers.all()
            ],
        }
        for a in applications
    ]


def application_missing_parts(
    *, graduate: GraduateProfile, without_cv: bool, has_rows: tuple[bool, bool] | None = None
) -> list[Improvement]:
    """What the graduate must add before applying (empty when ready): the profile's required
    parts, and a CV unless they confirm they apply without one. `has_rows`: see
    profiles.selectors.profile_missing_for_applying."""
    missing = profile_missing_for_applying(profile=graduate, has_rows=has_rows)
    if not graduate.cv and not without_cv:
        missing.append(Improvement(_("a CV (PDF), or confirm that you apply without a CV"), "cv"))
    return missing
