"""The summary job: this week's snapshot of skills demand and supply, of the funnel from
signing up to a job and of work-visa feasibility (analytics.models), from the public postings,
the active graduates' profiles, their matches and applications, replacing any snapshot of the
same week.

Demand reads a few rows per posting (10,000 postings: about 50,000 rows); supply is counted by
the database (GROUP BY), so 100,000 graduates never come into Python. Supply cells under
settings.ANALYTICS_MIN_CELL graduates are left out (analytics.models explains why).
"""

import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper
from django.utils import timezone

from accounts.models import User
from analytics.models import (
    DemandCell,
    FunnelCell,
    FunnelStage,
    SummaryRun,
    SupplyCell,
    VisaCell,
)
from jobs.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    JobPosting,
    PostingSkill,
    Requirement,
)
from matching.selectors import graduate_ids_matched_above
from profiles.models import GraduateProfile, GraduateSkill
from profiles.selectors import graduates_ready_to_apply
from skills.models import Skill
from visas.rules import PersonFacts, work_routes_loaded
from visas.rules.feasibility import Feasibility, work_feasibility
from visas.selectors import active_graduates_facts, rules_snapshot_cached

DemandKey = tuple[str, int, str, str, int]  # (skill|category, id, industry, region, level)


def week_of(day: date) -> date:
    """The Monday that names the week of `day`."""
    return day - timedelta(days=day.weekday())


def _demand_cells(week: date) -> list[DemandCell]:
    rows = PostingSkill.objects.filter(
        posting__in=JobPosting.objects.public().values("pk"),
        requirement__in=[Requirement.DEAL_BREAKER, Requirement.REQUIRED],
    ).values_list(
        "posting_id", "skill_id", "skill__category_id", "min_level", "posting__openings",
        "posting__employer__industry", "posting__region",
    )  # fmt: skip
    postings: dict[DemandKey, int] = defaultdict(int)
    openings: dict[DemandKey, int] = defaultdict(int)
    best: dict[tuple[int, int], tuple[int, int, str, str]] = {}  # (posting, category) -> ...
    for posting, skill, category, level, seats, industry, region in rows.iterator(2000):
        key = ("skill", skill, industry, region, level)
        postings[key] += 1
        openings[key] += seats
        known = best.get((posting, category))
        if known is None or level > known[0]:
            best[(posting, category)] = (level, seats, industry, region)
    for (_posting, category), (level, seats, industry, region) in best.items():
        key = ("category", category, industry, region, level)
        postings[key] += 1
        openings[key] += seats
    return [
        DemandCell(
            week=week,
            skill_id=subject if kind == "skill" else None,
            category_id=subject if kind == "category" else None,
            industry=industry,
            region=region,
            min_level=level,
            postings=postings[key],
            openings=openings[key],
        )
        for key in postings
        for kind, subject, industry, region, level in [key]
    ]


_CATEGORY_SUPPLY = """
SELECT category_id, nationality, level, COUNT(*) FROM (
    SELECT gs.profile_id, s.category_id, p.nationality, MAX(gs.level) AS level
    FROM {skills_held} gs
    JOIN {skills} s ON s.id = gs.skill_id
    JOIN {profiles} p ON p.id = gs.profile_id
    JOIN {users} u ON u.id = p.user_id
    WHERE u.is_active = %s
    GROUP BY gs.profile_id, s.category_id, p.nationality
) best
GROUP BY category_id, nationality, level
"""


def _supply_cells(week: date) -> tuple[list[SupplyCell], int, int]:
    """(the cells kept, how many were left out for holding too few graduates, and how many
    graduates' skills those skill cells held)."""
    by_skill = (
        GraduateSkill.objects.filter(profile__user__is_active=True)
        .values_list("skill_id", "profile__nationality", "level")
        .annotate(graduates=Count("profile_id"))
        .order_by()
    )
    sql = _CATEGORY_SUPPLY.format(
        skills_held=GraduateSkill._meta.db_table,
        skills=Skill._meta.db_table,
        profiles=GraduateProfile._meta.db_table,
        users=User._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True])
        by_category = cursor.fetchall()
    smallest = settings.ANALYTICS_MIN_CELL
    cells, left_out, holdings = [], 0, 0
    for kind, rows in (("skill", list(by_skill)), ("category", by_category)):
        for subject, country, level, graduates in rows:
            if graduates < smallest:
                left_out += 1
                holdings += graduates if kind == "skill" else 0
                continue
            cells.append(
                SupplyCell(
                    week=week,
                    skill_id=subject if kind == "skill" else None,
                    category_id=subject if kind == "category" else None,
                    country=country or "",
                    level=level,
                    graduates=graduates,
                )
            )
    return cells, left_out, holdings


# --- the funnel ---------------------------------------------------------------------------------

_REACHED = {
    ApplicationStatus.INTERVIEW: FunnelStage.INTERVIEW,
    ApplicationStatus.OFFER: FunnelStage.OFFER,
    ApplicationStatus.HIRED: FunnelStage.HIRED,
}
_DAYS = {
    FunnelStage.INTERVIEW: "days_to_interview",
    FunnelStage.OFFER: "days_to_offer",
    FunnelStage.HIRED: "days_to_hired",
}
Pair = tuple[int, str]  # (graduate, industry)


def _before_applying() -> Counter[tuple[str, int]]:
    """(nationality, furthest stage before applying) -> graduates: registered, ready to apply,
    or ready and matched above the threshold."""
    matched = graduate_ids_matched_above(score=settings.ANALYTICS_MATCH_THRESHOLD)
    ready = ExpressionWrapper(graduates_ready_to_apply(), output_field=BooleanField())
    profiles = (
        GraduateProfile.objects.filter(user__is_active=True)
        .annotate(ready=ready)
        .values_list("pk", "nationality", "ready")
        .order_by()
    )
    cells: Counter[tuple[str, int]] = Counter()
    for pk, country, is_ready in profiles.iterator(chunk_size=5000):
        stage = FunnelStage.REGISTERED
        if is_ready:
            stage = FunnelStage.MATCHED if pk in matched else FunnelStage.READY
        cells[(country or "", stage)] += 1
    return cells


def _after_applying() -> tuple[dict[Pair, str], dict[Pair, int], dict[Pair, dict[int, int]]]:
    """For each graduate and industry they applied in: their nationality, the furthest stage,
    and the days from their first application there to first reaching each later stage."""
    active = {"graduate__user__is_active": True}
    applications = Application.objects.filter(**active).values_list(
        "id", "graduate_id", "graduate__nationality", "posting__employer__industry", "created_at"
    )
    pair_of: dict[int, Pair] = {}
    country: dict[Pair, str] = {}
    first: dict[Pair, datetime] = {}
    for app_id, graduate, nationality, industry, created in applications.iterator(5000):
        pair = (graduate, industry)
        pair_of[app_id] = pair
        country[pair] = nationality or ""
        first[pair] = min(first.get(pair, created), created)
    furthest = dict.fromkeys(first, int(FunnelStage.APPLIED))
    reached_at: dict[Pair, dict[int, datetime]] = defaultdict(dict)
    moves = ApplicationStatusChange.objects.filter(
        to_status__in=list(_REACHED), **{f"application__{k}": v for k, v in active.items()}
    ).values_list("application_id", "to_status", "changed_at")
    for app_id, status, changed in moves.iterator(5000):
        found, stage = pair_of.get(app_id), int(_REACHED[ApplicationStatus(status)])
        if found is None:
            continue
        pair = found
        furthest[pair] = max(furthest[pair], stage)
        known = reached_at[pair].get(stage)
        reached_at[pair][stage] = changed if known is None else min(known, changed)
    days = {
        pair: {stage: max(0, (when - first[pair]).days) for stage, when in stages.items()}
        for pair, stages in reached_at.items()
    }
    return country, furthest, days


def _funnel_cells(week: date) -> tuple[list[FunnelCell], list[FunnelCell]]:
    """The week's funnel cells: (those kept, those left out for holding too few graduates)."""
    smallest = settings.ANALYTICS_MIN_CELL
    cells: dict[tuple[str, str, int], FunnelCell] = {}
    for (country, stage), graduates in _before_applying().items():
        cells[(country, "", stage)] = FunnelCell(
            week=week, country=country, industry="", stage=stage, graduates=graduates
        )
    country_of, furthest, days = _after_applying()
    for pair, stage in furthest.items():
        key = (country_of[pair], pair[1], stage)
        cell = cells.setdefault(
            key,
            FunnelCell(week=week, country=key[0], industry=key[1], stage=stage, graduates=0),
        )
        cell.graduates += 1
        for reached, field in _DAYS.items():
            if reached in days.get(pair, {}):
                setattr(cell, field, getattr(cell, field) + days[pair][reached])
    kept = [cell for cell in cells.values() if cell.graduates >= smallest]
    return kept, [cell for cell in cells.values() if cell.graduates < smallest]


# --- visa feasibility ---------------------------------------------------------------------------


def _offer_salary() -> int | None:
    """The median of the public postings' lower salaries (the upper one of the middle two):
    the typical offer, KRW a year."""
    postings = JobPosting.objects.public()
    count = postings.count()
    if not count:
        return None
    ordered = postings.order_by("salary_min_krw").values_list("salary_min_krw", flat=True)
    return int(ordered[count // 2])


def _visa_cells(week: date, on: date) -> tuple[list[VisaCell], int, int | None]:
    """(the cells kept, graduates in the cells left out, the offer's salary assumed). Each
    active graduate with a nationality is assessed once (visas.rules.feasibility); graduates
    with the same facts share one assessment."""
    salary = _offer_salary()
    rules = rules_snapshot_cached(on=on)
    if salary is None or not work_routes_loaded(rules):  # no answer rather than a wrong one
        return [], 0, None
    known: dict[PersonFacts, Feasibility] = {}
    counts: Counter[tuple[str, bool, str]] = Counter()
    for country, person in active_graduates_facts(on=on):
        found = known.get(person)
        if found is None:
            found = known[person] = work_feasibility(person=person, rules=rules, salary=salary)
        counts[(country, found.is_open, "+".join(found.missing))] += 1
    smallest = settings.ANALYTICS_MIN_CELL
    cells = [
        VisaCell(week=week, country=country, open=is_open, missing=missing, graduates=graduates)
        for (country, is_open, missing), graduates in counts.items()
        if graduates >= smallest
    ]
    left_out = sum(n for n in counts.values() if n < smallest)
    return cells, left_out, salary


@transaction.atomic
def skills_summary_compute(*, today: date | None = None) -> SummaryRun:
    """This week's snapshot (again, if it exists: the newest data replaces it)."""
    started, clock = timezone.now(), time.perf_counter()
    on = today or timezone.localdate()
    week = week_of(on)
    demand = _demand_cells(week)
    supply, left_out, holdings = _supply_cells(week)
    funnel, funnel_left_out = _funnel_cells(week)
    visas, visa_left_out, salary = _visa_cells(week, on)
    before = [cell for cell in funnel_left_out if cell.stage <= FunnelStage.MATCHED]
    for model in (DemandCell, SupplyCell, FunnelCell, VisaCell):
        model.objects.filter(week=week).delete()
    DemandCell.objects.bulk_create(demand, batch_size=2000)
    SupplyCell.objects.bulk_create(supply, batch_size=2000)
    FunnelCell.objects.bulk_create(funnel, batch_size=2000)
    VisaCell.objects.bulk_create(visas, batch_size=2000)
    return SummaryRun.objects.create(
        week=week,
        started_at=started,
        seconds=time.perf_counter() - clock,
        graduates=GraduateProfile.objects.filter(user__is_active=True).count(),
        postings=JobPosting.objects.public().count(),
        suppressed_cells=left_out + len(funnel_left_out),
        suppressed_holdings=holdings,
        funnel_left_out_before=sum(cell.graduates for cell in before),
        funnel_left_out_after=sum(c.graduates for c in funnel_left_out)
        - sum(cell.graduates for cell in before),
        visa_left_out=visa_left_out,
        visa_offer_salary=salary,
    )
