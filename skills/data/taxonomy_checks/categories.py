"""Skill categories: each a slug with English and Korean names, and the sectors that must exist."""

from __future__ import annotations

from typing import Any

from .checker import Checker, as_list
from .fields import HANGUL_RE, MAX_LEN, SLUG_RE, is_nonempty_str

MIN_CATEGORIES = 14
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


def check_categories(tax: dict[str, Any], chk: Checker) -> set[str]:
    """Return the slugs of the categories that have a valid slug."""
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
        _check_category_names(where, item, chk)
        chk.require(is_nonempty_str(item.get("description")), f"{where}: missing description")
    chk.require(
        len(slugs) >= MIN_CATEGORIES,
        f"taxonomy: {len(slugs)} categories, need at least {MIN_CATEGORIES}",
    )
    for missing in sorted(REQUIRED_CATEGORIES - slugs):
        chk.fail(f"taxonomy: required category {missing!r} is missing")
    return slugs


def _check_category_names(where: str, item: dict[str, Any], chk: Checker) -> None:
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
