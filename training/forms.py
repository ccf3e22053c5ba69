"""Forms of the training pages (the catalogue's filter form is training.filters.CourseFilter)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.plans import OBJECTIVES, SponsorGap

OBJECTIVE_CHOICES = [("hours", _("Fewest hours")), ("cost", _("Lowest cost"))]
assert [code for code, _label in OBJECTIVE_CHOICES] == list(OBJECTIVES)


class PlanObjectiveForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Plan for"),
        choices=OBJECTIVE_CHOICES,
        initial="hours",
        required=False,
        widget=forms.RadioSelect,
    )

    def objective_value(self) -> str:
        if self.is_valid() and self.cleaned_data["objective"]:
            return str(self.cleaned_data["objective"])
        return "hours"


class SponsorshipForm(forms.Form):
    """What the employer would sponsor: one of the courses that close a common gap, or training
    in a gap skill no listed course closes ("course:<id>" / "skill:<id>")."""

    target = forms.ChoiceField(label=_("What would you sponsor?"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note for our staff (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. how many places, which intake, a budget. Up to 1,000 characters."),
    )

    def __init__(self, *args: object, gaps: list[SponsorGap], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices: list[tuple[str, str]] = []
        seen: set[int] = set()
        for gap in gaps:
            for course in gap.courses:
                if course.pk not in seen:
                    seen.add(course.pk)
                    choices.append((f"course:{course.pk}", f"{course.title} ({course.provider})"))
            if not gap.courses:
                label = _("Training in %(skill)s (no listed course yet)") % {"skill": gap.skill}
                choices.append((f"skill:{gap.skill.pk}", str(label)))
        self.fields["target"].choices = choices  # type: ignore[attr-defined]

    def target_ids(self) -> tuple[str, int]:
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        return kind, int(pk)


MAX_CSV_BYTES = 2 * 1024 * 1024


class CourseImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma-separated, with a header row; see docs/training-csv.md."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload
