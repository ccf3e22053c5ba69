#!/usr/bin/env python3
"""Validate skills/data/taxonomy.json and skills/data/occupations.json.

Standard library only. Run from anywhere:

    python3 skills/data/check_taxonomy.py [--data-dir DIR]

Prints a short summary and exits 0 when every rule holds; otherwise prints one line per
violation and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent

MIN_CATEGORIES = 14
MIN_SKILLS = 340
MIN_RELATIONS = 250
MIN_SKILLS_WITH_KO = 100
MIN_SKILLS_PER_CATEGORY = 10
MAX_SKILLS_PER_CATEGORY = 40
MAX_ALIASES = 5
MIN_OCCUPATIONS = 40
MAX_OCCUPATIONS = 60


def _codes(text: str) -> frozenset[str]:
    """Turn a space-separated list of codes into a frozen set."""
    return frozenset(text.split())


REQUIRED_CATEGORIES = frozenset(
    {
        "semiconductor-process",
        "semiconductor-design",
        "semiconductor-test-packaging",
        "electronics-embedded",
        "batteries-energy-storage",
        "automotive-ev",
        "shipbuilding-offshore",
        "mechanical-manufacturing",
        "chemicals-materials",
        "software-engineering",
        "it-infrastructure-security",
        "data-ai",
        "languages",
        "professional",
    }
)
SKILL_KINDS = frozenset({"knowledge", "skill", "tool", "language", "certification"})
RELATION_KINDS = frozenset({"broader", "narrower", "related"})
# Allowed credit per relation kind: a broader concept is worth more than a narrower or
# adjacent one (the brief's typical values are 0.6-0.8, 0.3-0.5 and 0.2-0.5).
CREDIT_RANGES: dict[str, tuple[float, float]] = {
    "broader": (0.5, 1.0),
    "narrower": (0.1, 0.6),
    "related": (0.1, 0.6),
}
INDUSTRIES = frozenset(
    {
        "semiconductors",
        "electronics",
        "batteries",
        "automotive",
        "shipbuilding",
        "machinery",
        "chemicals",
        "software",
        "display",
        "energy",
    }
)
# Industries that need at least MIN_PER_INDUSTRY occupations.
CORE_INDUSTRIES = INDUSTRIES - {"display", "energy"}
MIN_PER_INDUSTRY = 3
MIN_DATA_AI_ROLES = 3
MIN_TECHNICIAN_ROLES = 3
EDUCATION_LEVELS = ("diploma", "associate", "bachelor", "master", "doctorate")
TECHNICIAN_LEVELS = frozenset({"diploma", "associate"})
ISCED_FIELDS = _codes(
    "0511 0512 0521 0531 0532 0533 0541 0542 0611 0612 0613 0711 0712 0713 0714 0715 0716 "
    "0721 0722 0723 0724 0731 0732"
)
# Real ISCO-08 unit groups relevant to STEM, ICT, technician, trade and production roles.
ISCO08_UNIT_GROUPS = _codes(
    "1213 1219 1223 1321 1330 "
    "2111 2112 2113 2114 2120 2131 2132 2133 2141 2142 2143 2144 2145 2146 2149 "
    "2151 2152 2153 2161 2162 2163 2164 2165 2166 "
    "2511 2512 2513 2514 2519 2521 2522 2523 2529 "
    "3111 3112 3113 3114 3115 3116 3117 3118 3119 3121 3122 3123 "
    "3131 3132 3133 3134 3135 3139 3151 3152 3153 3154 3155 "
    "3511 3512 3513 3514 3521 3522 "
    "7211 7212 7213 7214 7215 7221 7222 7223 7224 7231 7232 7233 "
    "7411 7412 7413 7421 7422 "
    "8111 8112 8113 8114 8121 8122 8131 8132 8141 8142 8143 8154 8160 8171 8172 8181 8182 "
    "8183 8189 8211 8212 8219"
)
SALARY_MIN_KRW = 25_000_000
SALARY_MAX_KRW = 100_000_000

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ESCO_URI_RE = re.compile(
    r"^http://data\.europa\.eu/esco/skill/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
NCS_RE = re.compile(r"^\d{2}(?:-\d{2}){0,3}$")
E7_RE = re.compile(r"^S?\d{3,4}$")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")

# Field limits of the skills app models (skills/models.py); longer values would not load.
MAX_LEN = {
    "slug": 80,
    "category_name": 80,
    "name": 120,
    "name_ko": 120,
    "alias": 120,
    "description": 400,
    "esco_uri": 200,
    "onet_example": 120,
    "ncs_code": 20,
}


def normalise_label(text: str) -> str:
    """Same comparison form as skills.models.normalise_skill_label (case/space-insensitive)."""
    return " ".join(text.casefold().replace("_", " ").split())


class Checker:
    """Collects violations instead of stopping at the first one."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def require(self, condition: bool, message: str) -> bool:
        if not condition:
            self.fail(message)
        return condition


def load_json(path: Path, chk: Checker) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        chk.fail(f"{path}: file not found")
        return {}
    except json.JSONDecodeError as exc:
        chk.fail(f"{path}: invalid JSON ({exc})")
        return {}
    if not isinstance(data, dict):
        chk.fail(f"{path}: top level must be an object")
        return {}
    return data


def is_nonempty_str(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def as_list(value: object, message: str, chk: Checker) -> list[Any] | None:
    """Return value if it is a list, else record message and return None."""
    if isinstance(value, list):
        return value
    chk.fail(message)
    return None


def check_categories(tax: dict[str, Any], chk: Checker) -> set[str]:
    categories = as_list(tax.get("categories"), "taxonomy: 'categories' must be a list", chk)
    if categories is None:
        return set()
    slugs: set[str] = set()
    for i, item in enumerate(categories):
        where = f"category #{i}"
        if not chk.require(isinstance(item, dict), f"{where}: must be an object"):
            continue
        slug = item.get("slug")
        if chk.require(isinstance(slug, str) and bool(SLUG_RE.match(slug)), f"{where}: bad slug"):
            where = f"category {slug!r}"
            chk.require(slug not in slugs, f"{where}: duplicate slug")
            slugs.add(slug)
        name = item.get("name")
        chk.require(is_nonempty_str(name), f"{where}: missing name")
        name_ko = item.get("name_ko")
        chk.require(
            is_nonempty_str(name_ko) and bool(HANGUL_RE.search(str(name_ko))),
            f"{where}: name_ko must be a Korean name",
        )
        for label, value in (("name", name), ("name_ko", name_ko)):
            chk.require(
                len(str(value)) <= MAX_LEN["category_name"],
                f"{where}: {label} longer than {MAX_LEN['category_name']}",
            )
        chk.require(is_nonempty_str(item.get("description")), f"{where}: missing description")
    chk.require(
        len(slugs) >= MIN_CATEGORIES,
        f"taxonomy: {len(slugs)} categories, need at least {MIN_CATEGORIES}",
    )
    for missing in sorted(REQUIRED_CATEGORIES - slugs):
        chk.fail(f"taxonomy: required category {missing!r} is missing")
    return slugs


def check_skills(tax: dict[str, Any], categories: set[str], chk: Checker) -> dict[str, str]:
    """Return a mapping of skill slug to category slug."""
    skills = as_list(tax.get("skills"), "taxonomy: 'skills' must be a list", chk)
    if skills is None:
        return {}
    skill_category: dict[str, str] = {}
    names: dict[str, str] = {}  # normalised name -> slug
    names_ko: dict[str, str] = {}  # normalised Korean name -> slug
    alias_owner: dict[str, str] = {}  # normalised alias -> slug
    with_ko = 0
    for i, item in enumerate(skills):
        where = f"skill #{i}"
        if not chk.require(isinstance(item, dict), f"{where}: must be an object"):
            continue
        slug = item.get("slug")
        if not chk.require(
            isinstance(slug, str) and bool(SLUG_RE.match(slug)), f"{where}: bad slug"
        ):
            continue
        where = f"skill {slug!r}"
        chk.require(slug not in skill_category, f"{where}: duplicate slug")
        category = item.get("category")
        chk.require(category in categories, f"{where}: unknown category {category!r}")
        skill_category[slug] = str(category)

        name = item.get("name")
        if chk.require(is_nonempty_str(name), f"{where}: missing name"):
            key = normalise_label(str(name))
            other = names.get(key)
            chk.require(other is None, f"{where}: name {name!r} already used by {other!r}")
            names[key] = slug
        chk.require(item.get("kind") in SKILL_KINDS, f"{where}: bad kind {item.get('kind')!r}")
        chk.require(is_nonempty_str(item.get("description")), f"{where}: missing description")

        name_ko = item.get("name_ko", "")
        if chk.require(isinstance(name_ko, str), f"{where}: name_ko must be a string") and name_ko:
            with_ko += 1
            key = normalise_label(name_ko)
            other = names_ko.get(key)
            chk.require(other is None, f"{where}: name_ko {name_ko!r} already used by {other!r}")
            names_ko[key] = slug
        for field in ("slug", "name", "name_ko", "description", "esco_uri", "onet_example"):
            value = item.get(field, "")
            chk.require(
                len(str(value)) <= MAX_LEN[field], f"{where}: {field} longer than {MAX_LEN[field]}"
            )
        chk.require(
            len(str(item.get("ncs_code", ""))) <= MAX_LEN["ncs_code"], f"{where}: ncs_code too long"
        )

        aliases = item.get("aliases", [])
        if chk.require(
            isinstance(aliases, list) and len(aliases) <= MAX_ALIASES,
            f"{where}: aliases must be a list of at most {MAX_ALIASES}",
        ):
            for alias in aliases:
                if not chk.require(is_nonempty_str(alias), f"{where}: empty alias"):
                    continue
                chk.require(
                    len(str(alias)) <= MAX_LEN["alias"], f"{where}: alias {alias!r} too long"
                )
                key = normalise_label(str(alias))
                owner = alias_owner.get(key)
                chk.require(owner is None, f"{where}: alias {alias!r} already used by {owner!r}")
                alias_owner[key] = slug

        esco = item.get("esco_uri", "")
        chk.require(
            isinstance(esco, str) and (esco == "" or bool(ESCO_URI_RE.match(esco))),
            f"{where}: esco_uri must be empty or an ESCO skill URI",
        )
        chk.require(isinstance(item.get("onet_example", ""), str), f"{where}: bad onet_example")
        ncs = item.get("ncs_code", "")
        chk.require(
            isinstance(ncs, str) and (ncs == "" or bool(NCS_RE.match(ncs))),
            f"{where}: ncs_code {ncs!r} must look like '19' or '19-03-06'",
        )

    # An alias must never equal another skill's name or Korean name (both are looked up too).
    for key, owner in sorted(alias_owner.items()):
        named = names.get(key)
        if named is not None:
            chk.fail(f"skill {owner!r}: alias {key!r} equals the name of skill {named!r}")
        named_ko = names_ko.get(key)
        if named_ko is not None and named_ko != owner:
            chk.fail(f"skill {owner!r}: alias {key!r} equals the Korean name of {named_ko!r}")

    chk.require(
        len(skill_category) >= MIN_SKILLS,
        f"taxonomy: {len(skill_category)} skills, need at least {MIN_SKILLS}",
    )
    chk.require(
        with_ko >= MIN_SKILLS_WITH_KO,
        f"taxonomy: {with_ko} skills have name_ko, need at least {MIN_SKILLS_WITH_KO}",
    )
    per_category = Counter(skill_category.values())
    for category in sorted(categories):
        count = per_category.get(category, 0)
        chk.require(
            MIN_SKILLS_PER_CATEGORY <= count <= MAX_SKILLS_PER_CATEGORY,
            f"category {category!r}: {count} skills, expected "
            f"{MIN_SKILLS_PER_CATEGORY}-{MAX_SKILLS_PER_CATEGORY}",
        )
    return skill_category


def check_relations(tax: dict[str, Any], skills: set[str], chk: Checker) -> int:
    relations = as_list(tax.get("relations"), "taxonomy: 'relations' must be a list", chk)
    if relations is None:
        return 0
    seen: set[tuple[str, str, str]] = set()
    credit: dict[tuple[str, str, str], float] = {}
    for i, item in enumerate(relations):
        where = f"relation #{i}"
        if not chk.require(isinstance(item, dict), f"{where}: must be an object"):
            continue
        src, dst, kind = item.get("skill"), item.get("related_skill"), item.get("kind")
        where = f"relation #{i} ({src} -> {dst}, {kind})"
        ok = chk.require(src in skills, f"{where}: unknown skill {src!r}")
        ok = chk.require(dst in skills, f"{where}: unknown related_skill {dst!r}") and ok
        ok = chk.require(kind in RELATION_KINDS, f"{where}: bad kind") and ok
        chk.require(src != dst, f"{where}: self relation")
        value = item.get("credit")
        valid_credit = (
            isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1
        )
        chk.require(valid_credit, f"{where}: credit must be in (0, 1]")
        if valid_credit and kind in CREDIT_RANGES:
            low, high = CREDIT_RANGES[str(kind)]
            chk.require(
                low <= value <= high, f"{where}: {kind} credit {value} outside [{low}, {high}]"
            )
        if not ok:
            continue
        triple = (str(src), str(dst), str(kind))
        chk.require(triple not in seen, f"{where}: duplicate relation")
        seen.add(triple)
        if valid_credit:
            credit[triple] = float(value)

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
    chk.require(
        len(seen) >= MIN_RELATIONS,
        f"taxonomy: {len(seen)} relations, need at least {MIN_RELATIONS}",
    )
    return len(seen)


def check_requirements(
    where: str,
    value: object,
    label: str,
    bounds: tuple[int, int],
    skills: set[str],
    chk: Checker,
) -> list[str]:
    low, high = bounds
    if not isinstance(value, list) or not low <= len(value) <= high:
        chk.fail(f"{where}: {label} must list {low}-{high} skills")
        return []
    slugs: list[str] = []
    for entry in value:
        if not chk.require(isinstance(entry, dict), f"{where}: {label} entries must be objects"):
            continue
        skill, level = entry.get("skill"), entry.get("level")
        chk.require(skill in skills, f"{where}: {label} skill {skill!r} not in taxonomy")
        chk.require(
            isinstance(level, int) and not isinstance(level, bool) and 1 <= level <= 5,
            f"{where}: {label} skill {skill!r} level must be an integer 1-5",
        )
        slugs.append(str(skill))
    return slugs


def check_occupations(occ: dict[str, Any], skill_category: dict[str, str], chk: Checker) -> None:
    chk.require(is_nonempty_str(occ.get("about")), "occupations: missing 'about'")
    items = as_list(occ.get("occupations"), "occupations: 'occupations' must be a list", chk)
    if items is None:
        return
    skills = set(skill_category)
    slugs: set[str] = set()
    related_refs: list[tuple[str, object]] = []
    per_industry: Counter[str] = Counter()
    data_ai_roles = 0
    technician_roles = 0
    for i, item in enumerate(items):
        where = f"occupation #{i}"
        if not chk.require(isinstance(item, dict), f"{where}: must be an object"):
            continue
        slug = item.get("slug")
        if not chk.require(
            isinstance(slug, str) and bool(SLUG_RE.match(slug)), f"{where}: bad slug"
        ):
            continue
        where = f"occupation {slug!r}"
        chk.require(slug not in slugs, f"{where}: duplicate slug")
        slugs.add(slug)
        chk.require(is_nonempty_str(item.get("title")), f"{where}: missing title")
        chk.require(
            is_nonempty_str(item.get("title_ko")) and bool(HANGUL_RE.search(item["title_ko"])),
            f"{where}: title_ko must be a Korean title",
        )
        chk.require(
            item.get("isco08") in ISCO08_UNIT_GROUPS,
            f"{where}: isco08 {item.get('isco08')!r} is not a known ISCO-08 unit group",
        )
        industry = item.get("industry")
        if chk.require(industry in INDUSTRIES, f"{where}: bad industry {industry!r}"):
            per_industry[str(industry)] += 1
        education = item.get("min_education")
        chk.require(education in EDUCATION_LEVELS, f"{where}: bad min_education {education!r}")
        e7 = item.get("e7_code")
        chk.require(
            isinstance(e7, str) and (e7 == "" or bool(E7_RE.match(e7))),
            f"{where}: e7_code must be '' or a KSCO-style code",
        )
        if education in TECHNICIAN_LEVELS:
            technician_roles += 1
            chk.require(e7 == "", f"{where}: technician-level roles must have e7_code ''")

        fields = item.get("fields")
        if chk.require(
            isinstance(fields, list) and bool(fields), f"{where}: fields must be a non-empty list"
        ):
            for field in fields:
                chk.require(field in ISCED_FIELDS, f"{where}: field {field!r} not allowed")
            chk.require(len(set(fields)) == len(fields), f"{where}: duplicate field codes")

        salary = item.get("typical_salary_krw")
        chk.require(
            isinstance(salary, list)
            and len(salary) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in salary)
            and SALARY_MIN_KRW <= salary[0] <= salary[1] <= SALARY_MAX_KRW,
            f"{where}: typical_salary_krw must be [min, max] KRW within "
            f"{SALARY_MIN_KRW:,}-{SALARY_MAX_KRW:,}",
        )

        essential = check_requirements(
            where, item.get("essential"), "essential", (5, 10), skills, chk
        )
        optional = check_requirements(where, item.get("optional"), "optional", (2, 6), skills, chk)
        listed = essential + optional
        duplicates = sorted(s for s, n in Counter(listed).items() if n > 1)
        chk.require(not duplicates, f"{where}: skills listed twice: {duplicates}")
        in_data_ai = sum(1 for s in essential if skill_category.get(s) == "data-ai")
        if industry == "software" and in_data_ai >= 2:
            data_ai_roles += 1

        related = item.get("related")
        if chk.require(
            isinstance(related, list) and 1 <= len(related) <= 4,
            f"{where}: related must list 1-4 occupations",
        ):
            chk.require(len(set(related)) == len(related), f"{where}: duplicate related entries")
            for ref in related:
                related_refs.append((slug, ref))

    for slug, ref in related_refs:
        chk.require(ref in slugs, f"occupation {slug!r}: related {ref!r} does not exist")
        chk.require(ref != slug, f"occupation {slug!r}: related to itself")
    chk.require(
        MIN_OCCUPATIONS <= len(slugs) <= MAX_OCCUPATIONS,
        f"occupations: {len(slugs)} occupations, expected {MIN_OCCUPATIONS}-{MAX_OCCUPATIONS}",
    )
    for industry in sorted(CORE_INDUSTRIES):
        chk.require(
            per_industry[industry] >= MIN_PER_INDUSTRY,
            f"occupations: industry {industry!r} has {per_industry[industry]} occupations, "
            f"need at least {MIN_PER_INDUSTRY}",
        )
    chk.require(
        data_ai_roles >= MIN_DATA_AI_ROLES,
        f"occupations: {data_ai_roles} data/AI roles under software, need {MIN_DATA_AI_ROLES}",
    )
    chk.require(
        technician_roles >= MIN_TECHNICIAN_ROLES,
        f"occupations: {technician_roles} technician-level roles, need {MIN_TECHNICIAN_ROLES}",
    )


def check_about(tax: dict[str, Any], chk: Checker) -> None:
    about = tax.get("about", "")
    if not chk.require(is_nonempty_str(about), "taxonomy: missing 'about'"):
        return
    for phrase in (
        "This service uses the ESCO classification of the European Commission",
        "O*NET 29.2",
        "CC BY 4.0",
        "NCS",
    ):
        chk.require(phrase in about, f"taxonomy: 'about' must mention {phrase!r}")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    chk = Checker()
    tax = load_json(args.data_dir / "taxonomy.json", chk)
    occ = load_json(args.data_dir / "occupations.json", chk)
    if chk.errors:
        print("\n".join(chk.errors), file=sys.stderr)
        return 1

    check_about(tax, chk)
    categories = check_categories(tax, chk)
    skill_category = check_skills(tax, categories, chk)
    relation_count = check_relations(tax, set(skill_category), chk)
    check_occupations(occ, skill_category, chk)

    if chk.errors:
        print(f"FAILED: {len(chk.errors)} problem(s)", file=sys.stderr)
        for error in chk.errors:
            print(f"  - {error}", file=sys.stderr)
        return 1
    print(summarise(tax, occ, relation_count))
    print("OK: taxonomy.json and occupations.json pass all checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
