"""Flattening the research data's condition trees into criterion groups and criteria.

The research data nests conditions: `{"all": [...]}` / `{"any": [...]}` groups holding leaves
`{"field", "op", "value"}` or more groups, to any depth. Each visa gets root groups (purpose
`eligibility`, `employer_requirement`, `exemption`, `applicant_type`) and every nested group points
at its parent by key, so the tree survives and an administrator can still edit one row at a time.

Two reference forms become ordinary leaves the guidance engine resolves:
- `{"ref_exemption": "x"}` becomes field `exemption.x`, op `true` (the root group `exemption-x`);
- F-2-7's `applicant_type in [...]` stays as written (the root groups `applicant-type-*`).
A leaf's `with` (an extra condition that must also hold) becomes an all-group of the two.
"""

from collections.abc import Iterator
from typing import Any

JsonDict = dict[str, Any]

OPS = ("eq", "ne", "in", "not_in", "gte", "lte", "gt", "lt", "between", "true", "false")
_GROUP_OWN_KEYS = {"all", "any", "id", "uncertain", "note", "source_ids"}
_LEAF_OWN_KEYS = {"field", "op", "value", "id", "uncertain", "note", "source_ids"}
_OP_WORDS = {
    "eq": "=",
    "ne": "≠",
    "in": "is one of",
    "not_in": "is not one of",
    "gte": "≥",
    "lte": "≤",
    "gt": ">",
    "lt": "<",
    "between": "between",
    "true": "is true",
    "false": "is false",
}
INHERITED_SOURCES_NOTE = (
    "The research data cites no source for this condition itself; these are the visa's sources."
)


def source_ids_in(node: Any) -> list[str]:
    """Every source id cited anywhere inside `node`, in order of first appearance."""
    found: list[str] = []
    for source_id in _walk_source_ids(node):
        if source_id not in found:
            found.append(source_id)
    return found


def _walk_source_ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("source_ids") and isinstance(value, list):
                yield from value
            else:
                yield from _walk_source_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_source_ids(item)


def criterion_tree(
    visa: JsonDict, *, visa_sources: list[str]
) -> tuple[list[JsonDict], list[JsonDict]]:
    """Groups and criteria for one visa of the research data, as flat fixture rows."""
    builder = _TreeBuilder(visa_code=visa["code"], visa_sources=visa_sources)
    if eligibility := visa.get("eligibility"):
        builder.add_root(eligibility, key="eligibility", purpose="eligibility", label="Eligibility")
    if employer := visa.get("employer_requirements"):
        builder.add_root(
            {"all": employer},
            key="employer-requirements",
            purpose="employer_requirement",
            label="Employer requirements",
        )
    for exemption in visa.get("exemptions", []):
        builder.add_described_root(exemption, prefix="exemption", purpose="exemption")
    applicant_sources = visa.get("applicant_types_source_ids")
    for applicant_type in visa.get("applicant_types", []):
        if applicant_sources and "source_ids" not in applicant_type:
            applicant_type = {**applicant_type, "source_ids": applicant_sources}
        builder.add_described_root(
            applicant_type, prefix="applicant-type", purpose="applicant_type"
        )
    return builder.groups, builder.criteria


class _TreeBuilder:
    def __init__(self, *, visa_code: str, visa_sources: list[str]) -> None:
        self.visa_code = visa_code
        self.visa_sources = visa_sources
        self.groups: list[JsonDict] = []
        self.criteria: list[JsonDict] = []

    def add_described_root(self, entry: JsonDict, *, prefix: str, purpose: str) -> None:
        """An exemption or applicant type: an id, its `conditions`, and its own note/sources."""
        conditions = entry["conditions"]
        if not _is_group(conditions):
            conditions = {"all": [conditions]}
        root = {**conditions}
        for own in ("uncertain", "note", "source_ids"):
            if own in entry and own not in root:
                root[own] = entry[own]
        extra = {k: v for k, v in entry.items() if k not in {"id", "conditions", *_GROUP_OWN_KEYS}}
        label = f"{prefix.replace('-', ' ').capitalize()}: {humanise(entry['id'])}"
        self.add_root(
            root, key=f"{prefix}-{entry['id']}", purpose=purpose, label=label, extra=extra
        )

    def add_root(
        self,
        node: JsonDict,
        *,
        key: str,
        purpose: str,
        label: str,
        extra: JsonDict | None = None,
    ) -> None:
        if not _is_group(node):
            node = {"all": [node]}
        self._add_group(
            node,
            key=key,
            parent=None,
            purpose=purpose,
            label=label,
            order=0,
            inherited=None,
            extra=extra or {},
        )

    def _add_group(
        self,
        node: JsonDict,
        *,
        key: str,
        parent: str | None,
        purpose: str,
        label: str,
        order: int,
        inherited: list[str] | None,
        extra: JsonDict,
    ) -> None:
        mode = "all" if "all" in node else "any"
        own_sources = list(node.get("source_ids", []))
        sources = own_sources or inherited or self.visa_sources
        details = {**extra, **{k: v for k, v in node.items() if k not in _GROUP_OWN_KEYS}}
        if not own_sources and not inherited:
            details["sources_note"] = INHERITED_SOURCES_NOTE
        self.groups.append(
            {
                "visa": self.visa_code,
                "key": key,
                "parent": parent,
                "purpose": purpose if parent is None else "",
                "mode": mode,
                "label": label,
                "order": order,
                "uncertain": bool(node.get("uncertain", False)),
                "note": node.get("note", ""),
                "details": details,
                "sources": sources,
            }
        )
        child_sources = own_sources or inherited
        used_keys: set[str] = set()
        for position, child in enumerate(node[mode], start=1):
            self._add_node(
                child, group=key, position=position, inherited=child_sources, used_keys=used_keys
            )

    def _add_node(
        self,
        node: JsonDict,
        *,
        group: str,
        position: int,
        inherited: list[str] | None,
        used_keys: set[str],
    ) -> None:
        if "ref_exemption" in node:
            node = {
                "field": f"exemption.{node['ref_exemption']}",
                "op": "true",
                "note": "holds when the exemption of that name holds",
            }
        if "with" in node:
            both = {k: v for k, v in node.items() if k != "with"}
            node = {"all": [both, node["with"]], "source_ids": node.get("source_ids", [])}
        if _is_group(node):
            name = node.get("id") or f"{'all' if 'all' in node else 'any'}-{position}"
            label = (
                humanise(node["id"])
                if node.get("id")
                else ("All of" if "all" in node else "Any of")
            )
            self._add_group(
                node,
                key=f"{group}/{name}",
                parent=group,
                purpose="",
                label=label,
                order=position,
                inherited=inherited,
                extra={},
            )
            return
        self.criteria.append(
            self._leaf(
                node, group=group, position=position, inherited=inherited, used_keys=used_keys
            )
        )

    def _leaf(
        self,
        node: JsonDict,
        *,
        group: str,
        position: int,
        inherited: list[str] | None,
        used_keys: set[str],
    ) -> JsonDict:
        op = node["op"]
        if op not in OPS:
            raise ValueError(f"{self.visa_code}: unknown op {op!r} in {node}")
        value = _normalise_value(op, node.get("value"))
        own_sources = list(node.get("source_ids", []))
        details = {k: v for k, v in node.items() if k not in _LEAF_OWN_KEYS}
        if not own_sources and not inherited:
            details["sources_note"] = INHERITED_SOURCES_NOTE
        key = _unique(node.get("id") or node["field"], used_keys)
        return {
            "visa": self.visa_code,
            "group": group,
            "key": key,
            "label": describe_condition(node["field"], op, value),
            "field": node["field"],
            "op": op,
            "value": value,
            "order": position,
            "valid_from": None,
            "valid_to": None,
            "uncertain": bool(node.get("uncertain", False)),
            "note": node.get("note", ""),
            "details": details,
            "sources": own_sources or inherited or self.visa_sources,
        }


def _is_group(node: JsonDict) -> bool:
    return "all" in node or "any" in node


def _unique(key: str, used: set[str]) -> str:
    candidate, number = key, 1
    while candidate in used:
        number += 1
        candidate = f"{key}#{number}"
    used.add(candidate)
    return candidate


def _normalise_value(op: str, value: Any) -> Any:
    """A list named only in words ("E-7-1 designated list") becomes `{"named_list": words}`."""
    if op in {"in", "not_in"} and isinstance(value, str):
        return {"named_list": value}
    return value


def humanise(identifier: str) -> str:
    return identifier.replace("_", " ").replace("-", " ").strip().capitalize()


def describe_condition(field: str, op: str, value: Any) -> str:
    """A one-line label such as `age between 18 and 39` or `salary ≥ 0.8 × GNI per capita`."""
    words = _OP_WORDS[op]
    if op in {"true", "false"}:
        return f"{field} {words}"
    if op == "between" and isinstance(value, list) and len(value) == 2:
        return f"{field} between {_describe_value(value[0])} and {_describe_value(value[1])}"
    label = f"{field} {words} {_describe_value(value)}"
    return label if len(label) <= 250 else label[:247] + "..."


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}"
    if isinstance(value, list):
        if len(value) > 8:
            return f"one of {len(value)} listed values"
        return ", ".join(_describe_value(item) for item in value)
    if isinstance(value, dict):
        return _describe_reference(value)
    return str(value)


def _describe_reference(value: JsonDict) -> str:
    if "named_list" in value:
        return f"the {value['named_list']}"
    if value.get("ref") == "gni_per_capita_krw":
        return f"{value.get('multiplier', 1)} × GNI per capita"
    if value.get("ref") == "e7_wage_thresholds":
        return f"the E-7 wage threshold for {value.get('key')} in force"
    return ", ".join(f"{k}={v}" for k, v in value.items())
