"""The target occupations behind the synthetic instances, read from skills/data.

Occupations (skills/data/occupations.json) with their skill profiles, the taxonomy's skill ids
and relations (skills/data/taxonomy.json), and the sampling tables matching.synthetic draws
from. Skill ids are 1-based positions in taxonomy.json's list.
"""

import json
import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

import numpy as np

from core.choices import EducationLevel
from matching.facts import SkillRelationFacts

DATA_DIR = Path(__file__).resolve().parents[1] / "skills" / "data"
ZIPF_EXPONENT = 1.0
GENERIC_SKILLS = (
    "korean-workplace", "business-korean", "technical-korean-reading", "english-professional",
    "teamwork", "problem-solving", "technical-documentation", "microsoft-excel",
    "project-management", "cross-cultural-communication", "korean-workplace-culture",
    "technical-presentation",
)  # fmt: skip
NATIVE_LANGUAGES = (
    "vietnamese", "indonesian", "filipino", "thai", "malay", "burmese", "khmer", "lao",
)  # fmt: skip


@dataclass(frozen=True)
class Occupation:
    slug: str
    isco08: str
    industry: str
    education_rank: int
    fields: tuple[str, ...]
    salary: tuple[int, int]
    essential: tuple[tuple[int, int], ...]  # (skill id, level)
    optional: tuple[tuple[int, int], ...]
    related: tuple[str, ...]
    title: str = ""


class Catalogue:
    """Occupations, skills and sampling tables read from the two JSON files."""

    def __init__(self) -> None:
        taxonomy = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))
        raw = json.loads((DATA_DIR / "occupations.json").read_text(encoding="utf-8"))
        self.skill_id = {s["slug"]: n for n, s in enumerate(taxonomy["skills"], start=1)}
        self.skill_names = {n: s["name"] for n, s in enumerate(taxonomy["skills"], start=1)}
        sid = self.skill_id
        self.relations = [
            SkillRelationFacts(sid[r["skill"]], sid[r["related_skill"]], float(r["credit"]))
            for r in taxonomy["relations"]
        ]
        # Skills that earn credit towards a skill: what a graduate may have instead of it.
        self.stand_ins: dict[int, list[int]] = {}
        for r in self.relations:
            self.stand_ins.setdefault(r.related_skill_id, []).append(r.skill_id)
        self.occupations = [
            Occupation(
                slug=o["slug"],
                isco08=o["isco08"],
                industry=o["industry"],
                education_rank=EducationLevel.rank(o["min_education"]),
                fields=tuple(o["fields"]),
                salary=(int(o["typical_salary_krw"][0]), int(o["typical_salary_krw"][1])),
                essential=tuple((sid[s["skill"]], int(s["level"])) for s in o["essential"]),
                optional=tuple((sid[s["skill"]], int(s["level"])) for s in o["optional"]),
                related=tuple(o["related"]),
                title=o["title"],
            )
            for o in raw["occupations"]
        ]
        popularity = [1] * len(self.skill_id)
        for occ in self.occupations:
            for s, _ in occ.essential + occ.optional:
                popularity[s - 1] += 4
        self.popular_cum = list(accumulate(popularity))
        self.generic = [sid[s] for s in GENERIC_SKILLS]
        self.native = [sid[s] for s in NATIVE_LANGUAGES]
        self.korean = {s: sid[s] for s in ("korean-basic", "korean-workplace", "business-korean")}
        self.english = sid["english-professional"]

    def zipf_weights(self, rng: random.Random) -> np.ndarray:
        """Occupation shares: Zipf over a seeded shuffle, so a few occupations dominate."""
        order = list(range(len(self.occupations)))
        rng.shuffle(order)
        weights = np.empty(len(order))
        weights[order] = 1.0 / np.arange(1, len(order) + 1) ** ZIPF_EXPONENT
        return np.asarray(weights / weights.sum())


@cache
def catalogue() -> Catalogue:
    """The catalogue, read once per process."""
    return Catalogue()
