"""Forms of the graduate portal: one per profile step, the skills rows, the CV and applying."""

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ASEAN_COUNTRIES, CompanySize, Industry, JobType, KoreaRegion
from core.countries import country_choices
from jobs.models import SavedSearch
from jobs.services import COVER_LETTER_MAX
from profiles.cv import cv_validate
from profiles.models import (
    EducationRecord,
    EnglishTest,
    GraduateProfile,
    Visibility,
    WorkExperience,
)
from training.plans import OBJECTIVES

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_CHOICES = [
    (1, _("1 · basic")),
    (2, _("2 · working knowledge")),
    (3, _("3 · independent")),
    (4, _("4 · advanced")),
    (5, _("5 · expert")),
]
# Plausible ranges of each English test's score (CEFR as a number, A1=1 … C2=6).
ENGLISH_SCORE_RANGES = {
    EnglishTest.TOEIC: (10, 990),
    EnglishTest.TOEFL_IBT: (0, 120),
    EnglishTest.IELTS: (0, 9),
    EnglishTest.CEFR: (1, 6),
}


class BasicsForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)

    class Meta:
        model = GraduateProfile
        fields = [
            "nationality", "date_of_birth", "phone", "current_country", "current_city",
            "current_visa", "headline", "summary",
        ]  # fmt: skip
        labels = {
            "nationality": _("Nationality"),
            "date_of_birth": _("Date of birth"),
            "phone": _("Phone number"),
            "current_country": _("Country you live in now"),
            "current_city": _("City"),
            "current_visa": _("Current Korean visa"),
            "headline": _("Headline"),
            "summary": _("About you"),
        }
        help_texts = {
            "phone": _("With the country code, e.g. +84 912 345 678."),
            "headline": _("One line employers see first, e.g. “Battery process engineer”."),
            "current_visa": _(
                "Employers sponsor a work visa unless your status already lets you take any job "
                "(F-2, F-4, F-5, F-6)."
            ),
        }
        widgets = {
            "date_of_birth": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = ["full_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].required = True
        self.fields["date_of_birth"].required = True
        _countries_listed(self, "nationality", codes=ASEAN_COUNTRIES)
        _countries_listed(self, "current_country")
        if not self.is_bound:
            self.initial["full_name"] = self.instance.user.full_name

    def clean_date_of_birth(self) -> datetime.date:
        born: datetime.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < 15 or age > 80:
            raise ValidationError(_("Enter your real date of birth (you must be 15 to 80)."))
        return born


def _countries_listed(form: forms.BaseForm, name: str, **kwargs: Any) -> None:
    """The country select in the site's order: ASEAN members first, then the others."""
    field = cast(forms.ChoiceField, form.fields[name])
    field.choices = country_choices(blank=_("Choose a country"), **kwargs)


class EducationForm(forms.ModelForm):
    class Meta:
        model = EducationRecord
        fields = [
            "level", "field_of_study", "programme", "institution", "country", "graduation_year",
        ]  # fmt: skip
        labels = {
            "level": _("Degree"),
            "field_of_study": _("Field of study"),
            "programme": _("Programme"),
            "institution": _("University or college"),
            "country": _("Country"),
            "graduation_year": _("Year of graduation (or expected)"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _countries_listed(self, "country")

    def clean_graduation_year(self) -> int:
        year: int = self.cleaned_data["graduation_year"]
        latest = timezone.localdate().year + 6
        if not 1950 <= year <= latest:
            raise ValidationError(_("Enter a year between 1950 and %(y)s.") % {"y": latest})
        return year


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = WorkExperience
        fields = [
            "title",
            "isco_code",
            "employer_name",
            "country",
            "start_date",
            "end_date",
            "description",
        ]
        labels = {
            "title": _("Job title"),
            "isco_code": _("Occupation code (ISCO-08, optional)"),
            "employer_name": _("Employer"),
            "country": _("Country"),
            "start_date": _("Started"),
            "end_date": _("Ended"),
            "description": _("What you did"),
        }
        help_texts = {
            "isco_code": _(
                "Four digits, e.g. 2152 for an electronics engineer or 3113 for an electrical "
                "technician. Employers asking for experience count years in the same occupation "
                "in full; without a code they count half."
            ),
        }
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _countries_listed(self, "country")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and start > timezone.localdate():
            self.add_error("start_date", _("The start date cannot be in the future."))
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return data


class SkillRowForm(forms.Form):
    """One skill as typed: a name (or alias, or Korean name) and a level."""

    name = forms.CharField(
        label=_("Skill"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"list": "skill-options", "autocomplete": "off"}),
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=LEVEL_CHOICES, coerce=int, required=False, initial=3
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = " ".join((data.get("name") or "").split())
        data["name"] = name
        if name and not data.get("level"):
            self.add_error("level", _("Choose a level from 1 to 5."))
        return data


class BaseSkillRowFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            name = form.cleaned_data.get("name", "")
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error("name", _("This skill is listed twice."))
            seen.add(name.casefold())

    def rows(self) -> list[tuple[str, int]]:
        return [
            (form.cleaned_data["name"], form.cleaned_data["level"])
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


# formset_factory returns a subclass of `formset`; django-stubs types it as a plain BaseFormSet.
SkillRowFormSet = cast(
    type[BaseSkillRowFormSet],
    formset_factory(
        SkillRowForm, formset=BaseSkillRowFormSet, extra=3, max_num=40, validate_max=True
    ),
)


class LanguagesForm(forms.ModelForm):
    class Meta:
        model = GraduateProfile
        fields = ["topik_level", "kiip_stage", "english_test", "english_score"]
        labels = {
            "topik_level": _("TOPIK level"),
            "kiip_stage": _("KIIP stage completed"),
            "english_test": _("English test"),
            "english_score": _("English score"),
        }
        help_texts = {
            "english_score": _(
                "TOEIC 10-990, TOEFL iBT 0-120, IELTS 0-9, CEFR as a number (A1=1 … C2=6)."
            ),
        }
        widgets = {
            "topik_level": forms.Select(
                choices=[(0, _("No valid TOPIK result"))] + [(n, f"TOPIK {n}") for n in range(1, 7)]
            ),
            "kiip_stage": forms.Select(
                choices=[(0, _("None"))] + [(n, _("Stage %(n)s") % {"n": n}) for n in range(1, 6)]
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        test, score = data.get("english_test"), data.get("english_score")
        if test and score is None and "english_score" not in self.errors:
            self.add_error("english_score", _("Give the score of your English test."))
        elif not test and score is not None:
            self.add_error("english_test", _("Choose the test this score comes from."))
        elif test and score is not None:
            low, high = ENGLISH_SCORE_RANGES[EnglishTest(test)]
            if not low <= score <= high:
                self.add_error(
                    "english_score",
                    _("A %(test)s score is between %(low)s and %(high)s.")
                    % {"test": EnglishTest(test).label, "low": low, "high": high},
                )
        return data


class PreferencesForm(forms.ModelForm):
    preferred_industries = forms.MultipleChoiceField(
        label=_("Industries"),
        choices=Industry.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all empty if any industry suits you."),
    )
    preferred_regions = forms.MultipleChoiceField(
        label=_("Regions of Korea"),
        choices=KoreaRegion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    preferred_job_types = forms.MultipleChoiceField(
        label=_("Job types"),
        choices=JobType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    preferred_company_sizes = forms.MultipleChoiceField(
        label=_("Company sizes"),
        choices=CompanySize.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = GraduateProfile
        fields = [
            "preferred_industries", "preferred_regions", "preferred_job_types",
            "preferred_company_sizes", "min_salary_krw", "willing_to_relocate",
        ]  # fmt: skip
        labels = {
            "min_salary_krw": _("Minimum annual salary (KRW)"),
            "willing_to_relocate": _("I would move to another region for the right job"),
        }
        help_texts = {"min_salary_krw": _("Before tax, per year, e.g. 32000000.")}

    def clean_min_salary_krw(self) -> int | None:
        salary: int | None = self.cleaned_data.get("min_salary_krw")
        if salary is not None and not 10_000_000 <= salary <= 500_000_000:
            raise ValidationError(_("Enter a yearly amount between 10,000,000 and 500,000,000."))
        return salary

    def preferences(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CvForm(forms.Form):
    cv = forms.FileField(
        label=_("Your CV (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_cv(self) -> Any:
        upload = self.cleaned_data["cv"]
        cv_validate(upload)
        return upload


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who may see my profile"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "“Verified employers may find my profile” lets companies invite you; it records your "
            "consent, which you can withdraw here at any time."
        ),
    )


class ApplicationForm(forms.Form):
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        max_length=COVER_LETTER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this job, and what you bring. Optional, up to 5,000 characters."),
    )


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


class SavedSearchForm(forms.ModelForm):
    """A saved search's name and how often it alerts (saving from the search, or editing)."""

    name = forms.CharField(
        label=_("Name of the search"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to name it after its filters."),
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"frequency": _("Tell me of new jobs")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # editing: an empty name keeps the one it has
            self.fields["name"].help_text = ""


class DigestFrequencyForm(forms.ModelForm):
    class Meta:
        model = GraduateProfile
        fields = ["match_digest_frequency"]
        labels = {"match_digest_frequency": _("E-mail me new jobs that match my profile")}
