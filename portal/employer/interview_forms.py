"""The employer's interview form: how, where, how long, and up to five times in Korea time."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timezones import KOREA
from interviews.models import DURATION_MAX, DURATION_MIN, Interview, InterviewMode
from interviews.services import MAX_SLOTS

SLOT_FIELDS = [f"slot_{n}" for n in range(1, MAX_SLOTS + 1)]


class InterviewForm(forms.Form):
    mode = forms.ChoiceField(label=_("How"), choices=InterviewMode.choices)
    video_link = forms.CharField(
        label=_("Video link"),
        required=False,
        max_length=300,
        help_text=_("A https:// link to the video call (Zoom, Teams, Google Meet...)."),
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    place = forms.CharField(
        label=_("Place"), required=False, max_length=200, help_text=_("For an on-site interview.")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=DURATION_MIN, max_value=DURATION_MAX, initial=45
    )
    note = forms.CharField(
        label=_("Note to the candidate"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, name in enumerate(SLOT_FIELDS, start=1):
            self.fields[name] = forms.DateTimeField(
                label=_("Time %(number)s (Korea time, KST)") % {"number": number},
                required=number == 1,
                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )

    def full_clean(self) -> None:
        # The times typed are Korea time, whatever zone the server or the browser is in.
        with timezone.override(KOREA):
            super().full_clean()

    @property
    def slot_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SLOT_FIELDS]

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("mode", "video_link", "place", "duration_minutes", "note")]

    def slots(self) -> list[datetime]:
        return [self.cleaned_data[n] for n in SLOT_FIELDS if self.cleaned_data.get(n) is not None]

    def details(self) -> dict[str, Any]:
        names = ("mode", "video_link", "place", "duration_minutes", "note")
        return {name: self.cleaned_data[name] for name in names}


def interview_initial(interview: Interview) -> dict[str, Any]:
    """The form's values for rescheduling: the interview's details and current times in KST."""
    initial: dict[str, Any] = {
        name: getattr(interview, name)
        for name in ("mode", "video_link", "place", "duration_minutes", "note")
    }
    for name, slot in zip(SLOT_FIELDS, interview.slots.all(), strict=False):
        initial[name] = timezone.make_naive(slot.starts_at, ZoneInfo(KOREA))
    return initial


class InterviewCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, shown to the other side)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
