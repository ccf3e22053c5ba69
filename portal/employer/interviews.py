"""The employer's interview pages: propose or reschedule times (Korea time), see the interview,
cancel it, download its calendar invitation. Another company's interview is 404."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.timezones import KOREA
from interviews.models import Interview, InterviewStatus
from interviews.selectors import (
    booked_words,
    interview_active,
    interview_for_member,
    interviews_active_by_application,
    slots_for_reader,
)
from interviews.services import (
    interview_calendar,
    interview_cancel,
    interview_propose,
    interview_reschedule,
)
from jobs.models import Application
from jobs.selectors.candidates import applicant_shown
from portal.employer.access import application_or_404, company_member
from portal.employer.interview_forms import InterviewCancelForm, InterviewForm, interview_initial


def interview_context(application: Application, zone: str = KOREA) -> dict[str, Any]:
    """What an application's page shows of its interview: the active one and its booked time."""
    interview = interview_active(application=application)
    return {"interview": interview, "interview_when": booked_words(interview=interview, zone=zone)}


def interviews_attach(*, applications: list[Application]) -> None:
    """Each pipeline card's interview: `interview_when` (booked, KST) or `interview_proposed`."""
    found = interviews_active_by_application(application_ids=[a.pk for a in applications])
    for application in applications:
        interview = found.get(application.pk)
        application.interview_when = booked_words(interview=interview)  # type: ignore[attr-defined]
        application.interview_proposed = (  # type: ignore[attr-defined]
            interview is not None and interview.status == InterviewStatus.PROPOSED
        )


def interview_or_404(request: AuthenticatedHttpRequest, pk: int) -> Interview:
    try:
        return interview_for_member(user=request.user, pk=pk)
    except Interview.DoesNotExist as exc:
        raise Http404("No such interview") from exc


def _apply_errors(form: InterviewForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@company_member
@require_http_methods(["GET", "POST"])
def interview_schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Propose times for an application's interview, or new times for its active one."""
    application = application_or_404(request, pk)
    active = interview_active(application=application)
    initial = interview_initial(active) if active else {}
    form = InterviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if active is None:
                interview = interview_propose(
                    application=application, by=request.user, slots=form.slots(), **form.details()
                )
                messages.success(request, _("Times proposed. The candidate will pick one."))
            else:
                interview = interview_reschedule(
                    interview=active, by=request.user, slots=form.slots(), **form.details()
                )
                messages.success(request, _("New times proposed. The candidate will pick again."))
        except PermissionDenied as exc:
            raise Http404("No such application") from exc
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return redirect("employer:interview", interview.pk)
    context = {"application": application, "posting": application.posting, "form": form,
               "active": active}  # fmt: skip
    status = 400 if form.is_bound else 200
    return render(request, "employer/interview_form.html", context, status=status)


@company_member
@require_GET
def interview_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_or_404(request, pk)
    return render(
        request,
        "employer/interview_detail.html",
        {
            "interview": interview,
            "application": interview.application,
            "shown": applicant_shown(interview.application),
            "slots": slots_for_reader(interview=interview, zone=KOREA),
            "booked": booked_words(interview=interview),
            "cancel_form": InterviewCancelForm(),
        },
    )


@company_member
@require_POST
def interview_cancel_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_or_404(request, pk)
    form = InterviewCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    interview_cancel(interview=interview, by=request.user, reason=reason)
    messages.success(request, _("The interview is cancelled; the candidate is told."))
    return redirect("employer:interview", interview.pk)


@company_member
@require_GET
def interview_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return calendar_download(interview_or_404(request, pk))


def calendar_download(interview: Interview) -> HttpResponse:
    """The interview's .ics (booked, or cancelled after booking); 404 before a time is booked."""
    if interview.booked_slot_id is None or interview.status == InterviewStatus.PROPOSED:
        raise Http404("No time booked yet")
    response = HttpResponse(
        interview_calendar(interview), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response
