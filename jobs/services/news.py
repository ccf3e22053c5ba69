"""What the company and the graduate hear about applications and invitations (notifications and
e-mails), and forgetting the applicant in that news once the company no longer sees them."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from jobs.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    PostingInvitation,
)
from jobs.selectors.candidates import REJECTED_VISIBLE_DAYS
from notifications.services import notifications_redact, notify

__all__ = [
    "_application_moved_notify",
    "_application_submitted_notify",
    "_application_withdrawn_notify",
    "_posting_invitation_notify",
    "applicant_news_keys",
    "application_news_key",
    "closed_applicants_forget",
]


def application_news_key(application_id: int) -> str:
    """The key prefix apps above jobs give their news to the company about one application (a
    message in its conversation, say), so that it is forgotten with the rest (below)."""
    return f"application-news:{application_id}:"


def applicant_news_keys(application_id: int) -> list[str]:
    """Key prefixes of the company's news about one application (see the notify calls)."""
    withdrawals = ApplicationStatusChange.objects.filter(
        application_id=application_id, to_status=ApplicationStatus.WITHDRAWN
    ).values_list("pk", flat=True)
    return [
        f"new-application:{application_id}:",
        application_news_key(application_id),
        *(f"application-withdrawn:{pk}:" for pk in withdrawals),
        f"interview:{application_id}:",  # every news of its interviews (interviews.services)
    ]


def closed_applicants_forget() -> int:
    """Daily (with the retention tasks): the news about applicants the company no longer sees
    (rejected more than REJECTED_VISIBLE_DAYS ago) loses their name."""
    cutoff = timezone.now() - timedelta(days=REJECTED_VISIBLE_DAYS)
    rejected = Application.objects.filter(
        status=ApplicationStatus.REJECTED, status_changed_at__lt=cutoff
    ).values_list("pk", flat=True)
    return notifications_redact(
        key_prefixes=[prefix for pk in rejected for prefix in applicant_news_keys(pk)]
    )


def _posting_params(application: Application) -> dict[str, Any]:
    """What a notification about an application says. `person` is whose data it holds: when
    that account is deleted, notifications.services.notifications_forget_person blanks it."""
    posting = application.posting
    return {
        "posting_title": posting.title,
        "company": posting.employer.name,
        "graduate_name": application.graduate.user.get_full_name(),
        "person": application.graduate.user_id,
    }


def _application_submitted_notify(*, application: Application) -> None:
    """Every member of the posting's company hears of a new application."""
    params = _posting_params(application)
    url = reverse("employer:application_detail", args=[application.pk])
    for member in application.posting.employer.members.select_related("user"):
        notify(
            user=member.user,
            kind="new_application",
            key=f"new-application:{application.pk}:{member.user_id}",
            params=params,
            url=url,
        )


def _application_withdrawn_notify(
    *, application: Application, change: ApplicationStatusChange
) -> None:
    """The company's members hear that a graduate withdrew (in the app only), without the
    name: a withdrawn applicant is hidden from the company, in the news about them too."""
    notifications_redact(key_prefixes=applicant_news_keys(application.pk))
    params = {**_posting_params(application), "graduate_name": ""}
    url = reverse("employer:application_detail", args=[application.pk])
    for member in application.posting.employer.members.select_related("user"):
        notify(
            user=member.user,
            kind="application_withdrawn",
            key=f"application-withdrawn:{change.pk}:{member.user_id}",
            params=params,
            url=url,
            email=False,
        )


def _application_moved_notify(*, application: Application, change: ApplicationStatusChange) -> None:
    """The graduate hears where the application went, with the employer's message if any."""
    rejected = change.to_status == ApplicationStatus.REJECTED
    params = {
        **_posting_params(application),
        "status": change.to_status,
        "message": change.message,
        "rejection_reason": application.rejection_reason if rejected else "",
    }
    notify(
        user=application.graduate.user,
        kind="application_moved",
        key=f"application-moved:{change.pk}",
        params=params,
        url=reverse("graduate:application_detail", args=[application.pk]),
    )


def _posting_invitation_notify(*, invitation: PostingInvitation) -> None:
    """The graduate hears that an employer invites them to apply."""
    posting = invitation.posting
    notify(
        user=invitation.graduate.user,
        kind="invited_to_apply",
        key=f"invited-to-apply:{invitation.pk}",
        params={
            "posting_title": posting.title,
            "company": posting.employer.name,
            "message": invitation.message,
        },
        url=reverse("jobs:detail", args=[posting.pk]),
    )
