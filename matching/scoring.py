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

Other needs: where a posting asks for Korean (a minimum TOPIK), English, years of experience or
a level of education, each is one more term of the fit, scored by the same `skill_term` on a 0-5
ladder and weighted by the *_WEIGHT below before normalising with the skills. Reaching the level
asked earns most of the term, more earns the bounded bonus. Experience counts the years of past
roles by how close their occupation is to the posting's (`occupation_relevance`).

Deal breakers: a posting skill the employer marks as one excludes every graduate below its level.

Preference: how well the posting offers what the graduate wants (industry, region, job type,
company size, salary), a weighted mean of factors in [0, 1].
"""

import math

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

# --- other needs: Korean, English, experience, education ---------------------------------------
# The needs below count only where the posting asks for them. Korean and education are also
# minimums (a graduate below them is excluded), so their terms mostly rank those above the minimum;
# experience asked counts as much as a required skill.

KOREAN_WEIGHT = 1.5
ENGLISH_WEIGHT = 1.5
EDUCATION_WEIGHT = 1.0
EXPERIENCE_WEIGHT = REQUIRED_WEIGHT
# TOPIK 0-6 onto the 0-5 ladder. A KIIP stage counts as the same TOPIK level: the F-2-7 points
# table pairs KIIP stage k with TOPIK k (Ministry of Justice table, ../shared visa-pathways.md).
KOREAN_LADDER = tuple(topik * MAX_SKILL_LEVEL / 6 for topik in range(7))
# English CEFR (0 none, 1-6 = A1-C2) onto the ladder, as for the english-professional skill below.
ENGLISH_LADDER = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 5.0)
# A posting's English requirement as the CEFR level it asks: basic A2, working B2, fluent C1.
ENGLISH_REQUIREMENT_CEFR = {"none": 0, "basic": 2, "working": 4, "fluent": 5}
# Diploma, associate, bachelor, master, doctorate (EducationLevel.rank 0-4) as levels 1-5.
EDUCATION_LADDER = (1.0, 2.0, 3.0, 4.0, 5.0)
# Years of relevant experience per ladder level: 10 years and more are the top of the ladder.
EXPERIENCE_YEARS_PER_LEVEL = 2.0
# A past role's years count by how many leading digits its ISCO-08 code shares with the
# posting's: the same unit group (4), minor group (3), sub-major group (2), major group (1), none.
OCCUPATION_RELEVANCE = (0.0, 0.25, 0.5, 0.75, 1.0)
UNCLASSIFIED_RELEVANCE = 0.5  # a past role (or a posting) without an occupation code


def korean_level(topik: int, kiip_stage: int) -> int:
    """Korean ability on the TOPIK scale (a KIIP stage counts as the same TOPIK level)."""
    return max(topik, kiip_stage)


def occupation_relevance(past_code: int, posting_code: int) -> float:
    """The share of a past role's years that count for a posting (codes as ints, -1 = none)."""
    if past_code < 0 or posting_code < 0:
        return UNCLASSIFIED_RELEVANCE
    shared = 0
    for scale in (1000, 100, 10, 1):
        if past_code // scale != posting_code // scale:
            break
        shared += 1
    return OCCUPATION_RELEVANCE[shared]


def experience_level(years: float) -> float:
    return min(years / EXPERIENCE_YEARS_PER_LEVEL, float(MAX_SKILL_LEVEL))


def isco_number(code: str) -> int:
    """An ISCO-08 code as the int the engine compares ("" = -1)."""
    return int(code) if code.isdigit() else -1


# --- the employer's ranking ----------------------------------------------------------------------
# A posting's candidates are ranked by fit alone; the candidate's own preference only orders
# candidates whose fit is the same to the millionth (FIT_STEPS), so it can order but never demote.
FIT_STEPS = 1_000_000  # steps of fit per unit: fits equal to the millionth tie
PREFERENCE_TIEBREAK = 1e-7  # < 1 / FIT_STEPS: a whole preference is worth less than one step


def employer_key(fit: float, pref: float) -> float:
    """The key a posting's candidate list is sorted by (stored as the list entry's score)."""
    return math.floor(fit * FIT_STEPS) / FIT_STEPS + pref * PREFERENCE_TIEBREAK


# --- preference --------------------------------------------------------------------------------

NEUTRAL = 1.0  # a factor the graduate left open: never below a stated match
RELOCATE_CREDIT = 0.5  # a region they did not ask for, when they are willing to relocate
SALARY_FLOOR_RATIO = 0.75  # offered maximum / wanted minimum at or below this: salary factor 0
W_INDUSTRY = 0.30
W_REGION = 0.20
W_JOB_TYPE = 0.15
W_SIZE = 0.10
W_SALARY = 0.25
