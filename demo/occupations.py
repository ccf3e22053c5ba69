"""The target occupations (skills/data/occupations.json) demo postings and graduates come from."""

import json
from dataclasses import dataclass
from pathlib import Path

OCCUPATIONS_PATH = Path(__file__).resolve().parents[1] / "skills" / "data" / "occupations.json"

# Words kept as written when a title is put in title case.
_SMALL_WORDS = {"and", "or", "of", "the", "for", "in", "to", "a", "an"}


@dataclass(frozen=True)
class SkillNeed:
    skill: str
    level: int


@dataclass(frozen=True)
class Occupation:
    slug: str
    title: str
    title_ko: str
    isco08: str
    e7_code: str
    industry: str
    min_education: str
    fields: tuple[str, ...]
    salary_min: int
    salary_max: int
    essential: tuple[SkillNeed, ...]
    optional: tuple[SkillNeed, ...]
    related: tuple[str, ...]

    @property
    def display_title(self) -> str:
        """The title as a job board shows it: "Semiconductor Process Engineer"."""
        return title_case(self.title)

    @property
    def is_technician(self) -> bool:
        """ISCO-08 major groups 3 (technicians), 7 (craft) and 8 (operators)."""
        return self.isco08[:1] in {"3", "7", "8"}

    @property
    def is_software(self) -> bool:
        return self.industry == "software" or self.isco08[:2] == "25"


def title_case(text: str) -> str:
    words = []
    for position, word in enumerate(text.split(" ")):
        if any(c.isupper() for c in word) or (position and word in _SMALL_WORDS):
            words.append(word)
        elif word.startswith("("):
            words.append("(" + word[1:2].upper() + word[2:])
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def occupation_list(*, path: Path = OCCUPATIONS_PATH) -> tuple[Occupation, ...]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Occupation(
            slug=row["slug"],
            title=row["title"],
            title_ko=row.get("title_ko", ""),
            isco08=row.get("isco08", ""),
            e7_code=row.get("e7_code", ""),
            industry=row["industry"],
            min_education=row.get("min_education", ""),
            fields=tuple(row.get("fields", [])),
            salary_min=row["typical_salary_krw"][0],
            salary_max=row["typical_salary_krw"][1],
            essential=tuple(SkillNeed(n["skill"], n["level"]) for n in row["essential"]),
            optional=tuple(SkillNeed(n["skill"], n["level"]) for n in row.get("optional", [])),
            related=tuple(row.get("related", [])),
        )
        for row in document["occupations"]
    )
