"""Reads that plan training: the courses that close a graduate's gaps for one posting (the gaps
in demand across many postings are training.demand).

Gaps and scores come from the matching engine's own explanation
(matching.selectors.explanations_from_facts), so "score before" is the match score the graduate
sees. "Score after" is the same formula with the graduate's skills raised to the levels the
planned courses reach (every skill those courses teach, not only the gaps, so partial credit
counts too) and their TOPIK raised to the level a planned Korean-language course prepares for;
the visa routes the engine uses as a constraint are recomputed with that TOPIK. Nothing is saved.
See training.planner for which courses count as closing a gap.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils import timezone

from jobs.models import JobPosting
from matching.explain import Explanation
from matching.facts import GraduateFacts, PostingFacts
from matching.selectors import (
    explanations_from_facts,
    graduate_facts_kept,
    posting_facts_kept,
)
from matching.vocabulary import SkillStatus
from profiles.models import GraduateProfile
from training.models import PLANNABLE_KINDS, Course, CourseKind
from training.planner import Candidate, Gap, plan_cover
from visas.rules import RuleInputError, person_routes, work_routes_loaded
from visas.selectors import person_facts_for_graduate, rules_snapshot_cached, visa_guidance

OBJECTIVES = ("hours", "cost")
TOPIK: Literal["topik"] = "topik"


@dataclass(frozen=True)
class GapItem:
    """One thing a posting asks that the graduate lacks: a skill (`skill_id`) or TOPIK (None)."""

    key: Hashable
    skill_id: int | None
    name: str
    level_needed: int
    own_level: float  # effective level (a related skill may give some); TOPIK for TOPIK
    status: SkillStatus | Literal["topik"]
    requirement: str = "required"
    weight: float = 0.0


@dataclass(frozen=True)
class PlannedCourse:
    course: Course
    closes: list[str]  # names of the gaps it closes


@dataclass(frozen=True)
class VisaEffect:
    """A visa route whose verdict or points change when the plan's TOPIK is reached."""

    code: str
    name: str
    verdict_before: str
    verdict_after: str
    points_before: int | None
    points_after: int | None

    @property
    def points_gain(self) -> int:
        return (self.points_after or 0) - (self.points_before or 0)


@dataclass(frozen=True)
class CoursePlan:
    posting: JobPosting
    objective: str  # "hours" or "cost"
    courses: list[Course]
    steps: list[PlannedCourse]
    total_hours: int
    total_cost_usd: Decimal
    covered: list[GapItem]
    uncovered: list[GapItem]
    score_before: float  # the match score, 0-1 (0 when excluded)
    score_after: float
    excluded_before: list[str] = field(default_factory=list)
    excluded_after: list[str] = field(default_factory=list)
    topik_before: int = 0
    topik_after: int = 0
    visa_effects: list[VisaEffect] = field(default_factory=list)

    @property
    def gaps(self) -> list[GapItem]:
        return [*self.covered, *self.uncovered]

    @property
    def score_gain(self) -> float:
        return self.score_after - self.score_before


# --- shared pieces -----------------------------------------------------------------------------


def gap_items(explanation: Explanation, g: GraduateFacts, p: PostingFacts) -> list[GapItem]:
    gaps = [
        GapItem(
            key=t.skill_id,
            skill_id=t.skill_id,
            name=t.name,
            level_needed=t.min_level,
            own_level=t.effective_level,
            status=t.status,
            requirement=t.requirement,
            weight=t.weight,
        )
        for t in explanation.skills
        if t.effective_level < t.min_level
    ]
    if g.topik < p.min_topik:
        gaps.append(GapItem(TOPIK, None, "TOPIK", p.min_topik, g.topik, TOPIK))
    return gaps


def plannable_courses(*, skill_ids: Iterable[int], topik: int | None) -> QuerySet[Course]:
    """Active short courses, not over, with known hours, teaching one of the skills (or, with
    `topik`, preparing for at least that TOPIK level)."""
    wanted = Q(skills__skill_id__in=list(skill_ids))
    if topik is not None:
        wanted |= Q(kind=CourseKind.KOREAN_LANGUAGE, topik_target__gte=topik)
    ids = Course.objects.filter(wanted).values("id")
    return (
        Course.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()),
            id__in=ids,
            is_active=True,
            kind__in=PLANNABLE_KINDS,
            hours__isnull=False,
        )
        .for_cards()
        .order_by("id")
    )


def course_levels(course: Course) -> dict[Hashable, int]:
    levels: dict[Hashable, int] = {cs.skill_id: cs.level_reached for cs in course.skills.all()}
    if course.kind == CourseKind.KOREAN_LANGUAGE and course.topik_target:
        levels[TOPIK] = course.topik_target
    return levels


def _candidate(course: Course, objective: str) -> Candidate:
    hours, cents = int(course.hours or 0), int(course.cost_usd * 100)
    cost, tie = (hours, cents) if objective == "hours" else (cents, hours)
    return Candidate(id=course.pk, cost=cost, tie=tie, levels=course_levels(course))


def _raised(g: GraduateFacts, courses: list[Course], graduate: GraduateProfile) -> GraduateFacts:
    """The graduate's facts after the courses: skills and TOPIK raised, visa routes redone."""
    skills = dict(g.skills)
    topik = g.topik
    for course in courses:
        for cs in course.skills.all():
            skills[cs.skill_id] = max(skills.get(cs.skill_id, 0), cs.level_reached)
        if course.kind == CourseKind.KOREAN_LANGUAGE and course.topik_target:
            topik = max(topik, course.topik_target)
    after = replace(g, skills=skills, topik=topik)
    if topik != g.topik:
        rules = rules_snapshot_cached(on=timezone.localdate())
        try:
            person = person_facts_for_graduate(profile=graduate)
        except RuleInputError:
            return after
        if work_routes_loaded(rules):
            after = replace(after, visa_routes=person_routes(replace(person, topik=topik), rules))
    return after


def _visa_effects(graduate: GraduateProfile, topik: int) -> list[VisaEffect]:
    """Routes whose verdict or points differ with TOPIK raised to `topik`."""
    try:
        person = person_facts_for_graduate(profile=graduate)
    except RuleInputError:
        return []
    if topik <= person.topik:
        return []
    today = timezone.localdate()
    before = visa_guidance(person=person, offer=None, on=today)
    after = visa_guidance(person=replace(person, topik=topik), offer=None, on=today)
    effects = []
    for old, new in zip(before.pathways, after.pathways, strict=True):
        old_points = old.points.total if old.points else None
        new_points = new.points.total if new.points else None
        if old.verdict != new.verdict or old_points != new_points:
            effects.append(
                VisaEffect(old.code, old.name, old.verdict, new.verdict, old_points, new_points)
            )
    return effects


def topik_visa_effects(*, graduate: GraduateProfile, level: int) -> list[VisaEffect]:
    """What reaching TOPIK `level` would change in the graduate's visa guidance."""
    return _visa_effects(graduate, level)


# --- one posting -------------------------------------------------------------------------------


def course_plan_for_posting(
    *,
    graduate: GraduateProfile,
    posting: JobPosting,
    objective: str = "hours",
    facts: tuple[GraduateFacts, PostingFacts] | None = None,
    before: Explanation | None = None,
) -> CoursePlan:
    """The fewest hours (or lowest cost) of courses that close the graduate's gaps for the
    posting, and what the plan does to their match score and visa routes (module docstring).
    About a dozen queries; the visa guidance is computed only when the plan raises TOPIK.
    `facts`: the pair's matching facts, and `before` their explanation, when the caller has them
    already."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, not {objective!r}")
    g, p = facts or (
        graduate_facts_kept(ids=[graduate.pk])[0],
        posting_facts_kept(ids=[posting.pk])[0],
    )
    needed = {s.skill_id for s in p.skills}
    topik_needed = p.min_topik if g.topik < p.min_topik else None
    catalogue = list(plannable_courses(skill_ids=needed, topik=topik_needed))
    if before is None:
        before = explanations_from_facts(graduates=[g], postings=[p]).pair(g.id, p.id)
    gaps = gap_items(before, g, p)
    plan = plan_cover(
        [Gap(gap.key, gap.level_needed, gap.weight) for gap in gaps],
        [_candidate(course, objective) for course in catalogue],
    )
    by_id = {course.pk: course for course in catalogue}
    chosen = [by_id[pk] for pk in plan.course_ids]
    chosen.sort(key=lambda c: (c.start_date is None, c.start_date, c.title))
    after_facts = _raised(g, chosen, graduate)
    after = explanations_from_facts(graduates=[after_facts], postings=[p]).pair(g.id, p.id)
    gap_names = {gap.key: gap.name for gap in gaps}
    return CoursePlan(
        posting=posting,
        objective=objective,
        courses=chosen,
        steps=[PlannedCourse(c, sorted(gap_names[k] for k in plan.closes[c.pk])) for c in chosen],
        total_hours=sum(c.hours or 0 for c in chosen),
        total_cost_usd=sum((c.cost_usd for c in chosen), Decimal(0)),
        covered=[gap for gap in gaps if gap.key in plan.covered],
        uncovered=[gap for gap in gaps if gap.key in plan.uncovered],
        score_before=before.score,
        score_after=after.score,
        excluded_before=before.excluded_reasons,
        excluded_after=after.excluded_reasons,
        topik_before=g.topik,
        topik_after=after_facts.topik,
        visa_effects=_visa_effects(graduate, after_facts.topik)
        if after_facts.topik > g.topik
        else [],
    )
