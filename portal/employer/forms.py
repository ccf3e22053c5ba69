"""The employer pages' forms: company, colleagues, candidate filters, moves, sponsoring."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.choices import ASEAN_COUNTRIES, EducationLevel
from employers.models import Employer, MemberRole
from jobs.models import PIPELINE_TRANSITIONS, Application, ApplicationStatus
from training.selectors import SponsorGap


class CompanyForm(forms.ModelForm):
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
        }
        help_texts = {
            "business_registration_number": _(
                "사업자등록번호, as 000-00-00000. Staff check it before your postings go public."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "business_registration_number": {
                "unique": _(
                    "A company with this registration number is already registered. "
                    "Ask a colleague there to invite you."
                )
            }
        }


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
        names = dict(countries)
        cast(forms.ChoiceField, self.fields["nationality"]).choices = [("", _("Any"))] + [
            (code, names.get(code, name)) for code, name in ASEAN_COUNTRIES.items()
        ]


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


class BulkMoveForm(forms.Form):
    """Several applications of one posting to one stage, or rejected with one reason."""

    applications = forms.TypedMultipleChoiceField(
        label=_("Applications"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    to_status = forms.ChoiceField(
        label=_("Move the selected applications to"),
        choices=[
            (status, label)
            for status, label in ApplicationStatus.choices
            if status not in (ApplicationStatus.APPLIED, ApplicationStatus.WITHDRAWN)
        ],
    )
    rejection_reason = forms.CharField(
        label=_("Reason for rejection, for the candidates"),
        required=False,
        max_length=300,
        help_text=_("Required when you reject. Each candidate sees this reason."),
    )
    message = forms.CharField(
        label=_("Message to the candidates"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Each candidate sees it with the new status."),
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by your company only."),
    )

    def __init__(self, *args: object, application_ids: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["applications"]).choices = [
            (pk, str(pk)) for pk in application_ids
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
