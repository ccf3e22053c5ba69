"""Forms for the visa pages. The guidance engine's own validators decide what is valid.

Fields are loose text on purpose: `validate_person` / `validate_offer` read numbers written with
commas, codes in either case and "yes"/"no", and their messages are shown next to the fields, so
the page and the API (which calls the same validators) cannot disagree about what is allowed.
"""

from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.choices import CompanySize, EducationLevel, Industry, KoreaRegion
from core.countries import country_choices
from portal.public.widgets import Choices, PythonSelect
from visas.rules import (
    GOAL_CHOICES,
    OfferFacts,
    PersonFacts,
    RuleInputError,
    validate_offer,
    validate_person,
)
from visas.selectors import EARLIEST_AS_OF, LATEST_AS_OF

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PERSON_FIELDS = (
    "nationality",
    "age",
    "education_level",
    "field_stem",
    "degree_country",
    "years_since_graduation",
    "topik",
    "kiip_stage",
    "experience_years",
    "korean_experience_years",
    "current_visa",
    "status_expires",
    "annual_income_krw",
)
OFFER_FIELDS = ("annual_salary_krw", "occupation_code", "employer_size", "eps_job")


def degree_country_choices() -> Choices:
    """Where the highest degree is from: Korea first (it decides most rules), then the rest."""
    return [
        ("", _("I don't know, or no degree")),
        ("KR", _("Korea (a Korean university)")),
        *country_choices(),
    ]


# The university's place in the world rankings, as the rules ask it (QS and THE): each band
# stands for the rank the rules compare with.
UNIVERSITY_RANK_CHOICES: Choices = [
    ("", _("I don't know")),
    ("top200", _("In the world's top 200 (QS or THE)")),
    ("top500", _("In the top 500 (QS), not the top 200")),
    ("other", _("Not in the top 500")),
]
_RANK_FACTS: dict[str, dict[str, int]] = {
    "top200": {"degree.university_rank_qs": 200, "degree.university_rank_the": 200},
    "top500": {"degree.university_rank_qs": 500},
    "other": {"degree.university_rank_qs": 1000, "degree.university_rank_the": 1000},
}
GOAL_FORM_CHOICES: Choices = [
    ("", _("Not sure yet: show every route")),
    ("professional", _("Professional or engineering work")),
    ("factory", _("Factory, farm or shipyard work")),
    ("study", _("Study in Korea")),
]


TOPIK_CHOICES: Choices = [
    ("0", _("None")),
    *[(str(n), format_lazy("{} {}", _("Level"), n)) for n in range(1, 7)],
]
KIIP_CHOICES: Choices = [
    ("0", _("None")),
    *[(str(n), format_lazy("{} {}", _("Stage"), n)) for n in range(1, 6)],
]
EDUCATION_CHOICES: Choices = [("", _("No degree or diploma")), *EducationLevel.choices]
_STATUSES = ("D-2", "D-4", "D-10", "D-10-1", "E-7", "E-7-1", "E-7-4", "E-9", "F-2", "F-2-7", "F-5")
CURRENT_VISA_CHOICES: Choices = [
    ("", _("None / not in Korea")),
    *[(code, code) for code in _STATUSES],
    ("other", _("Other")),
]


def _text(
    label: "StrOrPromise", *, inputmode: str = "", help_text: "StrOrPromise" = ""
) -> forms.CharField:
    attrs = {"autocomplete": "off"}
    if inputmode:
        attrs["inputmode"] = inputmode
    return forms.CharField(
        label=label,
        required=False,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


def _select(
    label: "StrOrPromise", choices: Choices, *, help_text: "StrOrPromise" = ""
) -> forms.CharField:
    # A length validator, not max_length: that would put a `maxlength` attribute on the select.
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        validators=[MaxLengthValidator(40)],
        widget=PythonSelect(choices=choices),
    )


class _EngineForm(forms.Form):
    """Shows the engine's messages on the fields and keeps values that no option matches."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepare_fields()
        if self.is_bound:
            self._keep_unlisted_values()

    def prepare_fields(self) -> None:
        """Choices and initial values that depend on the request (its language, the day)."""

    def _keep_unlisted_values(self) -> None:
        """A select cannot show a value that is not an option (a shared link with `topik=9`):
        add it as one, so the page shows what was sent next to the message about it."""
        for name, field in self.fields.items():
            if not isinstance(field.widget, forms.Select):
                continue
            sent = self.data.get(self.add_prefix(name), "")
            if sent and len(sent) <= 40 and sent not in _option_values(field.widget.choices):
                field.widget.choices = [*field.widget.choices, (sent, sent)]

    def add_engine_errors(self, error: RuleInputError, *, fields: Iterable[str]) -> None:
        known = set(fields)
        for name, message in error.errors.items():
            target = name if name in known and name in self.fields else None
            if target is None or target not in self.errors:
                self.add_error(target, message)

    def engine_input(self, names: Iterable[str]) -> dict[str, Any]:
        """The cleaned text of the fields, without the empty ones (the engine's defaults)."""
        raw: dict[str, Any] = {}
        for name in names:
            value = self.cleaned_data.get(name)
            if value is not None and value != "":
                raw[name] = value
        return raw


def _option_values(choices: Iterable[Any]) -> set[str]:
    values: set[str] = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            values.update(str(inner) for inner, _label in label)
        else:
            values.add(str(value))
    return values


class VisaCheckForm(_EngineForm):
    """The public checker: a person, an optional job offer and the day the rules apply."""

    nationality = forms.CharField(
        label=_("Nationality"),
        validators=[MaxLengthValidator(40)],
        error_messages={"required": _("Choose your nationality.")},
        widget=PythonSelect(),
    )
    age = _text(_("Age"), inputmode="numeric")
    education_level = _select(_("Highest degree or diploma"), EDUCATION_CHOICES)
    field_stem = forms.BooleanField(
        label=_("My field of study is STEM (science, technology, engineering, mathematics)"),
        required=False,
    )
    degree_country = forms.CharField(
        label=_("Where is your highest degree from?"),
        required=False,
        validators=[MaxLengthValidator(40)],
        widget=PythonSelect(),
    )
    years_since_graduation = _text(
        _("Years since you graduated"),
        inputmode="numeric",
        help_text=_("From your highest degree. Leave empty if you have none."),
    )
    university_rank = _select(
        _("Your university in the world rankings"),
        UNIVERSITY_RANK_CHOICES,
        help_text=_("Some routes open to graduates of top-ranked universities."),
    )
    topik = _select(_("TOPIK level"), TOPIK_CHOICES)
    kiip_stage = _select(_("KIIP stage"), KIIP_CHOICES)
    experience_years = _text(
        _("Years of work experience"),
        inputmode="decimal",
        help_text=_("Related work after your degree, anywhere. Halves are fine: 1.5."),
    )
    korean_experience_years = _text(_("Of which in Korea (years)"), inputmode="decimal")
    current_visa = _select(_("Current status in Korea"), CURRENT_VISA_CHOICES)
    status_expires = forms.DateField(
        label=_("Your status ends on"),
        required=False,
        help_text=_("The date on your residence card. Only if you are in Korea now."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    annual_income_krw = _text(
        _("Your income last year (KRW)"),
        inputmode="numeric",
        help_text=_("Before tax. Residence routes with points count it. Optional."),
    )
    goal = _select(_("What do you want to do in Korea?"), GOAL_FORM_CHOICES)
    annual_salary_krw = _text(
        _("Offered annual salary (KRW)"),
        inputmode="numeric",
        help_text=_("Before tax, e.g. 36,000,000. Leave empty if you have no offer yet."),
    )
    occupation_code = _text(
        _("Occupation code (KSCO)"),
        help_text=_("From the job posting or the E-7 occupation list, e.g. 2351. Optional."),
    )
    employer_size = _select(_("Employer size"), list(CompanySize.choices))
    eps_job = _select(
        _("Is it an Employment Permit System (E-9) job?"),
        [("", _("I don't know")), ("yes", _("Yes")), ("no", _("No"))],
        help_text=_(
            "Factory, shipyard and farm jobs hired through the EPS quota. Only they open E-9."
        ),
    )
    as_of = forms.DateField(
        label=_("Rules as of"),
        required=False,
        help_text=_("Today unless you want to see the rules of another day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data: QueryDict | None = None) -> None:
        if data is not None and not data.get("as_of"):
            data = data.copy()
            data["as_of"] = timezone.localdate().isoformat()  # show the day the answer is for
        super().__init__(data)

    def prepare_fields(self) -> None:
        self.fields["nationality"].widget.choices = country_choices(blank=_("Choose a country"))
        self.fields["degree_country"].widget.choices = degree_country_choices()
        self.fields["as_of"].initial = timezone.localdate()
        self.fields["employer_size"].initial = CompanySize.SME

    def clean_as_of(self) -> date:
        day: date | None = self.cleaned_data.get("as_of")
        if day is None:
            return timezone.localdate()
        if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
            raise forms.ValidationError(
                _("Choose a day between %(first)s and %(last)s.")
                % {"first": EARLIEST_AS_OF.isoformat(), "last": LATEST_AS_OF.isoformat()}
            )
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        raw = self.engine_input(PERSON_FIELDS)
        rank = _RANK_FACTS.get(cleaned.get("university_rank") or "")
        if rank is not None:
            raw["extra"] = rank
        try:
            cleaned["person"] = validate_person(raw)
        except RuleInputError as error:
            self.add_engine_errors(error, fields=PERSON_FIELDS)
        cleaned["offer"] = self._offer()
        if cleaned.get("goal") not in ("", None, *GOAL_CHOICES):
            self.add_error("goal", _("Choose one of the listed goals."))
        return cleaned

    def _offer(self) -> OfferFacts | None:
        """An offer only when a salary or an occupation code is given (the size has a default)."""
        raw = self.engine_input(OFFER_FIELDS)
        if not (raw.get("annual_salary_krw") or raw.get("occupation_code")):
            if raw.get("eps_job") == "yes":  # an answer about an offer, but no offer to check
                self.add_error(
                    "annual_salary_krw",
                    _("Give the offered salary: an EPS job is checked against its pay."),
                )
            return None
        try:
            return validate_offer(raw)
        except RuleInputError as error:
            self.add_engine_errors(error, fields=OFFER_FIELDS)
            return None


class WhatIfForm(_EngineForm):
    """The graduate's "what if" controls over facts read from their profile: another TOPIK
    level, an offered salary. `cleaned_data["person"]` is the profile's facts with the TOPIK
    level asked about, checked by the engine's validator like any other input."""

    topik = _select(_("If my TOPIK level were"), TOPIK_CHOICES)
    offer_salary = _text(
        _("If I had an offer of (KRW a year)"),
        inputmode="numeric",
        help_text=_("e.g. 36,000,000. Empty: no offer."),
    )

    def __init__(self, data: QueryDict | None = None, *, person: PersonFacts) -> None:
        if data is not None and "topik" not in data:
            data = data.copy()
            data["topik"] = str(person.topik)  # a link with only a salary keeps the own level
        super().__init__(data)
        self.person = person
        self.fields["topik"].initial = str(person.topik)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        raw = _as_input(self.person)
        if cleaned.get("topik"):
            raw["topik"] = cleaned["topik"]
        try:
            cleaned["person"] = validate_person(raw)
        except RuleInputError as error:
            self.add_engine_errors(error, fields=("topik",))
        cleaned["offer"] = None
        if cleaned.get("offer_salary"):
            try:
                cleaned["offer"] = validate_offer({"annual_salary_krw": cleaned["offer_salary"]})
            except RuleInputError as error:
                self.add_error("offer_salary", error.errors.get("annual_salary_krw", str(error)))
        return cleaned


def _as_input(person: PersonFacts) -> dict[str, Any]:
    """The facts back in the shape `validate_person` reads (it returns equal facts for it)."""
    raw = {field.name: getattr(person, field.name) for field in dataclass_fields(person)}
    raw["extra"] = dict(person.extra)
    return {name: value for name, value in raw.items() if value is not None}


class CompanyFilterForm(forms.Form):
    """The company directory's filters; an unknown value is ignored, never an error page."""

    industry = forms.ChoiceField(
        label=_("Industry"), required=False, choices=[("", _("Any industry")), *Industry.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("Anywhere in Korea")), *KoreaRegion.choices],
    )

    def filters(self) -> dict[str, str]:
        if not self.is_bound:
            return {"industry": "", "region": ""}
        self.is_valid()  # fills cleaned_data with the valid filters only
        return {name: self.cleaned_data.get(name) or "" for name in ("industry", "region")}
