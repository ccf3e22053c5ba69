"""The terms of a posting's needs beyond its skills in a match explanation, and the rounding of
every term to whole points (matching.explain uses both)."""

from dataclasses import dataclass

from matching import needs, scoring
from matching.facts import GraduateFacts, PostingFacts
from matching.vocabulary import Need


@dataclass(slots=True)
class NeedTerm:
    """One of the posting's other needs it asks (matching.needs), as a term of fit: levels on the
    0-5 ladder, and `asked`/`shown` in the need's own unit (TOPIK level, CEFR level 1-6 = A1-C2,
    EducationLevel rank, years)."""

    name: Need
    asked: float
    shown: float
    min_level: float
    level: float
    weight: float
    credit: float
    contribution: float
    note: str = ""
    points: int = 0


def need_terms(g: GraduateFacts, p: PostingFacts) -> tuple[list[NeedTerm], float]:
    """The other needs the posting asks, in the kernel's order, and their sum (the same float
    operations as reference.needs_term)."""
    minimums = needs.need_minimums(p)
    weights = needs.posting_weights(p)[1]
    levels = needs.graduate_levels(g)
    roles = needs.graduate_roles(g)
    years = needs.relevant_years(roles, scoring.isco_number(p.isco_code))
    all_years = sum(y for _code, y in roles)
    shown = (float(g.korean), float(g.english_cefr), float(g.education_rank), years)
    asked = (
        float(p.min_topik),
        float(p.min_english_cefr),
        float(p.min_education_rank),
        p.min_experience_years,
    )
    notes = (
        f"KIIP stage {g.kiip_stage}" if g.kiip_stage > g.topik else "",
        "",
        "",
        f"{years:.1f} of {all_years:.1f} years count for this occupation" if roles else "",
    )
    found: list[NeedTerm] = []
    total = 0.0
    for k, name in zip(needs.NEEDS, Need, strict=True):
        m = minimums[k]
        if m <= 0.0:
            continue
        level = scoring.experience_level(years) if k == needs.EXPERIENCE else levels[k]
        term = scoring.skill_term(level, m, scoring.skill_cover(weights[k], m))
        total += term
        credit = term / weights[k] if weights[k] else 0.0
        found.append(
            NeedTerm(name, asked[k], shown[k], m, level, weights[k], credit, term, notes[k])
        )
    return found, total


def whole_points(values: list[float], total: int) -> list[int]:
    """Values x 100 rounded to integers that add up to `total` (largest remainders first)."""
    scaled = [100.0 * v for v in values]
    points = [int(v) for v in scaled]
    order = sorted(range(len(values)), key=lambda n: (points[n] - scaled[n], n))
    for n in order[: max(total - sum(points), 0)]:
        points[n] += 1
    return points
