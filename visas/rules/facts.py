"""What the engine knows about a graduate and a job offer, and turning raw input into it.

`validate_person` / `validate_offer` accept the loose values forms and JSON bodies carry (numbers
as text from an HTML form, "true"/"false", upper- or lower-case codes) and either return the
frozen facts or raise `RuleInputError` with one message per bad field, so a form or an API can show
them next to the fields. They never return half-checked facts.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django_countries.data import COUNTRIES

from core.choices import ASEAN_COUNTRIES

EDUCATION_LEVELS = ("", "diploma", "associate", "bachelor", "master", "doctorate")
EMPLOYER_SIZES = ("sme", "mid", "large")
TOPIK_LEVELS = range(0, 7)
KIIP_STAGES = range(0, 6)
MAX_AGE = 120
MAX_YEARS = 60
# Current status: "" (none / not in Korea), "other", or a Korean status code such as D-2, D-10-1,
# E-7, E-7-1, F-2-7 (profiles store the family, e.g. "E-7"; a sub-code is more precise).
_VISA_CODE = re.compile(r"^[A-H]-\d{1,2}(-[0-9A-Z]{1,2})?$")
_OCCUPATION_CODE = re.compile(r"^S?\d{3,5}$")
_EXTRA_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
ExtraValue = bool | int | float | str
Extra = tuple[tuple[str, ExtraValue], ...]
Number = int | float


class RuleInputError(ValueError):
    """Bad input for the guidance engine. `errors` maps each bad field to a message for people."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """A graduate as the rules see them. None means "not given" (the engine then cannot tell).

    `korean_degree`: the highest degree is from a Korean university (then `degree_country` is KR).
    `experience_years`: related work experience after the degree, anywhere; of it,
    `korean_experience_years` in Korea. `annual_income_krw`: last year's earned income.
    `years_since_graduation`: since the highest degree (D-10 and F-2-7 rules use it).
    `status_expires`: the day the current status ends (the residence card says it).
    `extra`: answers to questions outside these facts, keyed by the rule data's field names, e.g.
    (("record.imprisonment_offence", False), ("degree.university_rank_qs", 150)); sorted pairs.
    """

    nationality: str
    age: int | None = None
    education_level: str = ""
    field_stem: bool = False
    degree_country: str = ""
    korean_degree: bool = False
    topik: int = 0
    kiip_stage: int = 0
    experience_years: float = 0.0
    korean_experience_years: float = 0.0
    current_visa: str = ""
    annual_income_krw: int | None = None
    years_since_graduation: int | None = None
    status_expires: date | None = None
    extra: Extra = ()

    @property
    def is_asean(self) -> bool:
        return self.nationality in ASEAN_COUNTRIES


@dataclass(frozen=True, slots=True)
class OfferFacts:
    """A job offer. `employer_size` decides which salary rule applies where rules differ by size
    (before 2025-04-01 E-7-1 asked 70% of GNI of SMEs and venture firms, 80% of others).
    `sponsorship`: the employer will sponsor the work visa. `eps_job`: the job is filled through
    the Employment Permit System (the employer holds an E-9 quota); None when not stated, which
    leaves E-9 possible but unconfirmed. `extra`: facts about the employer or job keyed by the
    rule data's field names, e.g. (("job_offer.employer_is_listed", True),)."""

    annual_salary_krw: int
    occupation_code: str = ""
    employer_size: str = "sme"
    sponsorship: bool = True
    eps_job: bool | None = None
    extra: Extra = ()


def validate_person(raw: Mapping[str, Any]) -> PersonFacts:
    """PersonFacts from raw input, or RuleInputError({field: message}) listing every problem."""
    reader = _Reader(raw, allowed={f.name for f in fields(PersonFacts)})
    nationality = reader.country("nationality", required=True)
    age = reader.integer("age", low=0, high=MAX_AGE, noun=_("Age"))
    level = reader.choice("education_level", EDUCATION_LEVELS, aliases={"none": ""})
    degree_country = reader.country("degree_country")
    korean_degree = reader.boolean("korean_degree", default=False)
    experience = reader.number("experience_years", high=MAX_YEARS, default=0.0)
    korean_experience = reader.number("korean_experience_years", high=MAX_YEARS, default=0.0)
    if korean_degree and degree_country not in ("", "KR"):
        reader.fail("korean_degree", _("A degree from a Korean university has degree country KR."))
    if (korean_degree or degree_country) and level in ("", "diploma"):
        reader.fail("education_level", _("Give the level of the degree."))
    if (
        isinstance(experience, float)
        and isinstance(korean_experience, float)
        and korean_experience > experience
    ):
        reader.fail(
            "korean_experience_years",
            _("Experience in Korea is part of all experience, so it cannot be more."),
        )
    facts: dict[str, Any] = {
        "nationality": nationality,
        "age": age,
        "education_level": level,
        "field_stem": reader.boolean("field_stem", default=False),
        "degree_country": "KR" if korean_degree else degree_country,
        "korean_degree": bool(korean_degree) or degree_country == "KR",
        "topik": reader.integer("topik", low=0, high=6, noun=_("TOPIK level"), default=0),
        "kiip_stage": reader.integer("kiip_stage", low=0, high=5, noun=_("KIIP stage"), default=0),
        "experience_years": experience,
        "korean_experience_years": korean_experience,
        "current_visa": reader.visa("current_visa"),
        "status_expires": reader.day("status_expires"),
        "annual_income_krw": reader.integer(
            "annual_income_krw", low=0, noun=_("Income"), money=True
        ),
        "years_since_graduation": reader.integer(
            "years_since_graduation", low=0, high=MAX_YEARS, noun=_("Years since graduation")
        ),
        "extra": reader.extra_facts("extra"),
    }
    if facts["status_expires"] is not None and facts["current_visa"] in ("", "other"):
        reader.fail("status_expires", _("Give the current status the end date belongs to."))
    reader.raise_errors()
    return PersonFacts(**facts)


def validate_offer(raw: Mapping[str, Any]) -> OfferFacts:
    """OfferFacts from raw input, or RuleInputError({field: message}) listing every problem."""
    reader = _Reader(raw, allowed={f.name for f in fields(OfferFacts)})
    salary = reader.integer(
        "annual_salary_krw", low=0, noun=_("The annual salary"), money=True, required=True
    )
    code = reader.text("occupation_code").upper()
    if code and not _OCCUPATION_CODE.match(code):
        reader.fail(
            "occupation_code",
            _("Give the KSCO occupation code as digits, e.g. 2211 (some codes start with S)."),
        )
    facts: dict[str, Any] = {
        "annual_salary_krw": salary,
        "occupation_code": code,
        "employer_size": reader.choice("employer_size", EMPLOYER_SIZES, default="sme"),
        "sponsorship": reader.boolean("sponsorship", default=True),
        "eps_job": reader.optional_boolean("eps_job"),
        "extra": reader.extra_facts("extra"),
    }
    reader.raise_errors()
    return OfferFacts(**facts)


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class _Reader:
    """Reads raw fields one by one, collecting a message per bad field instead of stopping."""

    def __init__(self, raw: Mapping[str, Any], *, allowed: set[str]) -> None:
        if not isinstance(raw, Mapping):
            raise RuleInputError({"__all__": _("Expected an object with named fields.")})
        self.raw = raw
        self.errors: dict[str, str] = {
            str(name): _("Unknown field.") for name in raw if name not in allowed
        }

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_errors(self) -> None:
        if self.errors:
            raise RuleInputError(self.errors)

    def _get(self, name: str) -> Any:
        value = self.raw.get(name)
        return value.strip() if isinstance(value, str) else value

    def text(self, name: str) -> str:
        value = self._get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(name, _("Expected text."))
            return ""
        return value

    def country(self, name: str, *, required: bool = False) -> str:
        code = self.text(name).upper()
        if not code:
            if required:
                self.fail(name, _("Give the two-letter country code, e.g. VN."))
            return ""
        if code not in COUNTRIES:
            self.fail(
                name,
                _("Unknown country code %(code)s: use the ISO two-letter code, e.g. VN.")
                % {"code": repr(code)},
            )
            return ""
        return code

    def choice(
        self,
        name: str,
        choices: tuple[str, ...],
        *,
        default: str = "",
        aliases: Mapping[str, str] | None = None,
    ) -> str:
        value = self.text(name).lower() or default
        value = (aliases or {}).get(value, value)
        if value not in choices:
            named = ", ".join(choice for choice in choices if choice)
            self.fail(name, _("Choose one of: %(choices)s.") % {"choices": named})
            return default
        return value

    def visa(self, name: str) -> str:
        value = self.text(name)
        if value.lower() in ("", "none", "other"):
            return value.lower() if value.lower() == "other" else ""
        code = value.upper()
        if not _VISA_CODE.match(code):
            self.fail(name, _("Give the status code as on the residence card, e.g. D-2 or E-7-1."))
            return ""
        return code

    def day(self, name: str) -> date | None:
        value = self._get(name)
        if value is None or value == "" or isinstance(value, date):
            return value or None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(name, _("Give a date as YYYY-MM-DD, e.g. 2027-02-28."))
            return None

    def boolean(self, name: str, *, default: bool) -> bool:
        value = self._get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        self.fail(name, _("Expected yes or no (true or false)."))
        return default

    def optional_boolean(self, name: str) -> bool | None:
        """Yes, no, or not stated (missing, null or "unknown")."""
        value = self._get(name)
        if value is None or (isinstance(value, str) and value.lower() in ("", "unknown")):
            return None
        return self.boolean(name, default=False)

    def integer(
        self,
        name: str,
        *,
        low: int,
        noun: str,
        high: int | None = None,
        default: int | None = None,
        money: bool = False,
        required: bool = False,
    ) -> int | None:
        number = self._numeric(name, noun=noun, money=money, required=required)
        if number is None:
            return default
        if not float(number).is_integer():
            self.fail(name, _("%(field)s must be a whole number.") % {"field": noun})
            return default
        checked: int | None = self._in_range(
            name, int(number), low=low, high=high, noun=noun, default=default
        )
        return checked

    def number(self, name: str, *, high: int, default: float) -> float | None:
        noun = _("Years of experience")
        number = self._numeric(name, noun=noun, money=False, required=False)
        if number is None:
            return default
        checked = self._in_range(name, float(number), low=0, high=high, noun=noun, default=None)
        return default if checked is None else float(checked)

    def _numeric(self, name: str, *, noun: str, money: bool, required: bool) -> float | int | None:
        value = self._get(name)
        if value is None or value == "":
            if required:
                self.fail(name, _("%(field)s is required.") % {"field": noun})
            return None
        if isinstance(value, bool):
            self.fail(name, _("%(field)s must be a number, not yes/no.") % {"field": noun})
            return None
        if isinstance(value, int | float):
            if isinstance(value, float) and not math.isfinite(value):
                self.fail(name, _("%(field)s must be a number.") % {"field": noun})
                return None
            return value
        if isinstance(value, str):
            return self._parse_number_text(name, value, noun=noun, money=money)
        self.fail(name, _("%(field)s must be a number.") % {"field": noun})
        return None

    def _parse_number_text(self, name: str, value: str, *, noun: str, money: bool) -> float | None:
        try:
            number = float(value.replace(",", "").replace("_", "")) if value else math.nan
        except ValueError:
            words = {"field": noun, "value": repr(value)}
            if money:
                self.fail(
                    name,
                    _("%(field)s must be a number in KRW as digits, e.g. 32000000; got %(value)s.")
                    % words,
                )
            else:
                self.fail(name, _("%(field)s must be a number; got %(value)s.") % words)
            return None
        if not math.isfinite(number):
            self.fail(name, _("%(field)s must be a number.") % {"field": noun})
            return None
        return number

    def _in_range(
        self,
        name: str,
        number: Number,
        *,
        low: int,
        high: int | None,
        noun: str,
        default: Any,
    ) -> Any:
        if number < low:
            self.fail(
                name,
                (_("%(field)s cannot be negative.") if low == 0 else _("%(field)s is too low."))
                % {"field": noun},
            )
            return default
        if high is not None and number > high:
            self.fail(
                name,
                _("%(field)s must be %(low)s to %(high)s.")
                % {"field": noun, "low": low, "high": high},
            )
            return default
        return number

    def extra_facts(self, name: str) -> Extra:
        value = self._get(name)
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.fail(name, _("Expected an object of rule fields and values."))
            return ()
        pairs: list[tuple[str, ExtraValue]] = []
        for key, item in value.items():
            if not (isinstance(key, str) and _EXTRA_KEY.match(key)):
                self.fail(
                    name,
                    _("%(key)s is not a rule field name like 'record.imprisonment_offence'.")
                    % {"key": repr(key)},
                )
                return ()
            if not _is_extra_value(item):
                self.fail(name, _("%(key)s: expected yes/no, a number or text.") % {"key": key})
                return ()
            pairs.append((key, item))
        return tuple(sorted(pairs))


def _is_extra_value(value: Any) -> bool:
    if isinstance(value, bool | str):
        return True
    return isinstance(value, int | float) and math.isfinite(value)
