"""A posting's needs beyond its skills, and a graduate's levels on them (pure, no numpy).

Korean, English, education and experience each become one term of the fit when the posting asks
for them (matching.scoring says how much each weighs and how levels are read). The engine, its
plain-Python reference and the explanations all take the needs from here, so they agree.
"""

from collections.abc import Sequence

from matching import scoring
from matching.facts import GraduateFacts, PostingFacts

# The needs, in the order the score adds their terms.
KOREAN, ENGLISH, EDUCATION, EXPERIENCE = range(4)
NEEDS = (KOREAN, ENGLISH, EDUCATION, EXPERIENCE)
NEED_WEIGHTS = (
    scoring.KOREAN_WEIGHT,
    scoring.ENGLISH_WEIGHT,
    scoring.EDUCATION_WEIGHT,
    scoring.EXPERIENCE_WEIGHT,
)
MAX_ROLES = 4  # past roles the engine keeps per graduate: the longest, by occupation


def need_minimums(p: PostingFacts) -> tuple[float, float, float, float]:
    """The level each need asks on the 0-5 ladder; 0 = not asked."""
    return (
        scoring.KOREAN_LADDER[min(p.min_topik, 6)] if p.min_topik > 0 else 0.0,
        scoring.ENGLISH_LADDER[min(p.min_english_cefr, 6)] if p.min_english_cefr > 0 else 0.0,
        scoring.EDUCATION_LADDER[p.min_education_rank] if p.min_education_rank >= 0 else 0.0,
        scoring.experience_level(p.min_experience_years) if p.min_experience_years > 0 else 0.0,
    )


def graduate_levels(g: GraduateFacts) -> tuple[float, float, float]:
    """The graduate's Korean, English and education levels on the ladder (experience depends on
    the posting's occupation: `relevant_years`)."""
    return (
        scoring.KOREAN_LADDER[min(g.korean, 6)],
        scoring.ENGLISH_LADDER[min(g.english_cefr, 6)],
        scoring.EDUCATION_LADDER[g.education_rank] if g.education_rank >= 0 else 0.0,
    )


def graduate_roles(g: GraduateFacts) -> list[tuple[int, float]]:
    """Past roles as (ISCO code as int, years), years of one occupation added up, the longest
    MAX_ROLES kept (ties by code)."""
    years: dict[int, float] = {}
    for role in g.experience:
        code = scoring.isco_number(role.isco_code)
        years[code] = years.get(code, 0.0) + max(role.years, 0.0)
    ranked = sorted(years.items(), key=lambda item: (-item[1], item[0]))
    return [(code, y) for code, y in ranked[:MAX_ROLES] if y > 0.0]


def relevant_years(roles: Sequence[tuple[int, float]], posting_code: int) -> float:
    """Years of experience that count for a posting, in the order the kernel adds them."""
    total = 0.0
    for code, years in roles:
        total += years * scoring.occupation_relevance(code, posting_code)
    return total


def posting_weights(p: PostingFacts) -> tuple[list[float], list[float]]:
    """Normalised importances: the skills' (ascending skill id) and the four needs' (0 = not
    asked), divided by one sum taken left to right, skills first."""
    skills = sorted(p.skills, key=lambda s: s.skill_id)
    minimums = need_minimums(p)
    raw = [s.importance for s in skills] + [
        NEED_WEIGHTS[k] if minimums[k] > 0.0 else 0.0 for k in NEEDS
    ]
    total = 0.0
    for w in raw:
        total += w
    if total <= 0.0:
        return [0.0] * len(skills), [0.0] * len(NEEDS)
    normalised = [w / total for w in raw]
    return normalised[: len(skills)], normalised[len(skills) :]
