"""Skills: one entry per skill, then the clashes between skills and the counts over all of them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .checker import Checker, as_list
from .fields import MAX_LEN, SLUG_RE, is_nonempty_str, normalise_label

MIN_SKILLS = 340
MIN_SKILLS_WITH_KO = 100
MIN_SKILLS_PER_CATEGORY = 10
MAX_SKILLS_PER_CATEGORY = 40
MAX_ALIASES = 5
SKILL_KINDS = frozenset({"knowledge", "skill", "tool", "language", "certification"})

ESCO_URI_RE = re.compile(
    r"^http://data\.europa\.eu/esco/skill/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
NCS_RE = re.compile(r"^\d{2}(?:-\d{2}){0,3}$")

# Text fields whose length the skills app's models limit (see fields.MAX_LEN).
LIMITED_FIELDS = ("slug", "name", "name_ko", "description", "esco_uri", "onet_example")


@dataclass
class SkillIndex:
    """What the checks remember from skill to skill, to find clashes between skills.

    The name, Korean-name and alias maps are keyed by the label in `normalise_label` form and
    hold the slug of the skill that used it last.
    """

    category_of: dict[str, str] = field(default_factory=dict)  # skill slug -> category slug
    names: dict[str, str] = field(default_factory=dict)
    names_ko: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    with_name_ko: int = 0


def check_skills(tax: dict[str, Any], categories: set[str], chk: Checker) -> dict[str, str]:
    """Return a mapping of skill slug to category slug."""
    skills = as_list(tax.get("skills"), "taxonomy: 'skills' must be a list", chk)
    if skills is None:
        return {}
    index = SkillIndex()
    for i, item in enumerate(skills):
        _check_skill(i, item, categories, index, chk)
    _check_aliases_against_names(index, chk)
    _check_skill_counts(index, categories, chk)
    return index.category_of


def _check_skill(
    i: int, item: object, categories: set[str], index: SkillIndex, chk: Checker
) -> None:
    where = f"skill #{i}"
    if not isinstance(item, dict):
        chk.fail(f"{where}: must be an object")
        return
    slug = item.get("slug")
    if not (isinstance(slug, str) and SLUG_RE.match(slug)):
        chk.fail(f"{where}: bad slug")
        return
    where = f"skill {slug!r}"
    chk.require(slug not in index.category_of, f"{where}: duplicate slug")
    category = item.get("category")
    chk.require(category in categories, f"{where}: unknown category {category!r}")
    index.category_of[slug] = str(category)

    _check_skill_name(where, slug, item.get("name"), index, chk)
    chk.require(item.get("kind") in SKILL_KINDS, f"{where}: bad kind {item.get('kind')!r}")
    chk.require(is_nonempty_str(item.get("description")), f"{where}: missing description")
    _check_skill_name_ko(where, slug, item.get("name_ko", ""), index, chk)
    _check_skill_lengths(where, item, chk)
    _check_skill_aliases(where, slug, item.get("aliases", []), index, chk)
    _check_skill_references(where, item, chk)


def _check_skill_name(where: str, slug: str, name: object, index: SkillIndex, chk: Checker) -> None:
    if not chk.require(is_nonempty_str(name), f"{where}: missing name"):
        return
    key = normalise_label(str(name))
    other = index.names.get(key)
    chk.require(other is None, f"{where}: name {name!r} already used by {other!r}")
    index.names[key] = slug


def _check_skill_name_ko(
    where: str, slug: str, name_ko: object, index: SkillIndex, chk: Checker
) -> None:
    """The Korean name is optional; an empty one is neither counted nor compared."""
    if not isinstance(name_ko, str):
        chk.fail(f"{where}: name_ko must be a string")
        return
    if not name_ko:
        return
    index.with_name_ko += 1
    key = normalise_label(name_ko)
    other = index.names_ko.get(key)
    chk.require(other is None, f"{where}: name_ko {name_ko!r} already used by {other!r}")
    index.names_ko[key] = slug


def _check_skill_lengths(where: str, item: dict[str, Any], chk: Checker) -> None:
    for name in LIMITED_FIELDS:
        value = item.get(name, "")
        chk.require(
            len(str(value)) <= MAX_LEN[name], f"{where}: {name} longer than {MAX_LEN[name]}"
        )
    chk.require(
        len(str(item.get("ncs_code", ""))) <= MAX_LEN["ncs_code"], f"{where}: ncs_code too long"
    )


def _check_skill_aliases(
    where: str, slug: str, aliases: object, index: SkillIndex, chk: Checker
) -> None:
    if not (isinstance(aliases, list) and len(aliases) <= MAX_ALIASES):
        chk.fail(f"{where}: aliases must be a list of at most {MAX_ALIASES}")
        return
    for alias in aliases:
        if not chk.require(is_nonempty_str(alias), f"{where}: empty alias"):
            continue
        chk.require(len(str(alias)) <= MAX_LEN["alias"], f"{where}: alias {alias!r} too long")
        key = normalise_label(str(alias))
        owner = index.aliases.get(key)
        chk.require(owner is None, f"{where}: alias {alias!r} already used by {owner!r}")
        index.aliases[key] = slug


def _check_skill_references(where: str, item: dict[str, Any], chk: Checker) -> None:
    """The skill's codes in other classifications: ESCO URI, O*NET example, NCS code."""
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


def _check_aliases_against_names(index: SkillIndex, chk: Checker) -> None:
    # An alias must never equal another skill's name or Korean name (both are looked up too).
    for key, owner in sorted(index.aliases.items()):
        named = index.names.get(key)
        if named is not None:
            chk.fail(f"skill {owner!r}: alias {key!r} equals the name of skill {named!r}")
        named_ko = index.names_ko.get(key)
        if named_ko is not None and named_ko != owner:
            chk.fail(f"skill {owner!r}: alias {key!r} equals the Korean name of {named_ko!r}")


def _check_skill_counts(index: SkillIndex, categories: set[str], chk: Checker) -> None:
    chk.require(
        len(index.category_of) >= MIN_SKILLS,
        f"taxonomy: {len(index.category_of)} skills, need at least {MIN_SKILLS}",
    )
    chk.require(
        index.with_name_ko >= MIN_SKILLS_WITH_KO,
        f"taxonomy: {index.with_name_ko} skills have name_ko, need at least {MIN_SKILLS_WITH_KO}",
    )
    per_category = Counter(index.category_of.values())
    for category in sorted(categories):
        count = per_category.get(category, 0)
        chk.require(
            MIN_SKILLS_PER_CATEGORY <= count <= MAX_SKILLS_PER_CATEGORY,
            f"category {category!r}: {count} skills, expected "
            f"{MIN_SKILLS_PER_CATEGORY}-{MAX_SKILLS_PER_CATEGORY}",
        )
