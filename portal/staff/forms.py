"""Forms of the staff pages."""

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from analytics.selectors import BY_CATEGORY, BY_SKILL, GapFilters
from core.choices import ASEAN_COUNTRIES, Industry, KoreaRegion
from core.countries import country_choices
from matching.models import Grade
from matching.selectors import GradingCandidate
from matching.services import NOTE_MAX_LENGTH, GradeEntry


class GoldenGradingForm(forms.Form):
    """A 0-3 grade and an optional note per candidate, all saved by one button.

    Fields are named by the graduate's id (`grade_12`, `note_12`); a candidate left ungraded is
    left alone, and a grade already given starts selected."""

    def __init__(self, *args: Any, candidates: list[GradingCandidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            gid, saved = candidate.graduate.pk, candidate.grade
            self.fields[f"grade_{gid}"] = forms.TypedChoiceField(
                label=_("Grade for %(name)s") % {"name": candidate.graduate},
                choices=Grade.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=saved.grade if saved else None,
            )
            self.fields[f"note_{gid}"] = forms.CharField(
                label=_("Note (optional)"),
                max_length=NOTE_MAX_LENGTH,
                required=False,
                initial=saved.note if saved else "",
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for candidate in self.candidates:
            gid = candidate.graduate.pk
            if cleaned.get(f"note_{gid}") and cleaned.get(f"grade_{gid}") is None:
                message = _("Choose a grade for this note, or clear the note.")
                self.add_error(f"grade_{gid}", message)
        return cleaned

    def rows(self) -> list[tuple[GradingCandidate, forms.BoundField, forms.BoundField]]:
        return [
            (c, self[f"grade_{c.graduate.pk}"], self[f"note_{c.graduate.pk}"])
            for c in self.candidates
        ]

    def entries(self) -> list[GradeEntry]:
        """The grades entered (after `is_valid`)."""
        return [
            GradeEntry(c.graduate, grade, self.cleaned_data.get(f"note_{c.graduate.pk}", ""))
            for c in self.candidates
            if (grade := self.cleaned_data.get(f"grade_{c.graduate.pk}")) is not None
        ]


class SkillGapFilterForm(forms.Form):
    """The skills analytics' filters (GET); every field may stay empty (all)."""

    by = forms.ChoiceField(
        label=_("Show"),
        choices=[(BY_SKILL, _("Skills")), (BY_CATEGORY, _("Skill categories"))],
        required=False,
    )
    country = forms.ChoiceField(label=_("Graduates from"), required=False)
    industry = forms.ChoiceField(
        label=_("Company industry"),
        choices=[("", _("All industries")), *Industry.choices],
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Job region"),
        choices=[("", _("All regions")), *KoreaRegion.choices],
        required=False,
    )
    week = forms.TypedChoiceField(
        label=_("Week"), coerce=date.fromisoformat, empty_value=None, required=False
    )

    def __init__(
        self, *args: Any, weeks: list[date], only: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        """`only`: the filters that apply to the page (all without it)."""
        super().__init__(*args, **kwargs)
        country, week = self.fields["country"], self.fields["week"]
        assert isinstance(country, forms.ChoiceField) and isinstance(week, forms.ChoiceField)
        country.choices = country_choices(blank=_("All ASEAN countries"), codes=ASEAN_COUNTRIES)
        week.choices = [
            (week.isoformat(), _("Week of %(day)s") % {"day": date_format(week)}) for week in weeks
        ]
        for name in [name for name in self.fields if only and name not in only]:
            del self.fields[name]

    def filters(self) -> GapFilters:
        """The filters asked for; anything not valid counts as all."""
        data = self.cleaned_data if self.is_valid() else {}
        return GapFilters(
            week=data.get("week"),
            country=data.get("country") or "",
            industry=data.get("industry") or "",
            region=data.get("region") or "",
            by=data.get("by") or BY_SKILL,
        )
