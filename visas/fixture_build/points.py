"""Points tables of the research data as fixture rows: table -> groups -> items.

A group is a section of the table with its own cap and pass minimum (D-10-1 "basic" must reach 20;
E-7-4 "income" and "korean" must each reach 50). An item is one scoring row of a factor ("age
25-29: 15 points"); the factor's rows share `factor`, and the guidance engine scores a factor with
the highest points among its matching rows. A factor whose brackets the sources do not give keeps
one row with `points: null`, `uncertain: true`, so it stays visible and editable.
"""

import re
from typing import Any

from visas.fixture_build.conditions import JsonDict, humanise, source_ids_in

DEGREE_LEVELS = ("associate", "bachelor", "master", "doctorate")
# The profile field each factor reads (the profile schema in the research data's `schema`).
FACTOR_FIELDS: dict[str, dict[str, str]] = {
    "D-10-1": {"age": "age", "education": "degree.level"},
    "E-7-S": {
        "income_by_age": "income.latest_annual_krw",
        "age": "age",
        "education": "degree.level",
        "experience": "experience.total_related_years",
        "korean": "korean.topik_level",
    },
    "F-2-7": {
        "age": "age",
        "education": "degree.level",
        "annual_income": "income.previous_year_krw",
    },
}
_OPTION_LISTS = {"options": "", "options_domestic": "domestic", "options_overseas": "overseas"}
_OPTION_LIST_FIELDS = {
    "domestic": "experience.domestic_years",
    "overseas": "experience.overseas_years",
}
_ABSORBED_TABLE_KEYS = {
    "total_max",
    "base_max",
    "pass_mark",
    "groups",
    "source_ids",
    "prerequisite_items",
    "elective_items",
    "pass_mark_note",
    "item_points_note",
}


def points_table(visa: JsonDict, *, slug: str, visa_sources: list[str]) -> JsonDict | None:
    """The fixture row for a visa's points table, or None when the visa has none with items."""
    system = visa.get("points_system")
    if not system:
        return None
    code = visa["code"]
    pass_mark = system.get("pass_mark") or {}
    table_sources = list(system.get("source_ids", [])) or source_ids_in(system) or visa_sources
    groups = [
        _group(code, raw, order, pass_mark=pass_mark, table_sources=table_sources)
        for order, raw in enumerate(_raw_groups(system), start=1)
    ]
    if not any(group["items"] for group in groups):
        return None
    notes = [
        f"{humanise(k)}: {system[k]}."
        for k in ("pass_mark_note", "item_points_note")
        if system.get(k)
    ]
    if system.get("pass_mark") is None:
        notes.insert(0, "No source gives a pass mark for this table.")
    return {
        "visa": code,
        "key": f"{slug}-points",
        "name": f"{code} points table",
        "pass_mark": pass_mark.get("total_min"),
        "max_points": system.get("total_max", system.get("base_max")),
        "valid_from": None,
        "valid_to": None,
        "uncertain": _table_uncertain(visa, system),
        "note": " ".join(notes),
        "details": {k: v for k, v in system.items() if k not in _ABSORBED_TABLE_KEYS},
        "sources": table_sources,
        "groups": groups,
    }


def _table_uncertain(visa: JsonDict, system: JsonDict) -> bool:
    flags = ("uncertain", "pass_mark_uncertain", "structure_uncertain", "item_points_uncertain")
    return bool(
        visa.get("uncertain")
        or any(system.get(flag) for flag in flags)
        or system.get("total_max_conflicts")
    )


def _raw_groups(system: JsonDict) -> list[JsonDict]:
    """D-8-4 (OASIS) lists prerequisite and elective items instead of groups."""
    if "groups" in system:
        return list(system["groups"])
    groups = []
    for key in ("prerequisite_items", "elective_items"):
        if key in system:
            groups.append({"id": key.removesuffix("_items"), "items": system[key]})
    return groups


def _group(
    code: str, raw: JsonDict, order: int, *, pass_mark: JsonDict, table_sources: list[str]
) -> JsonDict:
    key = raw["id"]
    minimums = {**pass_mark.get("group_min", {}), **pass_mark.get("item_min", {})}
    floor = raw.get("min") if isinstance(raw.get("min"), int) and raw["min"] < 0 else None
    pass_min_items = pass_mark.get("min_prerequisite_items") if key == "prerequisite" else None
    return {
        "key": key,
        "label": raw.get("label") or humanise(key),
        "max_points": raw.get("max"),
        "pass_min_points": minimums.get(key),
        "pass_min_items": pass_min_items,
        "floor_points": floor,
        "order": order,
        "uncertain": bool(raw.get("uncertain", False)),
        "note": raw.get("note", ""),
        "sources": source_ids_in(raw) or table_sources,
        "items": _group_items(code, raw),
    }


def _group_items(code: str, raw: JsonDict) -> list[JsonDict]:
    fields = FACTOR_FIELDS.get(code, {})
    rows: list[JsonDict] = []
    if "tables" in raw:
        rows.extend(_matrix_rows(raw, field=fields.get(raw["id"])))
    elif "items" in raw:
        for item in raw["items"]:
            factor = item.get("id") or raw["id"]
            rows.extend(_factor_rows(item, factor=factor, field=fields.get(factor)))
    elif "options" in raw:
        rows.extend(_factor_rows(raw, factor=raw["id"], field=fields.get(raw["id"])))
    for order, row in enumerate(rows, start=1):
        row["order"] = order
    return rows


def _factor_rows(item: JsonDict, *, factor: str, field: str | None) -> list[JsonDict]:
    factor_label: str = item.get("label") or humanise(factor)
    base = {"factor": factor, "factor_label": factor_label, "factor_max_points": item.get("max")}
    rows: list[JsonDict] = []
    for list_key, side in _OPTION_LISTS.items():
        for option in item.get(list_key) or []:
            side_field = _OPTION_LIST_FIELDS.get(side, field)
            rows.extend(_option_rows(option, base=base, field=side_field, side=side))
    if rows:
        return rows
    if "points" in item and item["points"] is not None:
        return [_row(base, label=factor_label, points=item["points"], note=item.get("note"))]
    return [
        _row(
            base,
            label=factor_label,
            points=None,
            note=item.get("note") or item.get("example") or "Points not given by the sources.",
            uncertain=True,
        )
    ]


def _option_rows(
    option: JsonDict, *, base: JsonDict, field: str | None, side: str
) -> list[JsonDict]:
    if "level" in option:
        return _education_matrix_rows(option, base=base, field=field)
    label = option.get("label", "")
    conditions = [option["requires"]] if "requires" in option else []
    if "topik_min" in option:
        conditions.append(
            {
                "any": [
                    {"field": "korean.topik_level", "op": "gte", "value": option["topik_min"]},
                    {"field": "korean.kiip_stage", "op": "gte", "value": option["kiip_min"]},
                ]
            }
        )
    value = option.get("value")
    if value is None and field == "degree.level" and label in DEGREE_LEVELS:
        value = label
    return [
        _row(
            base,
            label=f"{side}: {label}" if side else label,
            field=field,
            min_value=option.get("min", option.get("min_krw")),
            max_value=option.get("max"),
            value=value,
            conditions=conditions,
            points=option.get("points"),
            note=option.get("note"),
            uncertain=bool(option.get("uncertain")),
        )
    ]


def _education_matrix_rows(
    option: JsonDict, *, base: JsonDict, field: str | None
) -> list[JsonDict]:
    """F-2-7 education: one column for STEM (or 2+ degrees), one for other fields."""
    level = option["level"]
    stem = {"field": "degree.field_stem", "op": "true"}
    rows = []
    if "stem_or_2plus" in option:
        two_degrees = {"field": "degree.count", "op": "gte", "value": 2}
        rows.append(
            _row(
                base,
                label=f"{level}, STEM field or 2+ degrees",
                field=field,
                value=level,
                conditions=[{"any": [stem, two_degrees]}],
                points=option["stem_or_2plus"],
            )
        )
    if "stem" in option:
        rows.append(
            _row(
                base,
                label=f"{level}, STEM field",
                field=field,
                value=level,
                conditions=[stem],
                points=option["stem"],
            )
        )
    rows.append(
        _row(base, label=f"{level}, other field", field=field, value=level, points=option["other"])
    )
    return rows


def _matrix_rows(raw: JsonDict, *, field: str | None) -> list[JsonDict]:
    """E-7-S income by age: one column per age band; amounts repeat across columns by label."""
    base = {
        "factor": raw["id"],
        "factor_label": raw.get("label") or humanise(raw["id"]),
        "factor_max_points": raw.get("max"),
    }
    amounts = {
        option["label"]: option
        for table in raw["tables"]
        for option in table["options"]
        if "min_krw" in option or "min_ref" in option
    }
    rows = []
    for table in raw["tables"]:
        band = _age_band_condition(table["age_band"])
        for option in table["options"]:
            known = amounts.get(option["label"], {})
            conditions = [band]
            if "min_ref" in known:
                conditions.append({"field": field, "op": "gte", "value": known["min_ref"]})
            rows.append(
                _row(
                    base,
                    label=f"age {table['age_band']}, income {option['label']}",
                    field=field,
                    min_value=known.get("min_krw"),
                    conditions=conditions,
                    points=option.get("points"),
                )
            )
    return rows


def _age_band_condition(band: str) -> JsonDict:
    if match := re.fullmatch(r"(\d+)-(\d+)", band):
        return {"field": "age", "op": "between", "value": [int(match[1]), int(match[2])]}
    if match := re.fullmatch(r"(\d+)\+", band):
        return {"field": "age", "op": "gte", "value": int(match[1])}
    raise ValueError(f"unreadable age band {band!r}")


def _row(
    base: JsonDict,
    *,
    label: str,
    points: int | None,
    field: str | None = None,
    min_value: Any = None,
    max_value: Any = None,
    value: Any = None,
    conditions: list[JsonDict] | None = None,
    note: str | None = None,
    uncertain: bool = False,
) -> JsonDict:
    return {
        **base,
        "label": label,
        "field": field or "",
        "min_value": min_value,
        "max_value": max_value,
        "value": value,
        "conditions": conditions or [],
        "points": points,
        "order": 0,
        "uncertain": uncertain or points is None,
        "note": note or "",
    }
