"""Research data (visa-rules.json) -> the project's fixture (visas/data/visa_rules.json).

The fixture's shape is documented in `visas/management/commands/build_visa_fixture.py`.
"""

import re
from typing import Any

from django.utils.text import slugify

from visas.fixture_build.conditions import JsonDict, criterion_tree, source_ids_in
from visas.fixture_build.dates import parse_stated_date
from visas.fixture_build.points import points_table
from visas.fixture_build.sources import publisher_from_url
from visas.fixture_build.thresholds import (
    WAGE_ONLY_VISAS,
    check_e7_1_thresholds,
    top_tier_thresholds,
    wage_only_visas,
    wage_thresholds,
)

FIXTURE_FORMAT = "talent-bridge/visa-rules@1"
# Onward paths the research data names by nickname.
VISA_ALIASES = {
    "K-STAR (F-2)": "F-2 (K-STAR)",
    "K-STAR": "F-2 (K-STAR)",
    "Top-Tier": "F-2 (Top-Tier)",
}
_VISA_ABSORBED_KEYS = {
    "code",
    "name",
    "name_ko",
    "category",
    "summary",
    "eligibility",
    "exemptions",
    "employer_requirements",
    "applicant_types",
    "applicant_types_source_ids",
    "points_system",
    "stay",
    "work_rights",
    "next_visas",
    "next_visas_source_ids",
    "last_verified",
    "source_ids",
    "uncertain",
    "note",
    "details_uncertain",
    "eligibility_details_uncertain",
    "sending_countries",
    "sending_countries_count",
    "sending_countries_note",
    "asean_sending",
    "asean_not_sending",
    "sending_source_ids",
    "salary_thresholds",
    "restrictions",
    "disqualifiers",
    "disqualifiers_source_ids",
    "timeline",
    "related_changes",
    "under_review",
    "visa",
    "visa_source_ids",
}


def build_fixture(research: JsonDict) -> JsonDict:
    """The whole fixture for one research file. Raises ValueError where the data breaks a rule."""
    visas = research["visas"]
    codes = [visa["code"] for visa in visas]
    fixture: JsonDict = {
        "format": FIXTURE_FORMAT,
        "built_from": {
            "title": research["meta"]["title"],
            "latest_source_date_seen": research["meta"].get("latest_source_date_seen"),
            "disclaimer": research["meta"].get("disclaimer", ""),
        },
        "sources": [_source(source) for source in research["sources"]],
        "gni_values": [_gni(entry) for entry in research["reference_values"]["gni_per_capita_krw"]],
        "visa_types": [],
        "progressions": [],
        "salary_thresholds": wage_thresholds(research["reference_values"]),
        "criterion_groups": [],
        "criteria": [],
        "points_tables": [],
        "sending_countries": [],
        "notes": _reference_notes(research),
    }
    for visa in visas:
        _add_visa(fixture, visa, known_codes=[*codes, *WAGE_ONLY_VISAS])
    fixture["visa_types"].extend(
        wage_only_visas(fixture["salary_thresholds"], reference=research["reference_values"])
    )
    fixture["salary_thresholds"].extend(top_tier_thresholds(_by_code(visas, "F-2 (Top-Tier)")))
    check_e7_1_thresholds(_by_code(visas, "E-7-1"), fixture["salary_thresholds"])
    fixture["notes"].extend(_stem_advantage_notes(research, known_codes=codes))
    _check_sources(fixture)
    return fixture


def _by_code(visas: list[JsonDict], code: str) -> JsonDict:
    return next(visa for visa in visas if visa["code"] == code)


def _source(source: JsonDict) -> JsonDict:
    stated = parse_stated_date(source.get("date_stated"))
    url = source.get("url") or ""
    return {
        "key": source["id"],
        "title": source["title"],
        "publisher": source.get("publisher") or publisher_from_url(url, kind=source["type"]),
        "url": url,
        "kind": source["type"],
        "date_stated_text": source.get("date_stated") or "",
        "date_stated": stated.value.isoformat() if stated else None,
        "date_precision": stated.precision if stated else "",
    }


def _gni(entry: JsonDict) -> JsonDict:
    return {
        "gni_year": entry["gni_year"],
        "value_krw": entry["value"],
        "status": entry.get("status", ""),
        "revised_value_krw": entry.get("later_revised_value"),
        "uncertain": bool(entry.get("uncertain", False)),
        "note": entry.get("revision_note", ""),
        "sources": entry["source_ids"],
    }


def _add_visa(fixture: JsonDict, visa: JsonDict, *, known_codes: list[str]) -> None:
    code = visa["code"]
    slug = slugify(code)
    sources = source_ids_in(visa)
    defaults = list(visa.get("source_ids", [])) or sources
    table = points_table(visa, slug=slug, visa_sources=defaults)
    groups, criteria = criterion_tree(visa, visa_sources=defaults)
    stated = parse_stated_date(visa.get("last_verified"))
    fixture["visa_types"].append(
        {
            "code": code,
            "slug": slug,
            "name": visa["name"],
            "name_ko": visa.get("name_ko", ""),
            "category": visa["category"],
            "summary": visa.get("summary", ""),
            "stay_summary": describe(visa.get("stay")),
            "work_rights": describe(visa.get("work_rights")),
            "last_verified_text": visa.get("last_verified", ""),
            "last_verified": stated.value.isoformat() if stated else None,
            "uncertain": bool(
                visa.get("uncertain")
                or visa.get("details_uncertain")
                or visa.get("eligibility_details_uncertain")
            ),
            "is_points_based": table is not None or "pass_rules" in visa,
            "note": visa.get("note", ""),
            "details": {
                **{k: v for k, v in visa.items() if k not in _VISA_ABSORBED_KEYS},
                "next_visas_as_stated": list(visa.get("next_visas", [])),
            },
            "sources": sources,
        }
    )
    fixture["progressions"].extend(_progressions(visa, known_codes=known_codes))
    fixture["criterion_groups"].extend(groups)
    fixture["criteria"].extend(criteria)
    if table:
        fixture["points_tables"].append(table)
    fixture["sending_countries"].extend(_sending_countries(visa))
    fixture["notes"].extend(_visa_notes(visa, slug=slug, visa_sources=defaults))


def describe(value: Any, *, top: bool = True) -> str:
    """Readable text for a nested mapping such as a visa's `stay` or `work_rights`."""
    if value is None:
        return ""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if top and key == "source_ids":
                continue
            if key == "uncertain":
                parts.append("(uncertain)" if item else "")
                continue
            parts.append(f"{key.replace('_', ' ').capitalize()}: {describe(item, top=False)}")
        return ("\n" if top else "; ").join(part for part in parts if part)
    if isinstance(value, list):
        items = [describe(item, top=False) for item in value]
        return " | ".join(f"[{item}]" if isinstance(value[0], dict) else item for item in items)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def resolve_visa(text: str, *, known_codes: list[str]) -> tuple[str, str] | None:
    """(code, note) for an onward path as the research data words it, or None if it names none."""
    text = text.strip()
    if text in known_codes:
        return text, ""
    if text in VISA_ALIASES:
        return VISA_ALIASES[text], ""
    match = re.fullmatch(r"(\S+) \((.+)\)", text)
    if match and match[1] in known_codes:
        return match[1], match[2]
    return None


def _progressions(visa: JsonDict, *, known_codes: list[str]) -> list[JsonDict]:
    stated = list(visa.get("next_visas", []))
    if isinstance(visa.get("visa"), str):
        stated.append(visa["visa"])
    rows: list[JsonDict] = []
    for text in stated:
        resolved = resolve_visa(text, known_codes=known_codes)
        if resolved and resolved[0] != visa["code"]:
            code, note = resolved
            rows.append({"from": visa["code"], "to": code, "note": note, "order": len(rows) + 1})
    return rows


def _sending_countries(visa: JsonDict) -> list[JsonDict]:
    countries = visa.get("sending_countries", [])
    nationality = next(
        (c for c in visa.get("eligibility", {}).get("all", []) if c.get("field") == "nationality"),
        None,
    )
    if countries and nationality and sorted(nationality["value"]) != sorted(countries):
        raise ValueError(f"{visa['code']}: sending countries differ from the nationality rule")
    return [
        {
            "visa": visa["code"],
            "country": country,
            "note": "",
            "sources": visa["sending_source_ids"],
        }
        for country in countries
    ]


def _visa_notes(visa: JsonDict, *, slug: str, visa_sources: list[str]) -> list[JsonDict]:
    entries: list[tuple[str, JsonDict]] = []
    entries += [("restriction", r) for r in visa.get("restrictions", [])]
    for text in visa.get("disqualifiers", []):
        entries.append(
            ("disqualifier", {"text": text, "source_ids": visa["disqualifiers_source_ids"]})
        )
    for event in visa.get("timeline", []):
        entries.append(("timeline", {**event, "text": event["event"]}))
    entries += [("policy_change", change) for change in visa.get("related_changes", [])]
    if review := visa.get("under_review"):
        entries.append(("under_review", review))
    if sending := visa.get("sending_countries_note"):
        entries.append(
            ("policy_change", {"text": sending, "source_ids": visa["sending_source_ids"]})
        )
    return [
        _note(
            f"{slug}-{kind.replace('_', '-')}-{n}",
            visa["code"],
            kind,
            entry,
            order=n,
            default_sources=visa_sources,
        )
        for n, (kind, entry) in enumerate(entries, start=1)
    ]


def _note(
    key: str,
    visa: str | None,
    kind: str,
    entry: JsonDict,
    *,
    order: int,
    default_sources: list[str] | None = None,
) -> JsonDict:
    text = entry["text"]
    if entry.get("note"):
        text = f"{text} ({entry['note']})"
    return {
        "key": key,
        "visa": visa,
        "kind": kind,
        "text": text,
        "date_text": entry.get("date", ""),
        "uncertain": bool(entry.get("uncertain", False)),
        "order": order,
        "sources": list(entry.get("source_ids", [])) or default_sources or [],
    }


def _reference_notes(research: JsonDict) -> list[JsonDict]:
    values = research["reference_values"]
    return [
        _note(
            "gni-application-window",
            None,
            "reference",
            values["gni_application_window_note"],
            order=1,
        ),
        _note("e-7-1-wage-gap-2026-01", "E-7-1", "gap", values["e7_wage_gap_note"], order=1),
    ]


def _stem_advantage_notes(research: JsonDict, *, known_codes: list[str]) -> list[JsonDict]:
    notes = []
    for order, advantage in enumerate(research.get("korean_university_stem_advantages", []), 1):
        target = advantage["stage"].split("->")[-1].strip()
        resolved = resolve_visa(target, known_codes=known_codes)
        entry = {**advantage, "text": f"{advantage['stage']}: {advantage['text']}"}
        notes.append(
            _note(
                f"korean-stem-graduate-advantage-{order}",
                resolved[0] if resolved else None,
                "graduate_advantage",
                entry,
                order=order,
            )
        )
    return notes


def _check_sources(fixture: JsonDict) -> None:
    known = {source["key"] for source in fixture["sources"]}
    for kind in (
        "gni_values",
        "salary_thresholds",
        "criterion_groups",
        "criteria",
        "points_tables",
        "sending_countries",
        "notes",
    ):
        for row in fixture[kind]:
            if not row["sources"]:
                raise ValueError(f"{kind}: {row} cites no source")
            if unknown := set(row["sources"]) - known:
                raise ValueError(f"{kind}: {row} cites unknown sources {sorted(unknown)}")
