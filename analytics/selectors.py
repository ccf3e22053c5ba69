"""Reads of the analytics, from the summary tables only (analytics.models): the weeks there
are; per skill or skill category the openings that require it against the graduates who hold
it at the level asked, with the courses that teach it, and its trend; the funnel from signing
up to a job; work-visa feasibility by country."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from analytics.models import (
    DemandCell,
    FunnelCell,
    FunnelStage,
    SummaryRun,
    SupplyCell,
    VisaCell,
)
from skills.models import Skill, SkillCategory
from training.models import CourseMode, CourseSkill
from visas.rules.feasibility import MISSING_KINDS

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


Figures = dict[tuple[date, int], tuple[int, int, int, int]]


def _figures(filters: GapFilters, weeks: list[date], subjects: list[int] | None = None) -> Figures:
    """(week, subject) -> (postings, openings, level asked, qualified graduates), for the weeks
    and (all, or these) subjects under the filters: two grouped queries of the summary tables."""
    subject = "skill_id" if filters.by == BY_SKILL else "category_id"
    demand = DemandCell.objects.filter(week__in=weeks, **{f"{subject}__isnull": False})
    if subjects is not None:
        demand = demand.filter(**{f"{subject}__in": subjects})
    if filters.industry:
        demand = demand.filter(industry=filters.industry)
    if filters.region:
        demand = demand.filter(region=filters.region)
    levels: dict[tuple[date, int], dict[int, int]] = defaultdict(dict)
    totals: dict[tuple[date, int], tuple[int, int]] = {}
    grouped = demand.values("week", subject, "min_level").annotate(
        p=Sum("postings"), o=Sum("openings")
    )
    for row in grouped:
        key = (row["week"], row[subject])
        levels[key][row["min_level"]] = row["o"]
        postings, openings = totals.get(key, (0, 0))
        totals[key] = (postings + row["p"], openings + row["o"])
    ids = sorted({subject_id for _week, subject_id in totals})
    supply = SupplyCell.objects.filter(week__in=weeks, **{f"{subject}__in": ids})
    if filters.country:
        supply = supply.filter(country=filters.country)
    held: dict[tuple[date, int], dict[int, int]] = defaultdict(dict)
    for row in supply.values("week", subject, "level").annotate(g=Sum("graduates")):
        held[(row["week"], row[subject])][row["level"]] = row["g"]
    figures: Figures = {}
    for key, (postings, openings) in totals.items():
        asked = _median_level(levels[key])
        qualified = sum(n for level, n in held[key].items() if level >= asked)
        figures[key] = (postings, openings, asked, qualified)
    return figures


def _gaps(filters: GapFilters, week: date) -> list[GapRow]:
    figures = _figures(filters, [week])
    names = _names(filters.by, [subject_id for _week, subject_id in figures])
    rows = []
    for (_week, subject_id), (postings, openings, asked, qualified) in figures.items():
        name, group = names.get(subject_id, ("?", ""))
        rows.append(GapRow(subject_id, name, group, postings, openings, asked, qualified))
    rows.sort(key=lambda r: (-r.gap, r.name))
    return rows


@dataclass(frozen=True)
class TrendPoint:
    week: date
    postings: int
    openings: int
    level_asked: int | None  # None: no open posting required it that week
    qualified: int | None


TREND_WEEKS = 12


def skill_trend(*, subject_id: int, filters: GapFilters) -> tuple[str, list[TrendPoint]]:
    """One skill's (or category's) openings and qualified graduates in each of the last
    TREND_WEEKS snapshots, oldest first, under the same filters (the week filter aside);
    its name. Raises LookupError for a subject nobody knows."""
    names = _names(filters.by, [subject_id])
    if subject_id not in names:
        raise LookupError(subject_id)
    weeks = sorted(summary_weeks()[:TREND_WEEKS])
    figures = _figures(filters, weeks, [subject_id])
    points = []
    for week in weeks:
        postings, openings, asked, qualified = figures.get((week, subject_id), (0, 0, 0, 0))
        points.append(
            TrendPoint(week, postings, openings, asked or None, qualified if asked else None)
        )
    return names[subject_id][0], points


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


# --- the funnel ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelRow:
    stage: int
    label: str
    graduates: int
    share: int | None  # percent of its part's first stage (registered, or applied)
    average_days: float | None  # from the first application to reaching the stage


def funnel(*, filters: GapFilters) -> list[FunnelRow]:
    """Graduates at each stage or beyond, under the filters (the industry narrows the stages
    from applying on; the region does not apply). Every figure is a sum of disjoint stored
    groups of at least the minimum, so it and its difference from any other stage or country
    is 0 or at least that many."""
    run = summary_latest_run()
    if run is None:
        return []
    week = filters.week or run.week
    return _funnel_rows(_funnel_totals(filters, [week]).get(week, {}))


def funnel_trend(*, filters: GapFilters) -> list[tuple[date, list[FunnelRow]]]:
    """The funnel in each of the last TREND_WEEKS snapshots, oldest first, under the same
    filters (the week filter aside). Two queries."""
    weeks = sorted(summary_weeks()[:TREND_WEEKS])
    totals = _funnel_totals(filters, weeks)
    return [(week, _funnel_rows(totals.get(week, {}))) for week in weeks]


Totals = dict[int, dict[str, int]]  # stage -> graduates ("n") and days to each later stage


def _funnel_totals(filters: GapFilters, weeks: list[date]) -> dict[date, Totals]:
    cells = FunnelCell.objects.filter(week__in=weeks)
    if filters.country:
        cells = cells.filter(country=filters.country)
    after = cells.exclude(industry="")
    if filters.industry:
        after = after.filter(industry=filters.industry)
    totals: dict[date, Totals] = defaultdict(dict)
    for part in (cells.filter(industry=""), after):
        grouped = part.values("week", "stage").annotate(
            n=Sum("graduates"),
            interview=Sum("days_to_interview"),
            offer=Sum("days_to_offer"),
            hired=Sum("days_to_hired"),
        )
        for row in grouped:
            totals[row["week"]][row["stage"]] = row
    return totals


def _funnel_rows(totals: Totals) -> list[FunnelRow]:
    rows = []
    for stage in FunnelStage:
        chain = range(1, 4) if stage <= FunnelStage.MATCHED else range(4, 8)
        reached = sum(totals.get(s, {}).get("n", 0) for s in chain if s >= stage)
        first = sum(totals.get(s, {}).get("n", 0) for s in chain)
        field = {5: "interview", 6: "offer", 7: "hired"}.get(stage)
        days = sum(totals.get(s, {}).get(field, 0) for s in chain if s >= stage) if field else 0
        rows.append(
            FunnelRow(
                stage=stage,
                label=str(stage.label),
                graduates=reached,
                share=round(100 * reached / first) if first else None,
                average_days=round(days / reached, 1) if field and reached else None,
            )
        )
    return rows


# --- visa feasibility ---------------------------------------------------------------------------

MISSING_LABELS = {
    "topik": _("Korean (a higher TOPIK level)"),
    "kiip": _("The KIIP programme (a higher stage)"),
    "experience": _("Work experience"),
    "degree": _("A higher degree"),
    "salary": _("A better-paid offer"),
}
NO_STEP = "none"
NO_STEP_LABEL = _("No step listed (nationality, age or status)")


@dataclass
class VisaRow:
    """One country (`country` empty: all countries): its graduates assessed, how many have a
    work route open, and of the others how many miss each kind of condition (a graduate whose
    easiest way needs two kinds counts under both; NO_STEP: no listed step opens a route)."""

    country: str
    name: str
    graduates: int = 0
    open: int = 0
    missing: dict[str, int] = field(default_factory=dict)

    @property
    def closed(self) -> int:
        return self.graduates - self.open

    @property
    def share_open(self) -> int | None:
        return round(100 * self.open / self.graduates) if self.graduates else None

    @property
    def top_missing(self) -> tuple[str, int] | None:
        """The most common missing condition's label and count (None: nobody is missing one)."""
        if not self.missing:
            return None
        kind = max(self.missing, key=lambda k: (self.missing[k], -_MISSING_ORDER.index(k)))
        return str(MISSING_LABELS.get(kind, NO_STEP_LABEL)), self.missing[kind]


_MISSING_ORDER = [*MISSING_KINDS, NO_STEP]


def visa_feasibility(*, week: date | None = None) -> list[VisaRow]:
    """All countries first, then each country by graduates assessed (most first). Every figure
    is a sum of disjoint stored groups of at least the minimum (analytics.models.VisaCell)."""
    run = summary_latest_run()
    if run is None:
        return []
    week = week or run.week
    return _visa_rows(VisaCell.objects.filter(week=week)).get(week, [])


def visa_trend() -> list[tuple[date, VisaRow]]:
    """All countries' row in each of the last TREND_WEEKS snapshots that assessed anyone,
    oldest first. One query."""
    weeks = sorted(summary_weeks()[:TREND_WEEKS])
    rows = _visa_rows(VisaCell.objects.filter(week__in=weeks))
    return [(week, rows[week][0]) for week in weeks if week in rows]


def _visa_rows(cells: QuerySet[VisaCell]) -> dict[date, list[VisaRow]]:
    weeks: dict[date, dict[str, VisaRow]] = defaultdict(dict)
    for cell in cells.order_by("week", "country", "missing"):
        rows = weeks[cell.week]
        total = rows.setdefault("", VisaRow(country="", name=str(_("All countries"))))
        row = rows.setdefault(
            cell.country, VisaRow(country=cell.country, name=str(countries.name(cell.country)))
        )
        for target in (row, total):
            target.graduates += cell.graduates
            if cell.open:
                target.open += cell.graduates
                continue
            for kind in cell.missing.split("+") if cell.missing else [NO_STEP]:
                target.missing[kind] = target.missing.get(kind, 0) + cell.graduates
    return {
        week: [
            rows[""],
            *sorted(
                (row for key, row in rows.items() if key), key=lambda r: (-r.graduates, r.name)
            ),
        ]
        for week, rows in weeks.items()
    }
