"""Relations between skills: each one on its own, then broader/narrower pairs and the count."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .checker import Checker, as_list

MIN_RELATIONS = 250
RELATION_KINDS = frozenset({"broader", "narrower", "related"})
# Allowed credit per relation kind: a broader concept is worth more than a narrower or
# adjacent one (the brief's typical values are 0.6-0.8, 0.3-0.5 and 0.2-0.5).
CREDIT_RANGES: dict[str, tuple[float, float]] = {
    "broader": (0.5, 1.0),
    "narrower": (0.1, 0.6),
    "related": (0.1, 0.6),
}

Relation = tuple[str, str, str]  # (skill, related skill, kind)


@dataclass
class RelationIndex:
    """The relations whose skills and kind are known, and the credit of those with a valid one."""

    seen: set[Relation] = field(default_factory=set)
    credit: dict[Relation, float] = field(default_factory=dict)


def check_relations(tax: dict[str, Any], skills: set[str], chk: Checker) -> int:
    """Return the number of distinct relations between known skills."""
    relations = as_list(tax.get("relations"), "taxonomy: 'relations' must be a list", chk)
    if relations is None:
        return 0
    index = RelationIndex()
    for i, item in enumerate(relations):
        _check_relation(i, item, skills, index, chk)
    _check_broader_narrower(index.credit, chk)
    chk.require(
        len(index.seen) >= MIN_RELATIONS,
        f"taxonomy: {len(index.seen)} relations, need at least {MIN_RELATIONS}",
    )
    return len(index.seen)


def _check_relation(
    i: int, item: object, skills: Collection[str], index: RelationIndex, chk: Checker
) -> None:
    where = f"relation #{i}"
    if not isinstance(item, dict):
        chk.fail(f"{where}: must be an object")
        return
    src, dst, kind = item.get("skill"), item.get("related_skill"), item.get("kind")
    where = f"relation #{i} ({src} -> {dst}, {kind})"
    known = _check_relation_ends(where, src, dst, kind, skills, chk)
    credit = _valid_credit(where, kind, item.get("credit"), chk)
    if not known:
        return
    relation = (str(src), str(dst), str(kind))
    chk.require(relation not in index.seen, f"{where}: duplicate relation")
    index.seen.add(relation)
    if credit is not None:
        index.credit[relation] = credit


def _check_relation_ends(
    where: str, src: object, dst: object, kind: object, skills: Collection[str], chk: Checker
) -> bool:
    """Whether both skills and the kind are known (a self relation is reported, not rejected)."""
    known = chk.require(src in skills, f"{where}: unknown skill {src!r}")
    known = chk.require(dst in skills, f"{where}: unknown related_skill {dst!r}") and known
    known = chk.require(kind in RELATION_KINDS, f"{where}: bad kind") and known
    chk.require(src != dst, f"{where}: self relation")
    return known


def _valid_credit(where: str, kind: object, value: object, chk: Checker) -> float | None:
    """The credit if it is a number in (0, 1], else None; also checks the range for its kind."""
    if not (isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1):
        chk.fail(f"{where}: credit must be in (0, 1]")
        return None
    if kind in CREDIT_RANGES:
        low, high = CREDIT_RANGES[str(kind)]
        chk.require(low <= value <= high, f"{where}: {kind} credit {value} outside [{low}, {high}]")
    return float(value)


def _check_broader_narrower(credit: dict[Relation, float], chk: Checker) -> None:
    # One direction between two skills is either broader or narrower, not both; and the narrower
    # link back may not earn more credit than the broader one it mirrors.
    for (src, dst, kind), value in sorted(credit.items()):
        if kind == "broader":
            chk.require(
                (src, dst, "narrower") not in credit,
                f"relation {src} -> {dst}: both broader and narrower",
            )
            back = credit.get((dst, src, "narrower"))
            chk.require(
                back is None or back <= value,
                f"relation {dst} -> {src}: narrower credit {back} exceeds broader credit {value}",
            )
