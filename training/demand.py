"""Courses for the gaps in demand: those common among the jobs that nearly fit a graduate, and
those a posting's top candidates most often lack (for employers who sponsor training). Gaps come
from matching's explanations, as in training.plans."""

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from django.utils.translation import gettext

from jobs.models import JobPosting
from matching.selectors import (
    candidates_for_posting,
    explanations_from_facts,
    graduate_facts_kept,
    matches_for_graduate,
    posting_facts_kept,
)
from profiles.models import GraduateProfile
from skills.models import Skill
from training.models import Course
from training.plans import TOPIK, course_levels, gap_items, plannable_courses

NEAR_FIT_POSTINGS = 20


SPONSOR_CANDIDATES = 20


TOP_GAPS = 8


@dataclass(frozen=True)
class CourseSuggestion:
    course: Course
    skills: list[str]  # names of the in-demand gaps it closes
    reason: str


@dataclass(frozen=True)
class SponsorGap:
    """A skill the posting asks that `count` of its top `of` candidates lack at the level asked."""

    skill: Skill
    level_needed: int
    count: int
    of: int
    courses: list[Course]


def course_suggestions_for_graduate(
    *, graduate: GraduateProfile, limit: int = 6
) -> list[CourseSuggestion]:
    """Courses for the gaps most common among the graduate's best-matching postings.

    Demand: for each gap (skill, or TOPIK), the postings among the graduate's top
    `NEAR_FIT_POSTINGS` matches that ask for more than they have. A course closes a posting's gap
    when it reaches the level that posting asks. Courses are picked greedily: each next one closes
    the most posting-gaps not closed by those before it (ties: fewer hours, lower cost). Empty
    when there are no matches yet."""
    matches = matches_for_graduate(graduate=graduate, limit=NEAR_FIT_POSTINGS)
    if not matches:
        return []
    g = graduate_facts_kept(ids=[graduate.pk])[0]
    postings = posting_facts_kept(ids=[m.posting.pk for m in matches])
    explained = explanations_from_facts(graduates=[g], postings=postings)
    demand: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)  # key -> (posting, level)
    for p in postings:
        for gap in gap_items(explained.pair(g.id, p.id), g, p):
            demand[gap.key].append((p.id, gap.level_needed))
    top = [key for key, _ in Counter({k: len(v) for k, v in demand.items()}).most_common(TOP_GAPS)]
    if not top:
        return []
    skill_ids = [k for k in top if isinstance(k, int)]
    names: dict[Hashable, str] = dict(
        Skill.objects.filter(id__in=skill_ids).values_list("id", "name")
    )
    names[TOPIK] = "TOPIK"
    topik = min(level for _, level in demand[TOPIK]) if TOPIK in top else None
    catalogue = list(plannable_courses(skill_ids=skill_ids, topik=topik))
    closes = {c.pk: _closings(c, {k: demand[k] for k in top}) for c in catalogue}
    return _pick(catalogue, closes, names, len(postings), limit)


def _closings(
    course: Course, demand: dict[Hashable, list[tuple[int, int]]]
) -> set[tuple[Hashable, int]]:
    """(gap key, posting id) pairs the course closes."""
    levels = course_levels(course)
    return {
        (key, posting_id)
        for key, asked in demand.items()
        for posting_id, level in asked
        if levels.get(key, 0) >= level
    }


def _pick(
    catalogue: list[Course],
    closes: dict[int, set[tuple[Hashable, int]]],
    names: dict[Hashable, str],
    postings: int,
    limit: int,
) -> list[CourseSuggestion]:
    done: set[tuple[Hashable, int]] = set()
    picked: list[CourseSuggestion] = []
    remaining = list(catalogue)
    while remaining and len(picked) < limit:
        best = min(
            remaining, key=lambda c: (-len(closes[c.pk] - done), c.hours or 0, c.cost_usd, c.pk)
        )
        gain = closes[best.pk] - done
        if not gain:
            break
        remaining.remove(best)
        done |= closes[best.pk]
        keys = sorted({key for key, _ in closes[best.pk]}, key=lambda k: names[k])
        jobs = len({i for _, i in gain})
        picked.append(
            CourseSuggestion(
                course=best,
                skills=[names[k] for k in keys],
                reason=gettext(
                    "Closes %(skills)s: gaps in %(jobs)d of your %(total)d best-matching jobs."
                )
                % {"skills": ", ".join(names[k] for k in keys), "jobs": jobs, "total": postings},
            )
        )
    return picked


def sponsor_gaps_for_posting(*, posting: JobPosting) -> list[SponsorGap]:
    """The posting's skills its top `SPONSOR_CANDIDATES` candidates most often lack at the level
    asked, most common first (up to `TOP_GAPS`), each with the courses that close it. Empty while
    the posting has no ranked candidates."""
    candidates = candidates_for_posting(posting=posting, limit=SPONSOR_CANDIDATES)
    if not candidates:
        return []
    facts = graduate_facts_kept(ids=[c.graduate.pk for c in candidates])
    p = posting_facts_kept(ids=[posting.pk])[0]
    explained = explanations_from_facts(graduates=facts, postings=[p])
    counts: Counter[int] = Counter()
    for g in facts:
        explanation = explained.pair(g.id, p.id)
        counts.update(t.skill_id for t in explanation.skills if t.effective_level < t.min_level)
    top = counts.most_common(TOP_GAPS)
    levels = {s.skill_id: s.min_level for s in p.skills}
    skills = Skill.objects.in_bulk([sid for sid, _ in top])
    courses: dict[int, list[Course]] = defaultdict(list)
    for course in plannable_courses(skill_ids=skills, topik=None):
        for cs in course.skills.all():
            if cs.skill_id in levels and cs.level_reached >= levels[cs.skill_id]:
                courses[cs.skill_id].append(course)
    return [
        SponsorGap(
            skill=skills[sid],
            level_needed=levels[sid],
            count=n,
            of=len(facts),
            courses=sorted(courses[sid], key=lambda c: (c.hours or 0, c.cost_usd, c.pk))[:3],
        )
        for sid, n in top
    ]
