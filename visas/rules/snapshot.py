"""The visa rules in force on one day (`RulesSnapshot`, of visas.rules.records): what the engine
reads.

Two builders produce the same `RulesSnapshot`: `snapshot_from_fixture` reads the research fixture
(visas/data/visa_rules.json) without the database, and the selector `visas.selectors.rules_snapshot`
reads the database and hands rows of the same shape to `snapshot_from_rows`. So the engine's tests
run on the fixture, and a database test holds the two equal.

What "in force on `on`" means here: criteria and points tables whose period contains the day
(both ends inclusive, an empty end open). Salary thresholds are kept for every period, because the
engine explains a day that no period covers (January 2026 for E-7) with the periods either side;
`RulesSnapshot.thresholds_in_force` gives the ones in force. GNI values, sending countries,
progressions, notes and sources carry no periods and are kept whole.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from visas.rules.records import (
    CriterionGroupRule,
    CriterionRule,
    GniFigure,
    NoteRule,
    Number,
    PointsGroupRule,
    PointsItemRule,
    PointsTableRule,
    ProgressionRule,
    SalaryThresholdRule,
    SendingCountryRule,
    SourceRule,
    VisaTypeRule,
    in_period,
)

FIXTURE_PATH = Path(__file__).resolve().parents[1] / "data" / "visa_rules.json"

Row = Mapping[str, Any]


@dataclass(frozen=True)
class RulesSnapshot:
    """Every rule the engine needs for guidance as of `on`. Build one per day and reuse it."""

    on: date
    visa_types: dict[str, VisaTypeRule]
    salary_thresholds: tuple[SalaryThresholdRule, ...]
    gni: tuple[GniFigure, ...]  # newest year first
    sending_countries: tuple[SendingCountryRule, ...]
    progressions: tuple[ProgressionRule, ...]
    notes: tuple[NoteRule, ...]
    sources: dict[str, SourceRule]
    # The engine's compiled form of these rules, built on first use (not part of equality).
    compiled: Any = field(default=None, compare=False, repr=False)

    def thresholds_in_force(self, visa: str, key: str) -> tuple[SalaryThresholdRule, ...]:
        return tuple(
            threshold
            for threshold in self.salary_thresholds
            if threshold.visa == visa and threshold.key == key and threshold.is_in_force(self.on)
        )


def snapshot_from_fixture(path: Path | str | None = None, on: date | None = None) -> RulesSnapshot:
    """The rules in force on `on` read from the fixture file (no database).

    `on` is required; it comes second so that `snapshot_from_fixture(path, on)` reads naturally.
    """
    if on is None:
        raise TypeError("snapshot_from_fixture needs the day: on=date(...)")
    return snapshot_from_rows(_read_fixture(str(path or FIXTURE_PATH)), on=on)


@lru_cache(maxsize=4)
def _read_fixture(path: str) -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return fixture


def snapshot_from_rows(rows: Mapping[str, Any], *, on: date) -> RulesSnapshot:
    """Build the snapshot from rows in the fixture's shape (lists keyed like visa_rules.json).

    Dates may be `date` objects or ISO text, numbers may be Decimal: both builders end up equal.
    """
    return RulesSnapshot(
        on=on,
        visa_types=_visa_types(rows, on),
        salary_thresholds=_salary_thresholds(rows["salary_thresholds"]),
        gni=_gni_figures(rows["gni_values"]),
        sending_countries=_sending_countries(rows["sending_countries"]),
        progressions=_progressions(rows["progressions"]),
        notes=tuple(sorted((_note(row) for row in rows["notes"]), key=lambda n: n.key)),
        sources={row["key"]: _source(row) for row in sorted(rows["sources"], key=_by_key)},
    )


def _visa_types(rows: Mapping[str, Any], on: date) -> dict[str, VisaTypeRule]:
    """Each visa type with its criterion groups and its points table, as in force on `on`."""
    groups_by_visa: defaultdict[str, list[Row]] = defaultdict(list)
    for group in rows["criterion_groups"]:
        groups_by_visa[group["visa"]].append(group)
    criteria_by_group = _criteria_in_force(rows["criteria"], on)
    tables = _points_tables_in_force(rows["points_tables"], on)
    return {
        visa["code"]: _visa_type(visa, groups_by_visa[visa["code"]], criteria_by_group, tables)
        for visa in rows["visa_types"]
    }


def _criteria_in_force(criteria: Iterable[Row], on: date) -> dict[tuple[str, str], list[Row]]:
    """The criteria in force on `on`, keyed by (visa, group key)."""
    by_group: defaultdict[tuple[str, str], list[Row]] = defaultdict(list)
    for criterion in criteria:
        if in_period(on, _date(criterion["valid_from"]), _date(criterion["valid_to"])):
            by_group[(criterion["visa"], criterion["group"])].append(criterion)
    return by_group


def _points_tables_in_force(tables: Iterable[Row], on: date) -> dict[str, PointsTableRule]:
    """The points table in force on `on` for each visa that has one, keyed by visa."""
    in_force: dict[str, PointsTableRule] = {}
    for table in tables:
        if in_period(on, _date(table["valid_from"]), _date(table["valid_to"])):
            in_force[table["visa"]] = _points_table(table)
    return in_force


def _visa_type(
    visa: Row,
    groups: list[Row],
    criteria_by_group: Mapping[tuple[str, str], list[Row]],
    tables: Mapping[str, PointsTableRule],
) -> VisaTypeRule:
    return VisaTypeRule(
        code=visa["code"],
        name=visa["name"],
        name_ko=visa["name_ko"],
        category=visa["category"],
        summary=visa["summary"],
        uncertain=bool(visa["uncertain"]),
        is_points_based=bool(visa["is_points_based"]),
        last_verified=_date(visa["last_verified"]),
        note=visa["note"],
        details=dict(visa["details"] or {}),
        source_keys=_keys(visa["sources"]),
        criterion_groups=_group_tree(groups, criteria_by_group),
        points_table=tables.get(visa["code"]),
    )


def _salary_thresholds(rows: Iterable[Row]) -> tuple[SalaryThresholdRule, ...]:
    """Every period's thresholds, not only those in force (see the module docstring)."""
    return tuple(
        sorted(
            (_threshold(row) for row in rows),
            key=lambda t: (t.visa, t.key, t.applies_to, t.valid_from or date.min),
        )
    )


def _gni_figures(rows: Iterable[Row]) -> tuple[GniFigure, ...]:
    """Newest year first."""
    return tuple(sorted((_gni(row) for row in rows), key=lambda g: -g.year))


def _sending_countries(rows: Iterable[Row]) -> tuple[SendingCountryRule, ...]:
    return tuple(sorted((_sending_country(row) for row in rows), key=lambda s: (s.visa, s.country)))


def _progressions(rows: Iterable[Row]) -> tuple[ProgressionRule, ...]:
    return tuple(
        sorted((_progression(row) for row in rows), key=lambda p: (p.from_code, p.order, p.to_code))
    )


def _group_tree(
    groups: list[Row], criteria_by_group: Mapping[tuple[str, str], list[Row]]
) -> tuple[CriterionGroupRule, ...]:
    children: dict[str | None, list[Row]] = defaultdict(list)
    for group in groups:
        children[group["parent"] or None].append(group)

    def build(group: Row) -> CriterionGroupRule:
        criteria = criteria_by_group.get((group["visa"], group["key"]), [])
        return CriterionGroupRule(
            key=group["key"],
            purpose=group["purpose"],
            mode=group["mode"],
            label=group["label"],
            order=group["order"],
            uncertain=bool(group["uncertain"]),
            note=group["note"],
            source_keys=_keys(group["sources"]),
            criteria=tuple(_criterion(row) for row in sorted(criteria, key=_by_order_key)),
            children=tuple(
                build(child) for child in sorted(children[group["key"]], key=_by_order_key)
            ),
        )

    return tuple(build(root) for root in sorted(children[None], key=_by_order_key))


def _criterion(row: Row) -> CriterionRule:
    return CriterionRule(
        key=row["key"],
        label=row["label"],
        field=row["field"],
        op=row["op"],
        value=row["value"],
        order=row["order"],
        uncertain=bool(row["uncertain"]),
        note=row["note"],
        details=dict(row["details"] or {}),
        source_keys=_keys(row["sources"]),
    )


def _points_table(row: Row) -> PointsTableRule:
    return PointsTableRule(
        visa=row["visa"],
        key=row["key"],
        name=row["name"],
        pass_mark=row["pass_mark"],
        max_points=row["max_points"],
        valid_from=_date(row["valid_from"]),
        valid_to=_date(row["valid_to"]),
        uncertain=bool(row["uncertain"]),
        note=row["note"],
        source_keys=_keys(row["sources"]),
        groups=tuple(
            PointsGroupRule(
                key=group["key"],
                label=group["label"],
                max_points=group["max_points"],
                pass_min_points=group["pass_min_points"],
                pass_min_items=group["pass_min_items"],
                floor_points=group["floor_points"],
                order=group["order"],
                uncertain=bool(group["uncertain"]),
                note=group["note"],
                source_keys=_keys(group["sources"]),
                items=tuple(
                    _points_item(item)
                    for item in sorted(
                        group["items"], key=lambda i: (i["order"], i["factor"], i["label"])
                    )
                ),
            )
            for group in sorted(row["groups"], key=_by_order_key)
        ),
    )


def _points_item(row: Row) -> PointsItemRule:
    return PointsItemRule(
        factor=row["factor"],
        factor_label=row["factor_label"],
        factor_max_points=row["factor_max_points"],
        label=row["label"],
        field=row["field"],
        min_value=_number(row["min_value"]),
        max_value=_number(row["max_value"]),
        value=row["value"],
        conditions=tuple(row["conditions"] or ()),
        points=row["points"],
        order=row["order"],
        uncertain=bool(row["uncertain"]),
        note=row["note"],
    )


def _threshold(row: Row) -> SalaryThresholdRule:
    multiplier = row["gni_multiplier"]
    return SalaryThresholdRule(
        visa=row["visa"],
        key=row["key"],
        label=row["label"],
        applies_to=row["applies_to"],
        valid_from=_date(row["valid_from"]),
        valid_to=_date(row["valid_to"]),
        amount_krw=row["amount_krw"],
        gni_multiplier=None
        if multiplier is None
        else Decimal(str(multiplier)).quantize(Decimal("0.01")),
        uncertain=bool(row["uncertain"]),
        note=row["note"],
        source_keys=_keys(row["sources"]),
    )


def _gni(row: Row) -> GniFigure:
    return GniFigure(
        year=row["gni_year"],
        value_krw=row["value_krw"],
        revised_value_krw=row["revised_value_krw"],
        uncertain=bool(row["uncertain"]),
        note=row["note"],
        source_keys=_keys(row["sources"]),
    )


def _sending_country(row: Row) -> SendingCountryRule:
    return SendingCountryRule(
        visa=row["visa"],
        country=str(row["country"]).upper(),
        note=row["note"],
        source_keys=_keys(row["sources"]),
    )


def _progression(row: Row) -> ProgressionRule:
    return ProgressionRule(
        from_code=row["from"],
        to_code=row["to"],
        note=row["note"],
        order=row["order"],
    )


def _note(row: Row) -> NoteRule:
    return NoteRule(
        key=row["key"],
        visa=row["visa"] or None,
        kind=row["kind"],
        text=row["text"],
        date_text=row["date_text"],
        uncertain=bool(row["uncertain"]),
        order=row["order"],
        source_keys=_keys(row["sources"]),
    )


def _source(row: Row) -> SourceRule:
    return SourceRule(
        key=row["key"],
        title=row["title"],
        publisher=row["publisher"],
        url=row["url"],
        kind=row["kind"],
        date_stated=_date(row["date_stated"]),
        date_stated_text=row["date_stated_text"],
    )


def _date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _number(value: Decimal | Number | None) -> Number | None:
    if value is None:
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _keys(keys: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted(keys or ()))


def _by_key(row: Row) -> str:
    return str(row["key"])


def _by_order_key(row: Row) -> tuple[int, str]:
    return (row["order"], row["key"])
