"""The employer pages' forms: company, colleagues, candidate filters, moves, sponsoring."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import ASEAN_COUNTRIES, EducationLevel, KoreaRegion
from core.countries import country_choices
from employers.models import MAX_LOCATIONS, Employer, HousingSupport, MemberRole, VisaSupport
from employers.services import LocationInput
from jobs.models import PIPELINE_TRANSITIONS, Application, ApplicationStatus
from training.selectors import SponsorGap

SUPPORT_FIELDS = (
    "housing_support",
    "visa_support",
    "korean_classes",
    "relocation_support",
    "support_notes",
)
_NOT_STATED = _("Not stated")


class CompanyForm(forms.ModelForm):
    """The company's details and what it offers foreign hires (each may be left unstated)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("housing_support", HousingSupport), ("visa_support", VisaSupport)):
            cast(forms.ChoiceField, self.fields[name]).choices = [
                ("", _NOT_STATED),
                *choices.choices,
            ]
        for name in ("korean_classes", "relocation_support"):
            cast(forms.Select, self.fields[name].widget).choices = [
                ("unknown", _NOT_STATED),
                ("true", _("Yes")),
                ("false", _("No")),
            ]

    def company_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in SUPPORT_FIELDS]

    def support_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SUPPORT_FIELDS]

    class Meta:
        model = Employer
        fields = [
            "name",
            "name_ko",
            "business_registration_number",
            "industry",
            "size_class",
            "region",
            "address",
            "website",
            "description",
            *SUPPORT_FIELDS,
        ]
        labels = {
            "name": _("Company name (English)"),
            "name_ko": _("Company name (Korean)"),
            "business_registration_number": _("Business registration number"),
            "industry": _("Industry"),
            "size_class": _("Company size"),
            "region": _("Region"),
            "address": _("Address"),
            "website": _("Website"),
            "description": _("About the company"),
            "housing_support": _("Housing"),
            "visa_support": _("Visa handling"),
            "korean_classes": _("Korean classes"),
            "relocation_support": _("Relocation support (travel and moving costs)"),
            "support_notes": _("Notes on support"),
        }
        help_texts = {
            "business_registration_number": _(
                "사업자등록번호, as 000-00-00000. Staff check it before your postings go public."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "support_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "business_registration_number": {
                "unique": _(
                    "A company with this registration number is already registered. "
                    "Ask a colleague there to invite you."
                )
            }
        }


class LocationForm(forms.Form):
    """One site of the company; an untouched blank row adds nothing."""

    city = forms.CharField(label=_("City"), max_length=80)
    region = forms.ChoiceField(label=_("Region"), choices=[("", "---------"), *KoreaRegion.choices])
    label = forms.CharField(
        label=_("Label (optional)"),
        max_length=60,
        required=False,
        help_text=_("For example Head office or Plant."),
    )


class BaseLocationFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this location")


LocationFormSet = forms.formset_factory(
    LocationForm,
    formset=BaseLocationFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_LOCATIONS,
    validate_max=True,
)


def location_formset(data: Any, *, employer: Employer) -> Any:
    """The company's sites as rows to edit, with one blank row to add a site."""
    initial = [
        {"city": site.city, "region": site.region, "label": site.label}
        for site in employer.locations.all()
    ]
    return LocationFormSet(data, initial=initial, prefix="locations")


def location_entries(formset: Any) -> list[LocationInput]:
    """The rows to keep, in order: the stored sites (edited or not) and the filled-in new rows,
    less those marked for removal."""
    return [
        LocationInput(**{name: form.cleaned_data[name] for name in ("city", "region", "label")})
        for index, form in enumerate(formset.forms)
        if (index < formset.initial_form_count() or form.has_changed())
        and not form.cleaned_data.get("DELETE")
    ]


class ColleagueInviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MemberRole.choices, initial=MemberRole.RECRUITER
    )


class CandidateFilterForm(forms.Form):
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    min_topik = forms.TypedChoiceField(
        label=_("TOPIK at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(n, str(n)) for n in range(1, 7)],
    )
    min_education = forms.ChoiceField(
        label=_("Education at least"),
        required=False,
        choices=[("", _("Any")), *EducationLevel.choices],
    )
    min_score = forms.IntegerField(
        label=_("Score at least (%)"), required=False, min_value=0, max_value=100
    )
    order_by = forms.ChoiceField(
        label=_("Rank by"),
        required=False,
        choices=[
            ("score", _("Fit, the candidate's wishes breaking ties")),
            ("fit", _("Fit only")),
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Graduates' nationalities are ASEAN members (profiles.models.AseanCountries).
        cast(forms.ChoiceField, self.fields["nationality"]).choices = country_choices(
            blank=_("Any"), codes=ASEAN_COUNTRIES
        )


class ApplicationMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by your company only."),
    )
    message = forms.CharField(
        label=_("Message to the candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The candidate sees it with the new status."),
    )
    rejection_reason = forms.CharField(
        label=_("Reason for rejection, for the candidate"),
        required=False,
        max_length=300,
        help_text=_("Required when you reject. The candidate sees this reason."),
    )

    def __init__(self, *args: object, application: Application, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        allowed = PIPELINE_TRANSITIONS[application.status] - {ApplicationStatus.WITHDRAWN}
        cast(forms.ChoiceField, self.fields["to_status"]).choices = [
            (status, label) for status, label in ApplicationStatus.choices if status in allowed
        ]


class CandidateInviteForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you think this graduate fits the role."),
    )


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


class CompanyCloseForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Type the company's name to confirm"), max_length=200, strip=True
    )
