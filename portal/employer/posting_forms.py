"""The employer's posting form: the posting's details, with lookups for the occupation codes and
the fields of study as grouped checkboxes. Its skill rows are in posting_skill_forms."""

from typing import Any, cast

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from core.choices import TopikLevel
from jobs.models import JobPosting
from profiles.models import FieldOfStudy
from skills.occupation_codes import e7_code_options_from_catalogue, isco_code_options
from visas.selectors import e7_confirmed_occupation_codes

# ISCED-F 2013 broad fields of the STEM fields of study, by the first two digits of their code.
BROAD_FIELDS = {
    "05": _("Natural sciences, mathematics and statistics"),
    "06": _("Information and communication technologies"),
    "07": _("Engineering, manufacturing and construction"),
}
ISCO_OPTIONS_ID = "isco-code-options"
E7_OPTIONS_ID = "e7-code-options"


class PostingForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Optional: left empty, no experience is asked (the model's default, 0).
        self.fields["min_experience_years"].required = False

    def clean_min_experience_years(self) -> int:
        return cast(int | None, self.cleaned_data.get("min_experience_years")) or 0

    def clean_e7_code(self) -> str:
        return str(self.cleaned_data.get("e7_code") or "").strip().upper()

    def clean_city(self) -> str:
        return " ".join(str(self.cleaned_data.get("city") or "").split())

    accepted_fields = forms.ModelMultipleChoiceField(
        label=_("Fields of study accepted"),
        queryset=FieldOfStudy.objects.filter(is_stem=True).order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the fields you accept. Leave all unticked to accept any field of study."),
    )
    min_topik = forms.TypedChoiceField(
        label=_("Minimum TOPIK level"),
        choices=TopikLevel.choices,
        coerce=int,
        initial=TopikLevel.NONE,
        help_text=_("The lowest level on a TOPIK score report that you ask for."),
    )

    def accepted_field_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        """The fields of study's checkboxes by ISCED-F broad field."""
        groups: dict[str, list[BoundWidget]] = {}
        codes = dict(self.fields["accepted_fields"].queryset.values_list("pk", "code"))  # type: ignore[attr-defined]
        for box in self["accepted_fields"]:
            code = codes.get(int(str(box.data["value"])), "")
            groups.setdefault(code[:2], []).append(box)
        return [(str(BROAD_FIELDS.get(broad, broad)), boxes) for broad, boxes in groups.items()]

    def isco_options(self) -> list[tuple[str, str]]:
        return isco_code_options()

    def e7_options(self) -> list[tuple[str, str]]:
        known = dict(e7_code_options_from_catalogue())
        known.update(e7_confirmed_occupation_codes())
        return sorted(known.items())

    class Meta:
        model = JobPosting
        fields = [
            "title",
            "description",
            "occupation",
            "isco_code",
            "e7_code",
            "min_education",
            "accepted_fields",
            "min_topik",
            "english_requirement",
            "min_experience_years",
            "salary_min_krw",
            "salary_max_krw",
            "region",
            "city",
            "job_type",
            "visa_sponsorship",
            "is_eps_job",
            "openings",
            "deadline",
        ]
        labels = {
            "title": _("Job title"),
            "description": _("Description"),
            "occupation": _("Occupation"),
            "isco_code": _("ISCO-08 code"),
            "e7_code": _("E-7 occupation code"),
            "min_education": _("Minimum education"),
            "english_requirement": _("English"),
            "min_experience_years": _("Minimum years of experience"),
            "salary_min_krw": _("Salary from (KRW per year)"),
            "salary_max_krw": _("Salary to (KRW per year)"),
            "region": _("Province or metropolitan city"),
            "city": _("City or county"),
            "job_type": _("Job type"),
            "visa_sponsorship": _("We sponsor the work visa"),
            "is_eps_job": _("Employment Permit System (E-9) job"),
            "openings": _("Openings"),
            "deadline": _("Application deadline"),
        }
        help_texts = {
            "description": _(
                "Plain text or Markdown (headings, lists, links, bold). HTML is removed."
            ),
            "isco_code": _(
                "Four digits, e.g. 2152 (electronics engineers). Type a code or a word to see "
                "matching unit groups."
            ),
            "e7_code": _(
                "The Korean E-7 occupation code, e.g. 2211, where known. Suggestions list the "
                "codes confirmed so far."
            ),
            "city": _("Optional, e.g. Suwon, Geoje or Cheonan. Shown as “City, Province”."),
            "min_experience_years": _(
                "0 = none asked. Years in the same occupation (ISCO code) count in full, in a "
                "neighbouring one in part; more years rank higher."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "isco_code": forms.TextInput(
                attrs={"list": ISCO_OPTIONS_ID, "autocomplete": "off", "inputmode": "numeric"}
            ),
            "e7_code": forms.TextInput(attrs={"list": E7_OPTIONS_ID, "autocomplete": "off"}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "salary_min_krw": forms.NumberInput(attrs={"step": 100000, "min": 0}),
            "salary_max_krw": forms.NumberInput(attrs={"step": 100000, "min": 0}),
        }
