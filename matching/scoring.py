"""Every constant of the match score, in one place, with what it means.

matching/kernels.py (numba), matching/reference.py (plain Python) and matching/explain.py read
these names; changing one changes all three together (a test holds them bit-identical).

Fit: how well the graduate covers what the posting asks.
- A posting skill's importance is the employer's weight times REQUIRED_WEIGHT for a required
  skill, or NICE_TO_HAVE_WEIGHT for a nice-to-have one; the importances of a posting are then
  normalised to sum to one (w). With the defaults, two required and two nice-to-have skills give
  the required ones three quarters of the fit.
- A skill's term (`skill_term`) is w * [(1 - B) * min(level, m) / m + B * level / 5], with m the
  level asked and B = LEVEL_BONUS_SHARE: reaching the level asked earns most of the term, and
  every level above it a bounded bonus, so a 5 beats a 3 where 3 is asked, and only level 5 earns
  the whole term. `level` is the effective level (a related skill may give some).

Preference: how well the posting offers what the graduate wants (industry, region, job type,
company size, salary), a weighted mean of factors in [0, 1].
"""

# --- fit ---------------------------------------------------------------------------------------

REQUIRED_WEIGHT = 3.0
NICE_TO_HAVE_WEIGHT = 1.0
LEVEL_BONUS_SHARE = 0.1  # the share of a skill's term that grows with level above the minimum
MAX_SKILL_LEVEL = 5
COVERAGE_SHARE = 1.0 - LEVEL_BONUS_SHARE
BONUS_PER_LEVEL = LEVEL_BONUS_SHARE / (MAX_SKILL_LEVEL * COVERAGE_SHARE)


def skill_cover(weight: float, min_level: float) -> float:
    """The factor of min(level, min_level) in a skill's term: w * (1 - B) / m (the engine stores
    it per posting skill)."""
    return weight * COVERAGE_SHARE / min_level


def skill_term(level: float, min_level: float, cover: float) -> float:
    """A skill's share of the fit (module docstring), from its `skill_cover`. The kernels compile
    this same function, so the engine and the reference add up the same floats."""
    return min(level, min_level) * cover + level * (cover * min_level * BONUS_PER_LEVEL)


# A language test stands for the language skills of the taxonomy (by slug): the skill level a
# TOPIK level (0-6) or an English CEFR level (0-6, A1=1) shows at least. A graduate holds the
# higher of this and the level they declare, so a TOEIC 850 is never "English missing".
# Readings of the TOPIK level descriptors (NIIED: 3 "daily life", 4 "some work", 5 "professional
# fields to some extent", 6 "fluent in professional work") and the CEFR global scale.
LANGUAGE_SKILLS_FROM_TOPIK: dict[str, tuple[int, ...]] = {
    # TOPIK:             0  1  2  3  4  5  6
    "korean-basic": (0, 2, 3, 4, 5, 5, 5),
    "korean-workplace": (0, 0, 1, 2, 3, 4, 5),
    "business-korean": (0, 0, 0, 1, 2, 3, 4),
}
LANGUAGE_SKILLS_FROM_CEFR: dict[str, tuple[int, ...]] = {
    # CEFR:                   -  A1 A2 B1 B2 C1 C2
    "english-professional": (0, 1, 2, 3, 4, 5, 5),
}

# --- preference --------------------------------------------------------------------------------

NEUTRAL = 1.0  # a factor the graduate left open: never below a stated match
RELOCATE_CREDIT = 0.5  # a region they did not ask for, when they are willing to relocate
SALARY_FLOOR_RATIO = 0.75  # offered maximum / wanted minimum at or below this: salary factor 0
W_INDUSTRY = 0.30
W_REGION = 0.20
W_JOB_TYPE = 0.15
W_SIZE = 0.10
W_SALARY = 0.25
