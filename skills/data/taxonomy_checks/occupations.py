"""Occupations: one entry per role (codes, education, pay, skills, related roles), then the
links between roles and the counts the catalogue must reach."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any

from .checker import Checker, as_list
from .fields import HANGUL_RE, SLUG_RE, is_nonempty_str


def _codes(text: str) -> frozenset[str]:
    """Turn a space-separated list of codes into a frozen set."""
    return frozenset(text.split())


MIN_OCCUPATIONS = 40
MAX_OCCUPATIONS = 60
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
E7_RE = re.compile(r"^S?\d{3,4}$")
# (fewest, most) skills an occupation lists as essential, and as optional.
ESSENTIAL_SKILLS = (5, 10)
OPTIONAL_SKILLS = (2, 6)


@dataclass
class OccupationTally:
    """What the checks collect from role to role, for the checks over the whole catalogue."""

    slugs: set[str] = field(default_factory=set)
    # (occupation slug, the entry it names as related), checked once every slug is known.
    related_refs: list[tuple[str, object]] = field(default_factory=list)
    per_industry: Counter[str] = field(default_factory=Counter)
    data_ai_roles: int = 0
    technician_roles: int = 0


def check_occupations(occ: dict[str, Any], skill_category: dict[str, str], chk: Checker) -> None:
    chk.require(is_nonempty_str(occ.get("about")), "occupations: missing 'about'")
    items = as_list(occ.get("occupations"), "occupations: 'occupations' must be a list", chk)
    if items is None:
        return
    tally = OccupationTally()
    for i, item in enumerate(items):
        _check_occupation(i, item, skill_category, tally, chk)
    _check_related_exist(tally, chk)
    _check_catalogue_counts(tally, chk)


def check_requirements(
    where: str,
    value: object,
    label: str,
    bounds: tuple[int, int],
    skills: Set[str],
    chk: Checker,
) -> list[str]:
    """Check one list of required skills (each a skill and a level 1-5); return the skills."""
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


def _check_occupation(
    i: int, item: object, skill_category: dict[str, str], tally: OccupationTally, chk: Checker
) -> None:
    where = f"occupation #{i}"
    if not isinstance(item, dict):
        chk.fail(f"{where}: must be an object")
        return
    slug = item.get("slug")
    if not (isinstance(slug, str) and SLUG_RE.match(slug)):
        chk.fail(f"{where}: bad slug")
        return
    where = f"occupation {slug!r}"
    chk.require(slug not in tally.slugs, f"{where}: duplicate slug")
    tally.slugs.add(slug)
    _check_titles(where, item, chk)
    chk.require(
        item.get("isco08") in ISCO08_UNIT_GROUPS,
        f"{where}: isco08 {item.get('isco08')!r} is not a known ISCO-08 unit group",
    )
    industry = item.get("industry")
    if chk.require(industry in INDUSTRIES, f"{where}: bad industry {industry!r}"):
        tally.per_industry[str(industry)] += 1
    _check_education(where, item, tally, chk)
    _check_fields(where, item.get("fields"), chk)
    _check_salary(where, item.get("typical_salary_krw"), chk)
    essential = _check_skill_lists(where, item, skill_category.keys(), chk)
    if _is_data_ai_role(industry, essential, skill_category):
        tally.data_ai_roles += 1
    _check_related(where, slug, item.get("related"), tally, chk)


def _check_titles(where: str, item: dict[str, Any], chk: Checker) -> None:
    chk.require(is_nonempty_str(item.get("title")), f"{where}: missing title")
    chk.require(
        is_nonempty_str(item.get("title_ko")) and bool(HANGUL_RE.search(item["title_ko"])),
        f"{where}: title_ko must be a Korean title",
    )


def _check_education(
    where: str, item: dict[str, Any], tally: OccupationTally, chk: Checker
) -> None:
    """The minimum education, and the E-7 code whose allowed value depends on it."""
    education = item.get("min_education")
    chk.require(education in EDUCATION_LEVELS, f"{where}: bad min_education {education!r}")
    e7 = item.get("e7_code")
    chk.require(
        isinstance(e7, str) and (e7 == "" or bool(E7_RE.match(e7))),
        f"{where}: e7_code must be '' or a KSCO-style code",
    )
    if education in TECHNICIAN_LEVELS:
        tally.technician_roles += 1
        chk.require(e7 == "", f"{where}: technician-level roles must have e7_code ''")


def _check_fields(where: str, fields: object, chk: Checker) -> None:
    """The ISCED-F fields of study the role recruits from."""
    if not (isinstance(fields, list) and bool(fields)):
        chk.fail(f"{where}: fields must be a non-empty list")
        return
    for code in fields:
        chk.require(code in ISCED_FIELDS, f"{where}: field {code!r} not allowed")
    chk.require(len(set(fields)) == len(fields), f"{where}: duplicate field codes")


def _check_salary(where: str, salary: object, chk: Checker) -> None:
    chk.require(
        isinstance(salary, list)
        and len(salary) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in salary)
        and SALARY_MIN_KRW <= salary[0] <= salary[1] <= SALARY_MAX_KRW,
        f"{where}: typical_salary_krw must be [min, max] KRW within "
        f"{SALARY_MIN_KRW:,}-{SALARY_MAX_KRW:,}",
    )


def _check_skill_lists(
    where: str, item: dict[str, Any], skills: Set[str], chk: Checker
) -> list[str]:
    """Check the essential and optional skills, neither listing a skill twice; return the
    essential ones."""
    essential = check_requirements(
        where, item.get("essential"), "essential", ESSENTIAL_SKILLS, skills, chk
    )
    optional = check_requirements(
        where, item.get("optional"), "optional", OPTIONAL_SKILLS, skills, chk
    )
    duplicates = sorted(s for s, n in Counter(essential + optional).items() if n > 1)
    chk.require(not duplicates, f"{where}: skills listed twice: {duplicates}")
    return essential


def _is_data_ai_role(
    industry: object, essential: list[str], skill_category: Mapping[str, str]
) -> bool:
    """A software role with at least two essential skills from the data-ai category."""
    in_data_ai = sum(1 for s in essential if skill_category.get(s) == "data-ai")
    return industry == "software" and in_data_ai >= 2


def _check_related(
    where: str, slug: str, related: object, tally: OccupationTally, chk: Checker
) -> None:
    if not (isinstance(related, list) and 1 <= len(related) <= 4):
        chk.fail(f"{where}: related must list 1-4 occupations")
        return
    chk.require(len(set(related)) == len(related), f"{where}: duplicate related entries")
    tally.related_refs.extend((slug, ref) for ref in related)


def _check_related_exist(tally: OccupationTally, chk: Checker) -> None:
    for slug, ref in tally.related_refs:
        chk.require(ref in tally.slugs, f"occupation {slug!r}: related {ref!r} does not exist")
        chk.require(ref != slug, f"occupation {slug!r}: related to itself")


def _check_catalogue_counts(tally: OccupationTally, chk: Checker) -> None:
    chk.require(
        MIN_OCCUPATIONS <= len(tally.slugs) <= MAX_OCCUPATIONS,
        f"occupations: {len(tally.slugs)} occupations, "
        f"expected {MIN_OCCUPATIONS}-{MAX_OCCUPATIONS}",
    )
    for industry in sorted(CORE_INDUSTRIES):
        count = tally.per_industry[industry]
        chk.require(
            count >= MIN_PER_INDUSTRY,
            f"occupations: industry {industry!r} has {count} occupations, "
            f"need at least {MIN_PER_INDUSTRY}",
        )
    chk.require(
        tally.data_ai_roles >= MIN_DATA_AI_ROLES,
        f"occupations: {tally.data_ai_roles} data/AI roles under software, "
        f"need {MIN_DATA_AI_ROLES}",
    )
    chk.require(
        tally.technician_roles >= MIN_TECHNICIAN_ROLES,
        f"occupations: {tally.technician_roles} technician-level roles, "
        f"need {MIN_TECHNICIAN_ROLES}",
    )
