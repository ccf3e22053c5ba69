"""Why a graduate and a posting score what they score: one pair, term by term (no Django models).

`explain_pair` recomputes the score of matching/kernels.py for one pair with the same float
operations as matching/reference.py, so the explanation adds up exactly: the skill terms' and the
other needs' `contribution`s sum to `fit`, the preference factors' value x weight sum to
`preference`, and `score` is the reference score bit for bit (0 with `excluded=True` when the
reference excludes the pair). Everything else is still filled in for an excluded pair, so the
reader sees why.

Points: each term's `points` are its contribution in whole points of 100, rounded so that they
add up to `fit_points` exactly; the employer ranks by fit, so for them the points add up to their
score. The graduate's score also weighs their own wishes (the harmonic mean of fit and
preference): `preference_points` is what the wishes add or take away, so the terms' points plus
`preference_points` are `score_points`.

The vocabulary (matching.vocabulary: `SkillStatus`, `Constraint`, `Preference`) carries the
labels every page and the API show, so graduates and employers read the same words. Skill
statuses: matched (own level reaches the minimum), related (a related skill gives a higher
effective level than the graduate's own), below_level (own level below the minimum, no relation
gives more), missing (effective level 0). Skills still short of the minimum list up to three
courses that teach them to it, from the offers the caller passes in. Computed on read; nothing
here touches the database.
"""

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from core.choices import EducationLevel
from matching import needs, reference, scoring
from matching.engine import expand_levels
from matching.explain_needs import NeedTerm, need_terms, whole_points
from matching.explain_preferences import PreferenceFactor, preference_factors, preference_total
from matching.facts import GraduateFacts, PostingFacts
from matching.vocabulary import Constraint, SkillStatus

MAX_COURSES = 3
_EDUCATION_NAMES: tuple[str, ...] = tuple(EducationLevel.values)


@dataclass(frozen=True, slots=True)
class CourseOffer:
    """A course that teaches a skill up to `level_reached`."""

    course_id: int
    title: str
    provider: str
    level_reached: int
    hours: int | None
    cost_usd: float
    funding: str
    kind: str


@dataclass(slots=True)
class SkillTerm:
    """One posting skill's term of fit: contribution = scoring.skill_term(effective, min, ...)."""

    skill_id: int
    name: str
    requirement: str
    deal_breaker: bool
    min_level: int
    weight: float  # normalised: the posting's weights sum to 1
    own_level: int
    effective_level: float
    # The related skill behind effective_level when it beats the own level (even if matched).
    via_skill_id: int | None
    via_name: str | None
    credit: float  # contribution / weight: the share of this skill's term earned (0-1)
    contribution: float
    status: SkillStatus
    courses: list[CourseOffer] = field(default_factory=list)
    points: int = 0


@dataclass(slots=True)
class ConstraintCheck:
    name: Constraint
    required: Any
    actual: Any
    ok: bool


@dataclass(slots=True)
class GapSummary:
    """What closing the skill gaps would do, constraints and preferences unchanged.

    Closing means the graduate holds every skill short of the posting's minimum (missing,
    below_level, and related below the minimum) at exactly that minimum.
    """

    missing: int
    below_level: int
    related_below_level: int
    fit_if_gaps_closed: float
    score_if_gaps_closed: float
    excluded_if_gaps_closed: bool
    note: str


@dataclass(slots=True)
class Explanation:
    graduate_id: int
    posting_id: int
    score: float  # harmonic mean of fit and preference; 0 when excluded
    fit: float
    preference: float
    excluded: bool
    excluded_reasons: list[str]
    skills: list[SkillTerm]
    needs: list[NeedTerm]
    constraints: list[ConstraintCheck]
    preference_factors: list[PreferenceFactor]
    gap_summary: GapSummary | None  # None when not asked for (explain_pair's `gap_summary`)
    fit_points: int = 0  # the employer's score, in points: the terms' points add up to it
    score_points: int = 0  # the graduate's score, in points
    preference_points: int = 0  # score_points - fit_points: what the graduate's wishes change

    @property
    def preference_change(self) -> str:
        """`preference_points` with its sign, as pages show it (+6, -3, +0)."""
        return f"{self.preference_points:+d}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: only dicts, lists, str, int, float, bool and None."""
        return asdict(self)


def _education_name(rank: int, unset: str) -> str:
    if rank < 0:
        return unset
    return _EDUCATION_NAMES[rank] if rank < len(_EDUCATION_NAMES) else f"rank {rank}"


def _constraints(
    g: GraduateFacts, p: PostingFacts, terms: list["SkillTerm"]
) -> list[ConstraintCheck]:
    fields_ok = not p.accepted_fields or bool(g.fields & p.accepted_fields)
    short = [t.name for t in terms if t.deal_breaker and t.effective_level < t.min_level]
    breakers = [t.name for t in terms if t.deal_breaker]
    return [
        ConstraintCheck(Constraint.TOPIK, p.min_topik, g.korean, g.korean >= p.min_topik),
        ConstraintCheck(Constraint.DEAL_BREAKER, breakers, short, not short),
        ConstraintCheck(
            Constraint.EDUCATION,
            _education_name(p.min_education_rank, "any"),
            _education_name(g.education_rank, "none"),
            g.education_rank >= p.min_education_rank,
        ),
        ConstraintCheck(Constraint.FIELDS, sorted(p.accepted_fields), sorted(g.fields), fields_ok),
        ConstraintCheck(
            Constraint.SPONSORSHIP,
            g.needs_sponsorship,
            p.sponsors_visa,
            not (g.needs_sponsorship and not p.sponsors_visa),
        ),
        # Met when no sponsorship is needed, or the offer opens a route the graduate can take (a
        # posting that sponsors nothing opens none): the same test as kernels.feasible.
        ConstraintCheck(
            Constraint.VISA_ROUTE,
            g.needs_sponsorship,
            p.sponsors_visa,
            not g.needs_sponsorship or bool(g.visa_routes & p.offer_routes),
        ),
    ]


def _constraint_reason(check: ConstraintCheck) -> str:
    if check.name == Constraint.TOPIK:
        return f"TOPIK level {check.actual} is below the required {check.required}"
    if check.name == Constraint.DEAL_BREAKER:
        return "below the level of a deal-breaker skill: " + ", ".join(check.actual)
    if check.name == Constraint.EDUCATION:
        return f"education {check.actual} is below the required {check.required}"
    if check.name == Constraint.FIELDS:
        return "field of study is not among those the posting accepts"
    if check.name == Constraint.VISA_ROUTE:
        return "no visa route this offer opens is open to this graduate"
    return "visa sponsorship is needed but the posting does not offer it"


def _best_via(
    g: GraduateFacts, wanted: set[int], relations: dict[int, list[tuple[int, float]]]
) -> dict[int, tuple[float, int]]:
    """For each wanted skill: the highest credit x level a related skill gives, and that skill
    (ties: the lowest skill id). Same products as engine.expand_levels, so the maxima agree."""
    best: dict[int, tuple[float, int]] = {}
    for source, level in g.skills.items():
        for related, credit in relations.get(source, ()):
            if related not in wanted:
                continue
            via = credit * level
            current = best.get(related)
            if current is None or via > current[0] or (via == current[0] and source < current[1]):
                best[related] = (via, source)
    return best


def _course_key(course: CourseOffer) -> tuple[bool, int, float, int]:
    # Courses without known hours go after those with hours.
    return (course.hours is None, course.hours or 0, course.cost_usd, course.course_id)


def _courses_for(
    skill_id: int, min_level: int, courses_by_skill: dict[int, list[CourseOffer]] | None
) -> list[CourseOffer]:
    if not courses_by_skill:
        return []
    offers = [c for c in courses_by_skill.get(skill_id, ()) if c.level_reached >= min_level]
    offers.sort(key=_course_key)
    return offers[:MAX_COURSES]


def _skill_terms(
    g: GraduateFacts,
    p: PostingFacts,
    relations: dict[int, list[tuple[int, float]]],
    skill_names: dict[int, str],
    courses_by_skill: dict[int, list[CourseOffer]] | None,
) -> tuple[list[SkillTerm], float]:
    """The posting's skill terms in the formula's order, and their sum (before the cap at 1)."""
    skills = sorted(p.skills, key=lambda s: s.skill_id)
    weights = needs.posting_weights(p)[0]
    vias = _best_via(g, {s.skill_id for s in skills}, relations) if relations else {}
    terms: list[SkillTerm] = []
    total = 0.0
    for s, w in zip(skills, weights, strict=True):
        sid = s.skill_id
        own = g.skills.get(sid, 0)
        level = float(own)
        via_id: int | None = None
        via = vias.get(sid)
        if via is not None and via[0] > level:
            level, via_id = via
        m = float(s.min_level)
        contribution = 0.0
        if level > 0.0:
            contribution = scoring.skill_term(level, m, scoring.skill_cover(w, m))
            total += contribution
        if own >= s.min_level:
            status = SkillStatus.MATCHED
        elif via_id is not None:
            status = SkillStatus.RELATED
        elif own > 0:
            status = SkillStatus.BELOW_LEVEL
        else:
            status = SkillStatus.MISSING
        short = level < m
        terms.append(
            SkillTerm(
                skill_id=sid,
                name=skill_names.get(sid, f"skill {sid}"),
                requirement="breaker" if s.deal_breaker else "required" if s.required else "nice",
                deal_breaker=s.deal_breaker,
                min_level=s.min_level,
                weight=w,
                own_level=own,
                effective_level=level,
                via_skill_id=via_id,
                via_name=None if via_id is None else skill_names.get(via_id, f"skill {via_id}"),
                credit=contribution / w if w else 0.0,
                contribution=contribution,
                status=status,
                courses=_courses_for(sid, s.min_level, courses_by_skill) if short else [],
            )
        )
    return terms, total


def _gap_summary(
    g: GraduateFacts,
    p: PostingFacts,
    relations: dict[int, list[tuple[int, float]]],
    terms: list[SkillTerm],
    current: tuple[float, float, bool],
    blockers: list[str],
) -> GapSummary:
    """`current` is (fit, score, excluded); `blockers` the exclusion reasons skills cannot lift
    (failed constraints, zero preference): with any of them reference.pair_score is None whatever
    the skills, so only the fit is recomputed."""
    fit, score, excluded = current
    gaps = [t for t in terms if t.effective_level < t.min_level]
    missing = sum(t.status == SkillStatus.MISSING for t in gaps)
    below = sum(t.status == SkillStatus.BELOW_LEVEL for t in gaps)
    related = len(gaps) - missing - below
    if not gaps:
        note = "no skill gaps" + ("; the pair is excluded" if excluded else "")
        return GapSummary(0, 0, 0, fit, score, excluded, note)
    skills = {**g.skills, **{t.skill_id: t.min_level for t in gaps}}
    if not blockers:
        pair = reference.pair_score(replace(g, skills=skills), p, relations)
        if pair is not None:
            return GapSummary(missing, below, related, pair.fit, pair.score, False, "")
        blockers = ["score rounds to zero"]
    closed_fit = reference.fit(replace(g, skills=skills), p, expand_levels(skills, relations))
    note = "still excluded with the gaps closed: " + "; ".join(blockers)
    return GapSummary(missing, below, related, closed_fit, 0.0, True, note)


def _blockers(constraints: list[ConstraintCheck], pref: float) -> list[str]:
    """Reasons no skill can lift: failed constraints, and a preference of zero. A posting that
    sponsors no visa fails both sponsorship and visa route; one reason says it."""
    failed = [c for c in constraints if not c.ok]
    if any(c.name == Constraint.SPONSORSHIP for c in failed):
        failed = [c for c in failed if c.name != Constraint.VISA_ROUTE]
    blockers = [_constraint_reason(c) for c in failed]
    if pref <= 0.0:
        blockers.append("preference is zero: nothing the graduate wants is offered")
    return blockers


def explain_pair(
    *,
    graduate: GraduateFacts,
    posting: PostingFacts,
    relations: dict[int, list[tuple[int, float]]],
    skill_names: dict[int, str],
    courses_by_skill: dict[int, list[CourseOffer]] | None = None,
    gap_summary: bool = True,
) -> Explanation:
    """Explain one pair's score (see the module docstring for what adds up to what).

    `relations` is the table reference.pair_score takes (skill id -> [(related id, credit)]).
    `gap_summary`: also score the pair with its skill gaps closed (about half the work; the
    employer's reasons and the API show it, a search page's scores do not).
    """
    terms, total = _skill_terms(graduate, posting, relations, skill_names, courses_by_skill)
    asked, needs_total = need_terms(graduate, posting)
    fit = min(total + needs_total, 1.0) if total > 0.0 else 0.0
    if total <= 0.0:  # nothing in common: the other needs earn nothing either
        for need in asked:
            need.contribution = need.credit = 0.0
    constraints = _constraints(graduate, posting, terms)
    factors = preference_factors(graduate, posting)
    pref = preference_total(factors)
    blockers = _blockers(constraints, pref)
    reasons = list(blockers)
    if not posting.skills:
        reasons.append("the posting lists no skills")
    elif fit <= 0.0:
        reasons.append("no skill in common, even through related skills")
    score = 0.0 if reasons else 2.0 * fit * pref / (fit + pref)
    if score <= 0.0 and not reasons:
        reasons.append("score rounds to zero")
    excluded = bool(reasons)
    current = (fit, score, excluded)
    gaps = (
        _gap_summary(graduate, posting, relations, terms, current, blockers)
        if gap_summary
        else None
    )
    explanation = Explanation(
        graduate_id=graduate.id,
        posting_id=posting.id,
        score=score,
        fit=fit,
        preference=pref,
        excluded=excluded,
        excluded_reasons=reasons,
        skills=terms,
        needs=asked,
        constraints=constraints,
        preference_factors=factors,
        gap_summary=gaps,
    )
    _set_points(explanation)
    return explanation


def _set_points(e: Explanation) -> None:
    e.fit_points = round(100.0 * e.fit)
    e.score_points = round(100.0 * e.score)
    e.preference_points = e.score_points - e.fit_points if not e.excluded else 0
    terms: list[SkillTerm | NeedTerm] = [*e.skills, *e.needs]
    contributions = [t.contribution if e.fit > 0.0 else 0.0 for t in terms]
    if sum(contributions) > 1.0:  # only rounding can take the terms past the cap
        contributions = [c / sum(contributions) for c in contributions]
    for term, points in zip(terms, whole_points(contributions, e.fit_points), strict=True):
        term.points = points
