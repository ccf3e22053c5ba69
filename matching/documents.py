"""Plain-text documents made from matching facts, for the BM25 baseline of the evaluation.

A graduate's document is what a CV says: skill names repeated by level, the names of their
fields of study, their past roles' occupation titles, and words for Korean and English repeated
by level. A posting's document is what an advertisement says: the title, skill names (required
ones twice), and words for what it asks (Korean, English, years of experience, degree, fields).
Words are lower-case runs of letters and digits; a few connecting words are dropped.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.choices import EducationLevel
from matching.facts import GraduateFacts, PostingFacts
from skills.occupation_codes import ISCO08_TITLES

# ISCED-F 2013 detailed fields of study.
FIELD_NAMES = {
    "0511": "Biology",
    "0531": "Chemistry",
    "0533": "Physics",
    "0541": "Mathematics",
    "0542": "Statistics",
    "0612": "Database and network design and administration",
    "0613": "Software and applications development and analysis",
    "0711": "Chemical engineering and processes",
    "0713": "Electricity and energy",
    "0714": "Electronics and automation",
    "0715": "Mechanics and metal trades",
    "0716": "Motor vehicles, ships and aircraft",
    "0722": "Materials (glass, paper, plastic and wood)",
    "0732": "Building and civil engineering",
}
CEFR_WORDS = ("", "a1", "a2", "b1", "b2", "c1", "c2")
DROPPED = frozenset({"and", "of", "the", "for", "in", "with", "to", "not", "elsewhere"})
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in DROPPED]


@dataclass(frozen=True)
class Wording:
    """The names documents are written with: skills by id, posting titles by posting id."""

    skill_names: Mapping[int, str]
    posting_titles: Mapping[int, str]


def graduate_document(g: GraduateFacts, wording: Wording) -> list[str]:
    document: list[str] = []
    for skill_id, level in g.skills.items():
        document += words(wording.skill_names.get(skill_id, "")) * level
    for code in g.fields:
        document += words(FIELD_NAMES.get(code, ""))
    for role in g.experience:
        document += [*words(ISCO08_TITLES.get(role.isco_code, "")), "experience"]
    document += ["korean"] * g.korean + (["topik"] if g.topik else [])
    document += ["kiip"] if g.kiip_stage else []
    document += ["english"] * g.english_cefr + [CEFR_WORDS[g.english_cefr]] * bool(g.english_cefr)
    if g.education_rank >= 0:
        document += [EducationLevel.values[g.education_rank]]
    return document


def posting_document(p: PostingFacts, wording: Wording) -> list[str]:
    document = words(wording.posting_titles.get(p.id, ""))
    for s in p.skills:
        document += words(wording.skill_names.get(s.skill_id, "")) * (2 if s.required else 1)
    document += ["korean"] * p.min_topik + (["topik"] if p.min_topik else [])
    if p.min_english_cefr:
        document += ["english"] * p.min_english_cefr + [CEFR_WORDS[p.min_english_cefr]]
    if p.min_experience_years:
        document += ["experience", "years"]
    if p.min_education_rank >= 0:
        document += [EducationLevel.values[p.min_education_rank]]
    for code in sorted(p.accepted_fields):
        document += words(FIELD_NAMES.get(code, ""))
    return document
