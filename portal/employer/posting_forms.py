"""The employer's posting form: the posting's details and its skills (names resolved against the
taxonomy, so a typed alias or Korean name works without JavaScript)."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jobs.models import JobPosting, Requirement
from profiles.models import FieldOfStudy
from skills.selectors import skill_for_label

SKILL_ROWS_EXTRA = 3


class PostingForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Optional: left empty, no experience is asked (the model's default, 0).
        self.fields["min_experience_years"].required = False

    def clean_min_experience_years(self) -> int:
        return cast(int | None, self.cleaned_data.get("min_experience_years")) or 0

    accepted_fields = forms.ModelMultipleChoiceField(
        label=_("Fields of study accepted"),
        queryset=FieldOfStudy.objects.filter(is_stem=True).order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Leave empty to accept any field of study."),
    )

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
            "min_topik": _("Minimum TOPIK level"),
            "english_requirement": _("English"),
            "min_experience_years": _("Minimum years of experience"),
            "salary_min_krw": _("Salary from (KRW per year)"),
            "salary_max_krw": _("Salary to (KRW per year)"),
            "region": _("Region"),
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
            "isco_code": _("Four digits, e.g. 2152 (electronics engineers)."),
            "e7_code": _("The Korean E-7 occupation code, e.g. 2351, where known."),
            "min_topik": _("0 = no Korean required; 1-6 as on the TOPIK score report."),
            "min_experience_years": _(
                "0 = none asked. Years in the same occupation (ISCO code) count in full, in a "
                "neighbouring one in part; more years rank higher."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "salary_min_krw": forms.NumberInput(attrs={"step": 100000, "min": 0}),
            "salary_max_krw": forms.NumberInput(attrs={"step": 100000, "min": 0}),
        }


class PostingSkillForm(forms.Form):
    skill = forms.CharField(
        label=_("Skill"),
        max_length=120,
        required=False,
        widget=forms.TextInput(
            attrs={
                "list": "skill-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("skills:autocomplete"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#skill-options",
                "hx-vals": 'js:{"q": this.value}',
                "hx-sync": "this:replace",
            }
        ),
    )
    # Not required: an empty row (no skill) is ignored whatever its selects say.
    requirement = forms.ChoiceField(
        label=_("Requirement"),
        choices=Requirement.choices,
        initial=Requirement.REQUIRED,
        required=False,
        help_text=_(
            "Required skills carry most of the ranking. A deal breaker is a required skill "
            "below whose level a graduate is not ranked at all."
        ),
    )
    min_level = forms.TypedChoiceField(
        label=_("Minimum level"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        initial=3,
        required=False,
        empty_value=3,  # type: ignore[arg-type]  # any value works; django-stubs says str
    )

    def has_changed(self) -> bool:
        return bool((self.data.get(self.add_prefix("skill")) or "").strip()) or bool(self.initial)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["requirement"] = cleaned.get("requirement") or Requirement.REQUIRED
        label = (cleaned.get("skill") or "").strip()
        if label:
            skill = skill_for_label(label=label)
            if skill is None:
                self.add_error(
                    "skill",
                    _("“%(label)s” is not in the skill list. Pick a suggestion.")
                    % {"label": label},
                )
            else:
                cleaned["skill_obj"] = skill
        return cleaned


class BasePostingSkillFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.forms:
            skill = form.cleaned_data.get("skill_obj")
            if skill is None:
                continue
            if skill.pk in seen:
                raise ValidationError(
                    _("%(skill)s is listed twice.") % {"skill": skill.name}, code="duplicate"
                )
            seen.add(skill.pk)

    def skill_rows(self) -> list[tuple[int, str, int, float]]:
        """(skill id, requirement, min level, weight) for posting_skills_set."""
        return [
            (
                f.cleaned_data["skill_obj"].pk,
                f.cleaned_data["requirement"],
                f.cleaned_data["min_level"],
                1.0,
            )
            for f in self.forms
            if f.cleaned_data.get("skill_obj") is not None
        ]


# formset_factory returns a subclass of `formset`; django-stubs types it as a plain BaseFormSet.
PostingSkillFormSet = cast(
    type[BasePostingSkillFormSet],
    forms.formset_factory(
        PostingSkillForm, formset=BasePostingSkillFormSet, extra=SKILL_ROWS_EXTRA, max_num=30
    ),
)


def posting_skill_initial(posting: JobPosting) -> list[dict[str, Any]]:
    return [
        {"skill": row.skill.name, "requirement": row.requirement, "min_level": row.min_level}
        for row in posting.skills.select_related("skill")
    ]
