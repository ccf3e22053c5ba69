"""The course CSV format (docs/training-csv.md): columns, and turning one row into checked values.

Parsing is separate from writing (training.services.course_import_csv) so a dry run and an import
check rows the same way. Choice columns take the stored code or the label shown in the admin, in
any case ("in_person", "In person"); yes/no columns take yes/no, true/false or 1/0.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django_countries import countries

from core.translations import localized_values
from profiles.models import FieldOfStudy
from skills.models import Skill
from skills.selectors import skill_for_label
from training.models import CourseKind, CourseMode, DegreeLevel, Funding, ProviderKind

REQUIRED_COLUMNS = ("provider", "provider_kind", "provider_country", "title", "kind", "mode")
# The title in other languages, where the provider gives it (a course's `title` is its first).
TITLE_COLUMNS = {"title_ko": "ko", "title_vi": "vi", "title_id": "id", "title_th": "th"}
OPTIONAL_COLUMNS = (
    *TITLE_COLUMNS,
    "provider_city",
    "provider_website",
    "description",
    "country",
    "city",
    "language",
    "start_date",
    "end_date",
    "intake",
    "hours",
    "cost_usd",
    "funding",
    "topik_target",
    "degree_level",
    "field_of_study",
    "eligibility",
    "eligible_nationalities",
    "max_age",
    "entry_requirements",
    "url",
    "is_active",
    "skills",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}

# A message per column; insertion order is the order the import report lists them in.
Errors = dict[str, str]


class RowInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass
class CourseRow:
    """One row's checked values: provider fields, course fields and skills (skill, level)."""

    provider: dict[str, Any]
    course: dict[str, Any]
    skills: list[tuple[Skill, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.provider["name"]).casefold(), str(self.course["title_en"]).casefold())


def header_errors(header: list[str]) -> list[str]:
    names = [name.strip() for name in header]
    errors = []
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        errors.append(f"missing column(s): {', '.join(missing)}")
    unknown = [c for c in names if c not in COLUMNS]
    if unknown:
        errors.append(f"unknown column(s): {', '.join(unknown)}")
    repeated = sorted({c for c in names if names.count(c) > 1})
    if repeated:
        errors.append(f"repeated column(s): {', '.join(repeated)}")
    return errors


def _choice(value: str, choices: Sequence[tuple[str, Any]], column: str, errors: Errors) -> str:
    wanted = value.strip().casefold()
    for code, label in choices:
        if wanted in (code.casefold(), str(label).casefold()):
            return code
    codes = ", ".join(code for code, _ in choices if code)
    errors[column] = f"“{value}” is not one of: {codes}"
    return ""


def _int(value: str, column: str, errors: Errors, low: int, high: int) -> int | None:
    if not value.strip():
        return None
    try:
        number = int(value.strip())
    except ValueError:
        errors[column] = f"“{value}” is not a whole number"
        return None
    if not low <= number <= high:
        errors[column] = f"must be between {low} and {high}, not {number}"
    return number


def _date(value: str, column: str, errors: Errors) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors[column] = f"“{value}” is not a date as YYYY-MM-DD"
        return None


def _country(value: str, column: str, errors: Errors, *, required: bool = False) -> str:
    code = value.strip().upper()
    if not code:
        if required:
            errors[column] = "required"
        return ""
    if code not in dict(countries):
        errors[column] = f"“{value}” is not an ISO 3166-1 two-letter country code"
    return code


def _skills(value: str, errors: Errors) -> list[tuple[Skill, int]]:
    """ "PLC programming:3; Python:2": names (or aliases, Korean names) with levels 1-5."""
    found: list[tuple[Skill, int]] = []
    problems: list[str] = []
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        name, sep, level_text = part.rpartition(":")
        if not sep or not name.strip():
            problems.append(f"“{part}” is not written as name:level")
            continue
        if level_text.strip() not in {"1", "2", "3", "4", "5"}:
            problems.append(f"“{part}”: the level must be 1-5")
            continue
        skill = skill_for_label(label=name)
        if skill is None:
            problems.append(f"unknown skill “{name.strip()}”")
        elif any(s.pk == skill.pk for s, _ in found):
            problems.append(f"“{skill.name}” is listed twice")
        else:
            found.append((skill, int(level_text)))
    if problems:
        errors["skills"] = "; ".join(problems)
    return found


def _bool(value: str, column: str, errors: Errors, default: bool) -> bool:
    text = value.strip().casefold()
    if not text:
        return default
    if text in _YES | _NO:
        return text in _YES
    errors[column] = f"“{value}” is not yes or no"
    return default


def _optional_choice(
    value: str, choices: Sequence[tuple[str, Any]], column: str, errors: Errors, *, default: str
) -> str:
    """`default` for an empty cell; anything else must be one of the choices."""
    return _choice(value, choices, column, errors) if value else default


def _cost(value: str, errors: Errors) -> Decimal:
    """US dollars, with or without thousands separators ("1,400.50"); an empty cell is 0."""
    if not value:
        return Decimal(0)
    try:
        cost = Decimal(value.replace(",", ""))
    except InvalidOperation:
        errors["cost_usd"] = f"“{value}” is not an amount"
        return Decimal(0)
    if not cost.is_finite() or cost < 0:
        errors["cost_usd"] = f"“{value}” is not an amount of 0 or more"
    return cost


def _field_of_study(
    value: str, fields: Mapping[str, FieldOfStudy], errors: Errors
) -> FieldOfStudy | None:
    if not value:
        return None
    field_of_study = fields.get(value)
    if field_of_study is None:
        errors["field_of_study"] = f"“{value}” is not an ISCED-F field code"
    return field_of_study


def _nationalities(value: str, errors: Errors) -> list[str]:
    """Two-letter codes separated by ";" (or ","); the column's message names the last bad one."""
    return [
        _country(code, "eligible_nationalities", errors)
        for code in value.replace(",", ";").split(";")
        if code.strip()
    ]


def row_parse(raw: Mapping[str, str], fields: Mapping[str, FieldOfStudy]) -> CourseRow:
    """Checked values of one row, or RowInvalid with a message per column. `fields` maps ISCED-F
    codes to fields of study."""
    cell = {c: (raw.get(c) or "").strip() for c in COLUMNS}
    errors: Errors = {}
    for column in ("provider", "title"):
        if not cell[column]:
            errors[column] = "required"
    provider = _provider(cell, errors)
    course = _course(cell, fields, errors)
    _place_with_provider(course, provider, cell)
    skills = _skills(cell["skills"], errors)
    if errors:
        raise RowInvalid(errors)
    return CourseRow(provider=provider, course=course, skills=skills)


def _provider(cell: Mapping[str, str], errors: Errors) -> dict[str, Any]:
    return {
        "name": cell["provider"],
        "kind": _choice(cell["provider_kind"], ProviderKind.choices, "provider_kind", errors),
        "country": _country(cell["provider_country"], "provider_country", errors, required=True),
        "city": cell["provider_city"],
        "website": cell["provider_website"],
    }


def _course(
    cell: Mapping[str, str], fields: Mapping[str, FieldOfStudy], errors: Errors
) -> dict[str, Any]:
    # Read ahead of the other columns: `errors` keeps insertion order, which is the order the
    # report lists a row's problems in, and these three have always come before kind and mode.
    cost = _cost(cell["cost_usd"], errors)
    field_of_study = _field_of_study(cell["field_of_study"], fields, errors)
    nationalities = _nationalities(cell["eligible_nationalities"], errors)
    return {
        # Named columns, whatever language the import runs in (`title` would write the active
        # language's): the first title, and the others the provider gives.
        "title_en": cell["title"],
        **localized_values(
            "title", {language: cell[column] for column, language in TITLE_COLUMNS.items()}
        ),
        "kind": _choice(cell["kind"], CourseKind.choices, "kind", errors),
        "mode": _choice(cell["mode"], CourseMode.choices, "mode", errors),
        "description": cell["description"],
        "country": _country(cell["country"], "country", errors),
        "city": cell["city"],
        "language": cell["language"] or "English",
        "start_date": _date(cell["start_date"], "start_date", errors),
        "end_date": _date(cell["end_date"], "end_date", errors),
        "intake": cell["intake"],
        "hours": _int(cell["hours"], "hours", errors, 1, 20000),
        "cost_usd": cost,
        "funding": _optional_choice(
            cell["funding"], Funding.choices, "funding", errors, default=Funding.SELF_PAID
        ),
        "topik_target": _int(cell["topik_target"], "topik_target", errors, 1, 6),
        "degree_level": _optional_choice(
            cell["degree_level"], DegreeLevel.choices, "degree_level", errors, default=""
        ),
        "field_of_study": field_of_study,
        "eligibility": cell["eligibility"],
        "eligible_nationalities": nationalities,
        "max_age": _int(cell["max_age"], "max_age", errors, 1, 120),
        "entry_requirements": cell["entry_requirements"],
        "url": cell["url"],
        "is_active": _bool(cell["is_active"], "is_active", errors, default=True),
    }


def _place_with_provider(
    course: dict[str, Any], provider: Mapping[str, Any], cell: Mapping[str, str]
) -> None:
    """A course that is not online and names no country takes place where its provider is: the
    provider's country, and its city unless the row gives one."""
    if course["mode"] != CourseMode.ONLINE and not course["country"]:
        course["country"], course["city"] = (
            provider["country"],
            course["city"] or cell["provider_city"],
        )
