from collections.abc import Iterable

from django.db.models import Q, QuerySet

from skills.models import Skill, SkillAlias, normalise_skill_label


def skill_for_label(*, label: str) -> Skill | None:
    """The one skill a free-text label names, by its name, Korean name or an alias; else None."""
    key = normalise_skill_label(label)
    if not key:
        return None
    skill = Skill.objects.filter(Q(name__iexact=label.strip()) | Q(name_ko=label.strip())).first()
    if skill is not None:
        return skill
    alias = SkillAlias.objects.select_related("skill").filter(normalised=key).first()
    return alias.skill if alias else None


def skill_search(*, text: str, limit: int = 10) -> QuerySet[Skill]:
    """Skills whose name, Korean name or an alias contains the text (for autocomplete)."""
    text = text.strip()
    return (
        Skill.objects.filter(
            Q(name__icontains=text) | Q(name_ko__icontains=text) | Q(aliases__alias__icontains=text)
        )
        .select_related("category")
        .distinct()
        .order_by("name")[:limit]
    )


def unknown_skill_ids(*, ids: Iterable[int]) -> list[int]:
    """The ids, ascending, that name no skill (for services to refuse them with a message)."""
    wanted = set(ids)
    known = set(Skill.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return sorted(wanted - known)
