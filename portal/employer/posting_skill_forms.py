"""The posting form's skill rows: a formset that grows a row at a time (with JavaScript, a row
cloned from the empty form; without it, an "add a row" submit that shows the form again with one
more row and everything typed kept)."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jobs.models import JobPosting, Requirement
from skills.selectors import skill_for_label

SKILL_ROWS_EXTRA = 3
SKILL_ROWS_MAX = 30
SKILL_PREFIX = "skills"
# The name of the no-JavaScript submit button that asks for one more row.
ADD_SKILL_ROW = "add_skill_row"


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
                # site.js sends the typed text as `q` (CSP allows no `js:` values).
                "data-query-param": "q",
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
        PostingSkillForm,
        formset=BasePostingSkillFormSet,
        extra=SKILL_ROWS_EXTRA,
        max_num=SKILL_ROWS_MAX,
    ),
)


def posting_skill_formset(
    data: QueryDict | None, *, posting: JobPosting | None
) -> BasePostingSkillFormSet:
    return PostingSkillFormSet(
        data, prefix=SKILL_PREFIX, initial=posting_skill_initial(posting) if posting else None
    )


def skill_row_added(data: QueryDict) -> QueryDict:
    """The submitted form with one more (empty) skill row, up to the maximum."""
    grown = data.copy()
    key = f"{SKILL_PREFIX}-TOTAL_FORMS"
    try:
        rows = int(data.get(key) or 0)
    except ValueError:
        rows = 0
    grown[key] = str(min(max(rows, 0) + 1, SKILL_ROWS_MAX))
    return grown


def errors_silenced(*forms_shown: forms.BaseForm | forms.BaseFormSet) -> None:
    """Shown again only to add a row, the forms keep what was typed and show no errors yet."""
    for shown in forms_shown:
        # Django validates on first reading `errors`; set, they are read as they are.
        if isinstance(shown, forms.BaseFormSet):
            shown._errors = []  # type: ignore[attr-defined]
            shown._non_form_errors = ErrorList()  # type: ignore[attr-defined]
            errors_silenced(*shown.forms)
        else:
            shown._errors = ErrorDict()  # type: ignore[attr-defined]


def posting_skill_initial(posting: JobPosting) -> list[dict[str, Any]]:
    return [
        {"skill": row.skill.name, "requirement": row.requirement, "min_level": row.min_level}
        for row in posting.skills.select_related("skill")
    ]
