"""A demo graduate's skills: an occupation's profile, perturbed, plus their languages."""

from dataclasses import dataclass
from random import Random

from demo.occupations import Occupation
from demo.vocabulary import Vocabulary

MIN_SKILLS, MAX_SKILLS = 5, 14  # not counting languages
NATIVE_LANGUAGES: dict[str, str] = {
    "VN": "vietnamese",
    "TH": "thai",
    "ID": "indonesian",
    "MY": "malay",
    "BN": "malay",
    "PH": "filipino",
    "MM": "burmese",
    "KH": "khmer",
    "LA": "lao",
}


@dataclass(frozen=True)
class LanguageProfile:
    country: str
    topik: int
    english: float  # 0-1, the ability behind any English test score


def skill_levels(
    *,
    occupation: Occupation,
    related: list[Occupation],
    languages: LanguageProfile,
    years_worked: float,
    vocabulary: Vocabulary,
    rng: Random,
) -> tuple[tuple[str, int], ...]:
    """(skill slug, level 1-5) pairs, strongest first.

    About three quarters of the essential skills survive, each level moved by up to one (up more
    often with work experience); under half of the optional skills join; one to three come from
    related occupations and sometimes one from anywhere in the taxonomy. Languages follow TOPIK,
    English ability and nationality instead of the occupation.
    """
    is_language = {slug for slug, kind in vocabulary.skill_kinds.items() if kind == "language"}
    levels: dict[str, int] = {}
    for need in occupation.essential:
        if need.skill not in is_language and rng.random() < 0.75:
            noise = rng.choice((-1, 0, 0, 1))
            if years_worked >= 2 and rng.random() < 0.5:
                noise += 1
            levels[need.skill] = _clamp(need.level + noise)
    for need in occupation.optional:
        if need.skill not in is_language and rng.random() < 0.45:
            levels[need.skill] = _clamp(need.level + rng.choice((-1, 0)))
    nearby = sorted(
        {need.skill for other in related for need in other.essential} - set(levels) - is_language
    )
    for slug in rng.sample(nearby, min(len(nearby), rng.randint(1, 3))):
        levels[slug] = rng.randint(1, 3)
    if rng.random() < 0.3:
        anywhere = sorted(set(vocabulary.skill_ids) - set(levels) - is_language)
        levels[rng.choice(anywhere)] = rng.randint(1, 2)
    _fit_count(levels=levels, occupation=occupation)
    levels.update(_language_levels(languages=languages, known=vocabulary.skill_ids, rng=rng))
    return tuple(sorted(levels.items(), key=lambda item: (-item[1], item[0])))


def _fit_count(*, levels: dict[str, int], occupation: Occupation) -> None:
    """Top up from the occupation to MIN_SKILLS; trim the weakest down to MAX_SKILLS."""
    spare = [n for n in (*occupation.essential, *occupation.optional) if n.skill not in levels]
    while len(levels) < MIN_SKILLS and spare:
        need = spare.pop(0)
        levels[need.skill] = _clamp(need.level - 1)
    while len(levels) > MAX_SKILLS:
        weakest = min(levels, key=lambda slug: (levels[slug], slug))
        del levels[weakest]


def _language_levels(
    *, languages: LanguageProfile, known: dict[str, int], rng: Random
) -> dict[str, int]:
    topik = languages.topik
    found: dict[str, int] = {}
    if topik in (1, 2):
        found["korean-basic"] = topik
    elif topik in (3, 4):
        found["korean-workplace"] = topik - 1
        if topik == 4 and rng.random() < 0.4:
            found["technical-korean-reading"] = 2
    elif topik >= 5:
        found["korean-workplace"] = topik - 1
        found["business-korean"] = topik - 2
    found["english-professional"] = _clamp(1 + round(languages.english * 3.5))
    if languages.english > 0.65 and rng.random() < 0.4:
        found["technical-writing-english"] = rng.randint(2, 3)
    native = NATIVE_LANGUAGES.get(languages.country)
    if native:
        found[native] = 5
    return {slug: level for slug, level in found.items() if slug in known}


def _clamp(level: int) -> int:
    return max(1, min(5, level))
