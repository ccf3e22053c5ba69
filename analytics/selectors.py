"""Reads of the skills analytics, from the summary tables only (analytics.models): the weeks
there are, and per skill or skill category the openings that require it against the graduates
who hold it at the level asked, with the courses that teach it."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Sum
from django.utils.translation import get_language

from analytics.models import DemandCell, SummaryRun, SupplyCell
from skills.models import Skill, SkillCategory
from training.models import CourseMode, CourseSkill

BY_SKILL, BY_CATEGORY = "skill", "category"


@dataclass(frozen=True)
class GapFilters:
    """What the reader narrows to; empty means all. `week` None: the newest snapshot."""

    week: date | None = None
    country: str = ""  # graduates' nationality
    industry: str = ""  # the company's
    region: str = ""  # the job's
    by: str = BY_SKILL


@dataclass
class GapRow:
    subject_id: int
    name: str
    group: str  # the skill's category (empty for a category row)
    postings: int
    openings: int
    level_asked: int  # the level most openings ask (their median)
    qualified: int  # graduates at that level or above
    courses: int = 0
    courses_by_mode: dict[str, int] = field(default_factory=dict)
    course_countries: list[str] = field(default_factory=list)

    @property
    def gap(self) -> int:
        """Openings without a qualified graduate (negative: more graduates than openings)."""
        return self.openings - self.qualified


def summary_weeks() -> list[date]:
    """The weeks with a snapshot, newest first."""
    return list(SummaryRun.objects.values_list("week", flat=True).distinct().order_by("-week"))


def summary_latest_run() -> SummaryRun | None:
    return SummaryRun.objects.first()


def _median_level(levels: dict[int, int]) -> int:
    """The level asked by the middle opening, when openings are ranked by level."""
    half, seen = sum(levels.values()) / 2, 0
    for level in sorted(levels):
        seen += levels[level]
        if seen >= half:
            return level
    return 1


def skill_gaps(*, filters: GapFilters) -> list[GapRow]:
    """Every skill (or category) that public postings require, widest gap first. Each
    `qualified` is a sum of stored supply cells, each of at least the minimum of graduates.

    Kept in the cache by the newest run: a new snapshot (or a new run of the week) is read
    afresh, and nothing else changes the tables."""
    run = summary_latest_run()
    if run is None:
        return []
    f = filters
    key = ":".join(
        str(part)
        for part in ("analytics-gaps", run.pk, f.week, f.country, f.industry, f.region, f.by)
    )
    key = f"{key}:{get_language()}"
    rows: list[GapRow] | None = cache.get(key)
    if rows is None:
        rows = _gaps(filters, filters.week or run.week)
        cache.set(key, rows, timeout=24 * 3600)
    return rows


def _gaps(filters: GapFilters, week: date) -> list[GapRow]:
    subject = "skill_id" if filters.by == BY_SKILL else "category_id"
    demand = DemandCell.objects.filter(week=week, **{f"{subject}__isnull": False})
    if filters.industry:
        demand = demand.filter(industry=filters.industry)
    if filters.region:
        demand = demand.filter(region=filters.region)
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    totals: dict[int, list[int]] = {}
    for row in demand.values(subject, "min_level").annotate(p=Sum("postings"), o=Sum("openings")):
        levels[row[subject]][row["min_level"]] = row["o"]
        postings, openings = totals.get(row[subject], [0, 0])
        totals[row[subject]] = [postings + row["p"], openings + row["o"]]
    supply = SupplyCell.objects.filter(week=week, **{f"{subject}__in": list(totals)})
    if filters.country:
        supply = supply.filter(country=filters.country)
    held: dict[int, dict[int, int]] = defaultdict(dict)
    for row in supply.values(subject, "level").annotate(g=Sum("graduates")):
        held[row[subject]][row["level"]] = row["g"]
    names = _names(filters.by, list(totals))
    rows = []
    for subject_id, (postings, openings) in totals.items():
        asked = _median_level(levels[subject_id])
        qualified = sum(n for level, n in held[subject_id].items() if level >= asked)
        name, group = names.get(subject_id, ("?", ""))
        rows.append(GapRow(subject_id, name, group, postings, openings, asked, qualified))
    rows.sort(key=lambda r: (-r.gap, r.name))
    return rows


def _names(by: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    if by == BY_SKILL:
        skills = Skill.objects.filter(pk__in=ids).select_related("category")
        return {s.pk: (s.name, s.category.name) for s in skills}
    return {c.pk: (c.name, "") for c in SkillCategory.objects.filter(pk__in=ids)}


def courses_for_gaps(*, rows: list[GapRow], by: str) -> list[GapRow]:
    """The rows given, each with the active courses that teach its subject up to the level
    asked: how many, by mode, and the countries they are in (none: an unserved gap). One query
    for all the rows."""
    subject = "skill_id" if by == BY_SKILL else "skill__category_id"
    taught = CourseSkill.objects.filter(
        course__is_active=True, **{f"{subject}__in": [row.subject_id for row in rows]}
    ).values_list(subject, "level_reached", "course_id", "course__mode", "course__country")
    courses: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)  # subject -> course
    reached: dict[tuple[int, int], int] = defaultdict(int)  # (subject, course) -> best level
    for subject_id, level, course_id, mode, country in taught:
        courses[subject_id][course_id] = (mode, str(country or ""))
        reached[(subject_id, course_id)] = max(reached[(subject_id, course_id)], level)
    for row in rows:
        modes: dict[str, int] = defaultdict(int)
        countries: set[str] = set()
        for course_id, (mode, country) in courses[row.subject_id].items():
            if reached[(row.subject_id, course_id)] >= row.level_asked:
                modes[mode] += 1
                countries.update([country] if country else [])
        row.courses = sum(modes.values())
        row.courses_by_mode = {
            str(mode.label): modes[mode.value] for mode in CourseMode if modes.get(mode.value)
        }
        row.course_countries = sorted(countries)
    return rows
