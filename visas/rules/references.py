"""Rule values that refer to other data: multiples of GNI per capita, the dated E-7 wage table,
and lists the sources name but do not give in full.

Which GNI applies on a day: immigration uses the latest published GNI per capita, and the data's
note says a year's figure applies from 1 April of the next year to 31 March of the year after
(the 2024 GNI, published 2025-03-05, applied 2025-04-01..2026-03-31). So on day d the GNI year is
d.year - 1 from April, d.year - 2 before. When that year is not in the table the latest earlier
year is used and the value is flagged uncertain; with no earlier year the value is unknown.

Salary thresholds: the one in force for the employer's scope (SMEs first, then "all"). On a day
no period covers (January 2026 for E-7: the 2025 notice ran to 2025-12-31, the 2026 one starts
2026-02-01) the requirement is the range between the periods either side: a salary at or above
both meets it, one below both does not, one in between cannot be told. After the last period
the last amount is carried forward, flagged uncertain. All of these carry the rows' sources.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from visas.rules.factview import UNKNOWN, Range
from visas.rules.records import GniFigure, SalaryThresholdRule
from visas.rules.snapshot import RulesSnapshot
from visas.rules.wording import Words, interpolate_lazy

SALARY_KEY = "minimum-annual-salary"
SME_SCOPE = "sme_or_venture"
ALL_SCOPE = "all"
# Lists the sources name; where the data confirms some members, those are known members.
_NAMED_LISTS = {"E-7-1 designated list": ("E-7-1", "occupation_codes")}


@dataclass(frozen=True, slots=True)
class PartialList:
    """Some confirmed members of a longer list: a member is in it, anything else may be."""

    name: str
    members: frozenset[str]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved rule value with what users should know about it. Resolved values are kept by
    the compiled rules, which serve every language: `note` is lazy, str() it when reading."""

    value: Any  # a number, a Range (not settled), a list, a PartialList or UNKNOWN
    note: Words = ""
    uncertain: bool = False
    source_keys: tuple[str, ...] = ()


def gni_year_for(on: date) -> int:
    return on.year - 1 if on.month >= 4 else on.year - 2


def scope_for(employer_size: str | None) -> str:
    return SME_SCOPE if employer_size == "sme" else ALL_SCOPE


class References:
    """Resolves rule values against one snapshot; results are cached per value and scope."""

    def __init__(self, rules: RulesSnapshot) -> None:
        self.rules = rules
        self.gni, self.gni_exact = _gni_in_force(rules)
        self._cache: dict[tuple[int, str], Resolved] = {}

    def resolve(self, value: Any, scope: str) -> Resolved:
        if not isinstance(value, dict):
            return Resolved(value)
        cache_key = (id(value), scope)
        resolved = self._cache.get(cache_key)
        if resolved is None:
            resolved = self._resolve_reference(value, scope)
            self._cache[cache_key] = resolved
        return resolved

    def _resolve_reference(self, value: dict[str, Any], scope: str) -> Resolved:
        if "named_list" in value:
            return self._named_list(str(value["named_list"]))
        if value.get("ref") == "gni_per_capita_krw":
            return self.gni_multiple(Decimal(str(value["multiplier"])))
        if value.get("ref") == "e7_wage_thresholds":
            return self.salary_threshold(str(value["key"]), scope=scope)
        note = interpolate_lazy(gettext_lazy("unknown reference %(value)s"), {"value": value})
        return Resolved(UNKNOWN, note=note, uncertain=True)

    def gni_multiple(self, multiplier: Decimal) -> Resolved:
        if self.gni is None:
            note: Words = gettext_lazy("no GNI per capita for this date")
            return Resolved(UNKNOWN, note=note, uncertain=True)
        amount = math.ceil(multiplier * self.gni.value_krw)
        gni = self.gni
        words = {
            "multiple": f"{multiplier.normalize():f}",
            "year": gni.year,
            "amount": interpolate_lazy(
                gettext_lazy("%(amount)s KRW"), {"amount": f"{gni.value_krw:,}"}
            ),
            "wanted": gni_year_for(self.rules.on),
        }
        # Translators: e.g. "1.5 × GNI per capita 2024 (49,950,000 KRW)".
        template = gettext_lazy("%(multiple)s × GNI per capita %(year)s (%(amount)s)")
        if not self.gni_exact:
            template = gettext_lazy(
                "%(multiple)s × GNI per capita %(year)s (%(amount)s); "
                "the %(wanted)s figure is not in the table"
            )
        note = interpolate_lazy(template, words)
        return Resolved(
            amount,
            note=note,
            uncertain=self.gni.uncertain or not self.gni_exact,
            source_keys=self.gni.source_keys,
        )

    def salary_threshold(self, visa: str, *, scope: str, key: str = SALARY_KEY) -> Resolved:
        rows = [t for t in self.rules.salary_thresholds if t.visa == visa and t.key == key]
        in_scope = [t for t in rows if t.applies_to in (scope, ALL_SCOPE)]
        in_force = {t.applies_to: t for t in in_scope if t.is_in_force(self.rules.on)}
        threshold = in_force.get(scope) or in_force.get(ALL_SCOPE)
        if threshold is not None:
            return self._threshold_amount(threshold)
        return self._threshold_gap(visa, in_scope)

    def _threshold_amount(self, threshold: SalaryThresholdRule) -> Resolved:
        period = _period(threshold)
        if threshold.amount_krw is not None:
            return Resolved(
                threshold.amount_krw,
                note=interpolate_lazy(
                    gettext_lazy("%(rule)s, %(period)s"),
                    {"rule": threshold.label, "period": period},
                ),
                uncertain=threshold.uncertain,
                source_keys=threshold.source_keys,
            )
        assert threshold.gni_multiplier is not None
        multiple = self.gni_multiple(threshold.gni_multiplier)
        return Resolved(
            multiple.value,
            note=interpolate_lazy(
                # Translators: a salary rule, when it applies, and how its amount is computed.
                gettext_lazy("%(rule)s, %(period)s: %(computed)s"),
                {"rule": threshold.label, "period": period, "computed": multiple.note},
            ),
            uncertain=threshold.uncertain or multiple.uncertain,
            source_keys=tuple(sorted({*threshold.source_keys, *multiple.source_keys})),
        )

    def _threshold_gap(self, visa: str, rows: list[SalaryThresholdRule]) -> Resolved:
        on = self.rules.on
        before = [t for t in rows if t.valid_to is not None and t.valid_to < on]
        after = [t for t in rows if t.valid_from is not None and t.valid_from > on]
        previous = max(before, key=lambda t: t.valid_to or date.min, default=None)
        following = min(after, key=lambda t: t.valid_from or date.max, default=None)
        gap_sources = tuple(
            key
            for note in self.rules.notes
            if note.visa == visa and note.kind == "gap"
            for key in note.source_keys
        )
        if previous is None:
            note: Words = interpolate_lazy(
                gettext_lazy("no %(visa)s salary rule before %(start)s"),
                {"visa": visa, "start": _start(following)},
            )
            return Resolved(UNKNOWN, note=note)
        earlier = self._threshold_amount(previous)
        if following is None:
            return Resolved(
                earlier.value,
                note=interpolate_lazy(
                    gettext_lazy("%(rule)s; no later rule published, so it is carried forward"),
                    {"rule": earlier.note},
                ),
                uncertain=True,
                source_keys=earlier.source_keys,
            )
        later = self._threshold_amount(following)
        if not isinstance(earlier.value, int) or not isinstance(later.value, int):
            note = gettext_lazy("no salary rule published for this day")
            return Resolved(UNKNOWN, note=note, uncertain=True)
        return Resolved(
            Range(min(earlier.value, later.value), max(earlier.value, later.value)),
            note=interpolate_lazy(
                gettext_lazy(
                    "no rule published for this day: %(earlier)s KRW until %(end)s, "
                    "%(later)s KRW from %(start)s"
                ),
                {
                    "earlier": f"{earlier.value:,}",
                    "end": previous.valid_to,
                    "later": f"{later.value:,}",
                    "start": following.valid_from,
                },
            ),
            uncertain=True,
            source_keys=tuple(sorted({*earlier.source_keys, *later.source_keys, *gap_sources})),
        )

    def launch_date(self, visa: str) -> date | None:
        """The day a visa's salary rules begin when none is in force yet (Top-Tier: 2025-04-02)."""
        rows = [t for t in self.rules.salary_thresholds if t.visa == visa]
        if not rows or any(t.is_in_force(self.rules.on) for t in rows):
            return None
        starts = [t.valid_from for t in rows]
        if any(start is None or start <= self.rules.on for start in starts):
            return None
        return min(start for start in starts if start is not None)

    def _named_list(self, name: str) -> Resolved:
        where = _NAMED_LISTS.get(name)
        visa = self.rules.visa_types.get(where[0]) if where else None
        if where is None or visa is None:
            note = interpolate_lazy(gettext_lazy("the %(list)s is not in the data"), {"list": name})
            return Resolved(UNKNOWN, note=note, uncertain=True)
        listed = visa.details.get(where[1], {})
        members = frozenset(
            str(entry["code"]) for entry in listed.get("confirmed_codes", []) if "code" in entry
        )
        return Resolved(
            PartialList(name=name, members=members),
            note=interpolate_lazy(
                gettext_lazy("our sources confirm only %(count)s of its codes"),
                {"count": len(members)},
            ),
            uncertain=not listed.get("full_list_retrieved", False),
            source_keys=visa.source_keys,
        )


def _gni_in_force(rules: RulesSnapshot) -> tuple[GniFigure | None, bool]:
    wanted = gni_year_for(rules.on)
    for figure in rules.gni:  # newest first
        if figure.year == wanted:
            return figure, True
        if figure.year < wanted:
            return figure, False
    return None, False


def _period(threshold: SalaryThresholdRule) -> Words:
    days = {"start": threshold.valid_from, "end": threshold.valid_to}
    if threshold.valid_from and threshold.valid_to:
        return interpolate_lazy(gettext_lazy("%(start)s to %(end)s"), days)
    if threshold.valid_from:
        return interpolate_lazy(gettext_lazy("from %(start)s"), days)
    if threshold.valid_to:
        return interpolate_lazy(gettext_lazy("until %(end)s"), days)
    return gettext_lazy("no end dates")


def _start(threshold: SalaryThresholdRule | None) -> Words:
    if threshold and threshold.valid_from:
        return str(threshold.valid_from)
    return gettext_lazy("this day")
