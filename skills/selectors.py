import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import get_language, override
from modeltranslation.utils import build_localized_fieldname

from core.fragments import kept_values
from core.versions import version_token
from skills.models import Skill, SkillAlias, SkillRelation, normalise_skill_label


def skill_name_q(lookup: str, text: str, *, path: str = "") -> Q:
    """A skill's name in any of the site's languages matches: `skill_name_q("icontains", "etch",
    path="skill__")` for a search from a model that points at skills (what a reader types may be
    the English name, the Korean one or their own language's)."""
    query = Q()
    for language, _name in settings.LANGUAGES:
        column = build_localized_fieldname("name", language)
        query |= Q(**{f"{path}{column}__{lookup}": text})
    return query


# A search's skills are looked up on every search page; the same few words come back again and
# again, and the answer changes only with the taxonomy (skills and aliases announce their edits).
SKILLS_NAMED_KEPT_SECONDS = 3600


def skill_ids_named(*, text: str) -> list[int]:
    """The ids of the skills whose name in any language, or an alias, contains `text`
    (case-insensitive), kept in the shared cache under the taxonomy's version token: a search
    text's skills are looked up once per taxonomy, not on every search page."""
    token = version_token(TAXONOMY_VERSION_KEY)
    key = None if token is None else f"skills-named:{token}:{text.casefold()}"

    def look_up(_missing: list[int]) -> list[list[int]]:
        found = Skill.objects.filter(
            skill_name_q("icontains", text) | Q(aliases__alias__icontains=text)
        )
        return [sorted(set(found.values_list("pk", flat=True)))]

    return kept_values([key], look_up, seconds=SKILLS_NAMED_KEPT_SECONDS)[0]


def skill_for_label(*, label: str) -> Skill | None:
    """The one skill a free-text label names, by its name in any of the site's languages, or an
    alias; else None."""
    key = normalise_skill_label(label)
    if not key:
        return None
    skill = Skill.objects.filter(skill_name_q("iexact", label.strip())).order_by("pk").first()
    if skill is not None:
        return skill
    alias = SkillAlias.objects.select_related("skill").filter(normalised=key).first()
    return alias.skill if alias else None


def skill_search(*, text: str, limit: int = 10) -> QuerySet[Skill]:
    """Skills whose name (in any of the site's languages) or an alias contains the
    text (for autocomplete), best matches first: the name itself, a name that starts with the
    text, a word of the name that does, a Korean name or an alias that does, then any other
    match; by English name within each."""
    text = text.strip()
    aliases = SkillAlias.objects.filter(skill=OuterRef("pk"))
    return (
        Skill.objects.filter(
            skill_name_q("icontains", text) | Exists(aliases.filter(alias__icontains=text))
        )
        .annotate(
            match_rank=Case(
                When(skill_name_q("iexact", text), then=Value(0)),
                When(skill_name_q("istartswith", text), then=Value(1)),
                When(name_en__icontains=f" {text}", then=Value(2)),
                When(name_en__icontains=f"({text}", then=Value(2)),
                When(name_ko__startswith=text, then=Value(3)),
                When(Exists(aliases.filter(alias__istartswith=text)), then=Value(3)),
                default=Value(4),
            )
        )
        .select_related("category")
        .order_by("match_rank", "name_en")[:limit]
    )


def unknown_skill_ids(*, ids: Iterable[int]) -> list[int]:
    """The ids, ascending, that name no skill (for services to refuse them with a message)."""
    wanted = set(ids)
    known = set(Skill.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return sorted(wanted - known)


# --- the taxonomy kept per process ---------------------------------------------------------
# Every match explanation needs the skill relations and the skills' names; they change only
# when an administrator edits the taxonomy. Each process keeps one snapshot while the version
# token in the shared cache stays the same (skills.services.taxonomy_changed sets a new one).

TAXONOMY_VERSION_KEY = "skills:taxonomy:version"


@dataclass
class TaxonomySnapshot:
    """The relations (skill id -> [(related skill id, credit)]), each skill's id by slug, and
    the names in each language as first asked for (one query per language)."""

    token: str | None
    relations: dict[int, list[tuple[int, float]]]
    ids_by_slug: dict[str, int]
    _names: dict[str, dict[int, str]] = field(default_factory=dict)

    def names(self) -> dict[int, str]:
        """Every skill's name in the active language (modeltranslation's fallback included)."""
        language = get_language() or settings.LANGUAGE_CODE
        found = self._names.get(language)
        if found is None:
            with override(language):
                found = dict(Skill.objects.order_by().values_list("id", "name"))
            self._names[language] = found
        return found


_taxonomy: TaxonomySnapshot | None = None
_taxonomy_lock = threading.Lock()


def taxonomy_snapshot() -> TaxonomySnapshot:
    """The taxonomy as matching reads it, kept in this process until the version token changes
    (two queries when it does). With the shared cache down nothing is kept: every call reads."""
    global _taxonomy
    token = version_token(TAXONOMY_VERSION_KEY)
    with _taxonomy_lock:
        kept = _taxonomy
    if kept is not None and token is not None and kept.token == token:
        return kept
    relations: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for skill_id, related_id, credit in SkillRelation.objects.order_by(
        "skill_id", "kind", "id"
    ).values_list("skill_id", "related_skill_id", "credit"):
        relations[skill_id].append((related_id, credit))
    snapshot = TaxonomySnapshot(
        token=token,
        relations=dict(relations),
        ids_by_slug=dict(Skill.objects.order_by().values_list("slug", "id")),
    )
    if token is not None:
        with _taxonomy_lock:
            _taxonomy = snapshot
    return snapshot


def taxonomy_snapshot_clear() -> None:
    """Forget this process's snapshot (the next call reads the taxonomy again)."""
    global _taxonomy
    with _taxonomy_lock:
        _taxonomy = None
