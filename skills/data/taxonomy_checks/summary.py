"""The summary printed when every check passes."""

from __future__ import annotations

from collections import Counter
from typing import Any


def summarise(tax: dict[str, Any], occ: dict[str, Any], relation_count: int) -> str:
    skills = tax.get("skills", [])
    kinds = Counter(str(s.get("kind")) for s in skills)
    with_ko = sum(1 for s in skills if s.get("name_ko"))
    with_esco = sum(1 for s in skills if s.get("esco_uri"))
    with_onet = sum(1 for s in skills if s.get("onet_example"))
    with_ncs = sum(1 for s in skills if s.get("ncs_code"))
    per_category = Counter(str(s.get("category")) for s in skills)
    occupations = occ.get("occupations", [])
    industries = Counter(str(o.get("industry")) for o in occupations)
    relation_kinds = Counter(str(r.get("kind")) for r in tax.get("relations", []))
    lines = [
        f"categories: {len(tax.get('categories', []))}",
        "skills: "
        + f"{len(skills)} ("
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        + ")",
        f"  with name_ko {with_ko}, esco_uri {with_esco}, onet_example {with_onet}, "
        f"ncs_code {with_ncs}",
        "  per category: " + ", ".join(f"{k} {n}" for k, n in sorted(per_category.items())),
        f"relations: {relation_count} ("
        + ", ".join(f"{k} {n}" for k, n in sorted(relation_kinds.items()))
        + ")",
        f"occupations: {len(occupations)} ("
        + ", ".join(f"{k} {n}" for k, n in sorted(industries.items()))
        + ")",
    ]
    return "\n".join(lines)
