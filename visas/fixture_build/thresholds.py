"""E-7 wage thresholds by period and the Top-Tier salary multiples, as fixture rows."""

import re
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.utils.text import slugify

from visas.fixture_build.conditions import JsonDict

THRESHOLD_KEY = "minimum-annual-salary"
# E-7 sub-types that appear only in the wage notices: recorded so their thresholds have a home.
WAGE_ONLY_VISAS = {
    "E-7-2": "Specially designated activities – semi-professional",
    "E-7-3": "Specially designated activities – general skilled",
}
# The one source the research report names for the older E-7-4 figure (gmkvisakorea.com).
_OLDER_E74_SOURCE = "gmk_e74_old"


def _threshold(
    visa: str,
    *,
    valid_from: str | None,
    valid_to: str | None,
    sources: list[str],
    amount: int | None = None,
    multiplier: str | None = None,
    applies_to: str = "all",
    uncertain: bool = False,
    note: str = "",
    key: str = THRESHOLD_KEY,
    label: str = "",
) -> JsonDict:
    return {
        "visa": visa,
        "key": key,
        "label": label or f"{visa} minimum annual salary",
        "applies_to": applies_to,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "amount_krw": amount,
        "gni_multiplier": multiplier,
        "uncertain": uncertain,
        "note": note,
        "sources": sources,
    }


def _sentences(*parts: str) -> str:
    """Join note fragments into sentences, skipping empty ones."""
    return " ".join(p.strip().rstrip(".") + "." for p in parts if p and p.strip())


def wage_thresholds(reference: JsonDict) -> list[JsonDict]:
    """E-7 wage thresholds by period, from the research data's `e7_wage_thresholds`."""
    periods = reference["e7_wage_thresholds"]
    gaps = _gaps_between(periods)
    rows: list[JsonDict] = []
    for period in periods:
        start, end = period["period"]["from"], period["period"]["to"]
        sources = list(period["source_ids"])
        if "rule" in period:
            rows.extend(_gni_based_thresholds(period, valid_to=end, sources=sources))
            continue
        gap = " ".join(gaps.get(start, []) + gaps.get(end, []))
        sizes = "All company sizes" if period.get("applies_to_all_company_sizes") else ""
        for visa in ("E-7-1", "E-7-2", "E-7-3", "E-7-4"):
            entry = period[visa] if isinstance(period[visa], dict) else {"value": period[visa]}
            note = _sentences(
                period.get("notice", ""), sizes, period.get("note", ""), entry.get("note", ""), gap
            )
            uncertain = bool(entry.get("uncertain") or period.get("uncertain_parallel_gni_rule"))
            rows.append(
                _threshold(
                    visa,
                    valid_from=start,
                    valid_to=end,
                    sources=sources,
                    amount=entry["value"],
                    uncertain=uncertain,
                    note=note,
                )
            )
    return rows


def _gaps_between(periods: list[JsonDict]) -> dict[str, list[str]]:
    """Notes for the period ends that border a stretch no period covers, keyed by that end."""
    notes: dict[str, list[str]] = {}
    bounded = sorted(
        (p["period"] for p in periods if p["period"]["from"]), key=lambda period: period["from"]
    )
    earlier = [p["period"] for p in periods if not p["period"]["from"]]
    for before, after in pairwise(earlier + bounded):
        if not before["to"]:
            continue
        first_uncovered = date.fromisoformat(before["to"]) + timedelta(days=1)
        last_uncovered = date.fromisoformat(after["from"]) - timedelta(days=1)
        if first_uncovered <= last_uncovered:
            text = (
                f"No source covers {first_uncovered.isoformat()}..{last_uncovered.isoformat()}, "
                "so no threshold is in force then"
            )
            notes.setdefault(before["to"], []).append(text)
            notes.setdefault(after["from"], []).append(text)
    return notes


def _gni_based_thresholds(period: JsonDict, *, valid_to: str, sources: list[str]) -> list[JsonDict]:
    """Before 2025-04-01: E-7-1 as a share of previous-year GNI, E-7-4 as a fixed older figure."""
    match = re.search(r"(\d+)% of previous-year GNI per capita \((\d+)% for SMEs", period["rule"])
    if not match:
        raise ValueError(f"E-7 GNI rule no longer reads as expected: {period['rule']!r}")
    older_e74 = period["E-7-4_older_scheme"]
    if _OLDER_E74_SOURCE not in sources:
        raise ValueError(f"{_OLDER_E74_SOURCE} no longer backs the older E-7-4 figure")
    e74_sources = [_OLDER_E74_SOURCE]
    e71_sources = [s for s in sources if s != _OLDER_E74_SOURCE]
    example = period.get("example", {})
    example_note = (
        f"Example: {example['value_krw']:,} KRW as of {example['as_of']} ({example['meaning']})."
        if example
        else ""
    )
    share = {"all": match[1], "sme_or_venture": match[2]}
    rows = [
        _threshold(
            "E-7-1",
            valid_from=None,
            valid_to=valid_to,
            sources=e71_sources,
            applies_to=scope,
            multiplier=f"{int(percent) / 100:.2f}",
            note=_sentences(f"{percent}% of previous-year GNI per capita", example_note),
        )
        for scope, percent in share.items()
    ]
    rows.append(
        _threshold(
            "E-7-4",
            valid_from=None,
            valid_to=valid_to,
            sources=e74_sources,
            amount=older_e74["value"],
            uncertain=bool(older_e74.get("uncertain")),
            note="Figure cited for the older E-7-4 scheme.",
        )
    )
    return rows


def top_tier_thresholds(visa: JsonDict) -> list[JsonDict]:
    """Top-Tier: 3x GNI per capita, and 4x GNI as the route that waives education/experience."""
    launched = next(e["date"] for e in visa["timeline"] if e["event"] == "launched")
    rows: list[JsonDict] = []
    for entry in visa["salary_thresholds"]:
        waiver = entry["multiplier"] == 4
        key = "salary-waiving-education-experience" if waiver else THRESHOLD_KEY
        label = "Top-Tier salary that waives education/experience" if waiver else ""
        note = (
            f"{entry['multiplier']} × GNI per capita; with the {entry['gni_year']} GNI that is "
            f"{entry['value_krw']:,} KRW."
        )
        if waiver and (stated := _note_on_multiple(visa["eligibility"], entry["multiplier"])):
            note = _sentences(note, f"Sources differ on what it waives: {stated}")
        rows.append(
            _threshold(
                visa["code"],
                key=key,
                label=label,
                valid_from=launched,
                valid_to=None,
                multiplier=f"{entry['multiplier']:.2f}",
                uncertain=waiver,
                note=note,
                sources=list(visa["source_ids"]),
            )
        )
    return rows


def _note_on_multiple(node: Any, multiplier: int) -> str | None:
    """The note on the eligibility condition that compares with `multiplier` x GNI, if any."""
    if isinstance(node, dict):
        value = node.get("value")
        if isinstance(value, dict) and value.get("multiplier") == multiplier and node.get("note"):
            return str(node["note"])
        children = [child for key, child in node.items() if key in {"all", "any"}]
        return next((n for c in children if (n := _note_on_multiple(c, multiplier))), None)
    if isinstance(node, list):
        return next((n for c in node if (n := _note_on_multiple(c, multiplier))), None)
    return None


def wage_only_visas(thresholds: list[JsonDict], *, reference: JsonDict) -> list[JsonDict]:
    earliest_rule = next(p["rule"] for p in reference["e7_wage_thresholds"] if "rule" in p)
    rows: list[JsonDict] = []
    for code, name in WAGE_ONLY_VISAS.items():
        sources = list(
            dict.fromkeys(s for t in thresholds if t["visa"] == code for s in t["sources"])
        )
        rows.append(
            {
                "code": code,
                "slug": slugify(code),
                "name": name,
                "name_ko": "",
                "category": "employment",
                "summary": "Recorded for its E-7 wage thresholds only; eligibility not researched.",
                "stay_summary": "",
                "work_rights": "",
                "last_verified_text": "",
                "last_verified": None,
                "uncertain": False,
                "is_points_based": False,
                "note": f"Before fixed amounts, the sources give the rule as: {earliest_rule}",
                "details": {"next_visas_as_stated": []},
                "sources": sources,
            }
        )
    return rows


def check_e7_1_thresholds(visa: JsonDict, thresholds: list[JsonDict]) -> None:
    """E-7-1 repeats the reference wage table; the two must agree."""
    fixed = {(t["valid_from"], t["amount_krw"]) for t in thresholds if t["visa"] == "E-7-1"}
    for entry in visa["salary_thresholds"]:
        if "value_krw" in entry and (entry["applies_from"], entry["value_krw"]) not in fixed:
            raise ValueError(f"E-7-1 threshold {entry} differs from the reference wage table")
