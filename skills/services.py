"""Writes to the skill taxonomy."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from core.translations import localized_values
from core.versions import version_token_renew
from skills.models import Skill, SkillAlias, SkillCategory, SkillRelation, normalise_skill_label
from skills.selectors import TAXONOMY_VERSION_KEY, taxonomy_snapshot_clear

TAXONOMY_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.json"
# The names in other languages, beside the curated taxonomy (drafts to be reviewed).
NAMES_PATH = Path(__file__).resolve().parent / "data" / "names.json"


@dataclass(frozen=True)
class TaxonomyLoadResult:
    categories: int
    skills: int
    aliases: int
    relations: int


@transaction.atomic
def taxonomy_load(*, path: Path = TAXONOMY_PATH) -> TaxonomyLoadResult:
    """Create or update the curated taxonomy from its JSON file; idempotent.

    Rows are matched on slugs (categories, skills) and on the normalised alias or the
    (skill, related skill, kind) triple, so a second run changes nothing. Rows an administrator
    added in the admin are left alone.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    names = json.loads(NAMES_PATH.read_text(encoding="utf-8")) if NAMES_PATH.exists() else {}
    category_names, skill_names = names.get("categories", {}), names.get("skills", {})
    categories = {}
    for order, row in enumerate(document["categories"]):
        categories[row["slug"]], _ = SkillCategory.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                **localized_values("name", category_names.get(row["slug"], {})),
                "name_ko": row["name_ko"] or category_names.get(row["slug"], {}).get("ko"),
                "description": row.get("description", ""),
                "sort_order": order,
            },
        )
    skills: dict[str, Skill] = {}
    for row in document["skills"]:
        skills[row["slug"]], _ = Skill.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                **localized_values("name", skill_names.get(row["slug"], {})),
                "name_ko": row.get("name_ko") or skill_names.get(row["slug"], {}).get("ko"),
                "category": categories[row["category"]],
                "kind": row["kind"],
                "description": row.get("description", ""),
                "esco_uri": row.get("esco_uri", ""),
                "onet_example": row.get("onet_example", ""),
                "ncs_code": row.get("ncs_code", ""),
            },
        )
    aliases = 0
    for row in document["skills"]:
        for alias in row.get("aliases", []):
            SkillAlias.objects.update_or_create(
                normalised=normalise_skill_label(alias),
                defaults={"alias": alias, "skill": skills[row["slug"]]},
            )
            aliases += 1
    for row in document["relations"]:
        SkillRelation.objects.update_or_create(
            skill=skills[row["skill"]],
            related_skill=skills[row["related_skill"]],
            kind=row["kind"],
            defaults={"credit": row["credit"]},
        )
    return TaxonomyLoadResult(
        categories=len(categories),
        skills=len(skills),
        aliases=aliases,
        relations=len(document["relations"]),
    )


def taxonomy_changed(**_signal: object) -> None:
    """The taxonomy changed: every process reads it again on its next explanation (a new version
    token in the shared cache, now and once more after commit, so no process keeps what it read
    before the commit). Connected to saves and deletes of skills, aliases and relations
    (apps.py): the admin, the loader and the factories all write through them."""

    def new_version() -> None:
        version_token_renew(TAXONOMY_VERSION_KEY)
        taxonomy_snapshot_clear()

    new_version()
    transaction.on_commit(new_version)
