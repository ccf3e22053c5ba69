from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from modeltranslation.utils import build_localized_fieldname

from skills.models import Skill, SkillAlias, normalise_skill_label


def skill_name_q(lookup: str, text: str, *, path: str = "") -> Q:
    """A skill's name in any of the site's languages matches: `skill_name_q("icontains", "etch",
    path="skill__")` for a search from a model that points at skills (what a reader types may be
    the English name, the Korean one or their own language's)."""
    query = Q()
    for language, _name in settings.LANGUAGES:
        column = build_localized_fieldname("name", language)
        query |= Q(**{f"{path}{column}__{lookup}": text})
    return query


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
