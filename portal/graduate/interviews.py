"""The graduate's interview page: the proposed times in their own zone (with Korea time),
booking one, cancelling, the calendar invitation, and choosing the zone times are shown in."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.timezones import zone_choices
from interviews.models import Interview
from interviews.selectors import (
    booked_words,
    interview_for_graduate,
    slots_for_reader,
    zone_label,
)
from interviews.services import interview_book, interview_cancel
from portal.employer.interview_forms import InterviewCancelForm
from portal.employer.interviews import calendar_download
from portal.graduate.access import graduate_required
from profiles.models import GraduateProfile
from profiles.services import graduate_time_zone_set


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Show times in"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the zone of the country you live in."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        empty = [("", _("My country's time zone"))]
        self.fields["time_zone"].choices = empty + zone_choices()  # type: ignore[attr-defined]


def _own(profile: GraduateProfile, pk: int) -> Interview:
    try:
        return interview_for_graduate(profile=profile, pk=pk)
    except Interview.DoesNotExist as exc:
        raise Http404("No such interview") from exc


@require_GET
@graduate_required
def interview_detail(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    interview = _own(profile, pk)
    zone = profile.effective_time_zone
    return render(
        request,
        "graduate/interview_detail.html",
        {
            "interview": interview,
            "application": interview.application,
            "slots": slots_for_reader(interview=interview, zone=zone),
            "booked": booked_words(interview=interview, zone=zone),
            "zone": zone_label(zone),
            "zone_form": TimeZoneForm(initial={"time_zone": profile.time_zone}),
            "cancel_form": InterviewCancelForm(),
        },
    )


@require_POST
@graduate_required
def interview_book_view(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    interview = _own(profile, pk)
    try:
        slot_id = int(request.POST.get("slot", ""))
    except ValueError:
        slot_id = 0
    try:
        interview_book(interview=interview, slot_id=slot_id, by=profile.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your interview is booked. The invitation is in your e-mail."))
    return redirect("graduate:interview", interview.pk)


@require_POST
@graduate_required
def interview_cancel_view(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    interview = _own(profile, pk)
    form = InterviewCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    interview_cancel(interview=interview, by=profile.user, reason=reason)
    messages.success(request, _("The interview is cancelled; the employer is told."))
    return redirect("graduate:interview", interview.pk)


@require_GET
@graduate_required
def interview_ics(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    return calendar_download(_own(profile, pk))


@require_POST
@graduate_required
def time_zone_set(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    """Choose the zone interview times are shown in (from an interview's page)."""
    interview = _own(profile, pk)
    form = TimeZoneForm(request.POST)
    if form.is_valid():
        try:
            graduate_time_zone_set(profile=profile, time_zone=form.cleaned_data["time_zone"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Times are now shown in %(zone)s.")
                             % {"zone": zone_label(profile.effective_time_zone)})  # fmt: skip
    else:
        messages.error(request, _("Choose a time zone from the list."))
    return redirect("graduate:interview", interview.pk)
