"""The taxonomy rows demo data refers to, looked up once: skills by slug, fields by ISCED code."""

from dataclasses import dataclass

from profiles.models import FieldOfStudy
from skills.models import Skill


@dataclass(frozen=True)
class Vocabulary:
    skill_ids: dict[str, int]
    skill_names: dict[str, str]
    skill_kinds: dict[str, str]
    field_ids: dict[str, int]
    field_names: dict[str, str]

    def skill_list(self, slugs: list[str]) -> str:
        """Skill names as prose: "A, B and C"."""
        names = [self.skill_names[slug] for slug in slugs]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def vocabulary_load() -> Vocabulary:
    skills = list(Skill.objects.order_by("slug").values_list("slug", "pk", "name", "kind"))
    fields = list(FieldOfStudy.objects.values_list("code", "pk", "name"))
    return Vocabulary(
        skill_ids={slug: pk for slug, pk, _, _ in skills},
        skill_names={slug: name for slug, _, name, _ in skills},
        skill_kinds={slug: kind for slug, _, _, kind in skills},
        field_ids={code: pk for code, pk, _ in fields},
        field_names={code: name for code, _, name in fields},
    )
