"""Plain records of single rules (one visa type, criterion, threshold, points row ...).

They mirror the visas models field by field, without Django; `RulesSnapshot` holds them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

Number = int | float


def in_period(on: date, start: date | None, end: date | None) -> bool:
    """Whether `on` lies in start..end (both inclusive; None is an open end)."""
    return (start is None or start <= on) and (end is None or on <= end)


@dataclass(frozen=True)
class SourceRule:
    key: str
    title: str
    publisher: str
    url: str
    kind: str
    date_stated: date | None
    date_stated_text: str


@dataclass(frozen=True)
class GniFigure:
    """Korea's GNI per capita for one year, in KRW (the figure immigration rules cite)."""

    year: int
    value_krw: int
    revised_value_krw: int | None
    uncertain: bool
    note: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True)
class SalaryThresholdRule:
    """A minimum salary for a period: `amount_krw` or `gni_multiplier` × GNI, never both."""

    visa: str
    key: str
    label: str
    applies_to: str  # "all" | "sme_or_venture"
    valid_from: date | None
    valid_to: date | None
    amount_krw: int | None
    gni_multiplier: Decimal | None
    uncertain: bool
    note: str
    source_keys: tuple[str, ...]

    def is_in_force(self, on: date) -> bool:
        return in_period(on, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class CriterionRule:
    """One test of a profile field: `field op value` (see visas.models.criteria for the DSL)."""

    key: str
    label: str
    field: str
    op: str
    value: Any
    order: int
    uncertain: bool
    note: str
    details: dict[str, Any]
    source_keys: tuple[str, ...]


@dataclass(frozen=True)
class CriterionGroupRule:
    """All-of / any-of over its criteria and sub-groups; a root group has a purpose."""

    key: str
    purpose: str  # roots only: eligibility | employer_requirement | exemption | applicant_type
    mode: str  # "all" | "any"
    label: str
    order: int
    uncertain: bool
    note: str
    source_keys: tuple[str, ...]
    criteria: tuple[CriterionRule, ...]
    children: tuple["CriterionGroupRule", ...]


@dataclass(frozen=True)
class PointsItemRule:
    """One scoring row of a factor; see visas.models.points for how a row matches."""

    factor: str
    factor_label: str
    factor_max_points: int | None
    label: str
    field: str
    min_value: Number | None
    max_value: Number | None
    value: Any
    conditions: tuple[Any, ...]
    points: int | None
    order: int
    uncertain: bool
    note: str

    @property
    def has_match_rule(self) -> bool:
        return bool(
            self.min_value is not None
            or self.max_value is not None
            or self.value is not None
            or self.conditions
        )


@dataclass(frozen=True)
class PointsGroupRule:
    key: str
    label: str
    max_points: int | None
    pass_min_points: int | None
    pass_min_items: int | None
    floor_points: int | None
    order: int
    uncertain: bool
    note: str
    source_keys: tuple[str, ...]
    items: tuple[PointsItemRule, ...]


@dataclass(frozen=True)
class PointsTableRule:
    visa: str
    key: str
    name: str
    pass_mark: int | None
    max_points: int | None
    valid_from: date | None
    valid_to: date | None
    uncertain: bool
    note: str
    source_keys: tuple[str, ...]
    groups: tuple[PointsGroupRule, ...]


@dataclass(frozen=True)
class VisaTypeRule:
    code: str
    name: str
    name_ko: str
    category: str
    summary: str
    uncertain: bool
    is_points_based: bool
    last_verified: date | None
    note: str
    details: dict[str, Any]
    source_keys: tuple[str, ...]
    criterion_groups: tuple[CriterionGroupRule, ...]  # root groups, in order
    points_table: PointsTableRule | None  # the table in force, if any


@dataclass(frozen=True)
class ProgressionRule:
    from_code: str
    to_code: str
    note: str
    order: int


@dataclass(frozen=True)
class SendingCountryRule:
    visa: str
    country: str
    note: str
    source_keys: tuple[str, ...]


@dataclass(frozen=True)
class NoteRule:
    key: str
    visa: str | None
    kind: str
    text: str
    date_text: str
    uncertain: bool
    order: int
    source_keys: tuple[str, ...]
