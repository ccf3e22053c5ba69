"""The summary job: this week's snapshot of skills demand and supply (analytics.models), from
the public postings and the active graduates' profiles, replacing any snapshot of the same week.

Demand reads a few rows per posting (10,000 postings: about 50,000 rows); supply is counted by
the database (GROUP BY), so 100,000 graduates never come into Python. Supply cells under
settings.ANALYTICS_MIN_CELL graduates are left out (analytics.models explains why).
"""

import time
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from analytics.models import DemandCell, SummaryRun, SupplyCell
from jobs.models import JobPosting, PostingSkill, Requirement
from profiles.models import GraduateProfile, GraduateSkill
from skills.models import Skill

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


@transaction.atomic
def skills_summary_compute(*, today: date | None = None) -> SummaryRun:
    """This week's snapshot (again, if it exists: the newest data replaces it)."""
    started, clock = timezone.now(), time.perf_counter()
    week = week_of(today or timezone.localdate())
    demand = _demand_cells(week)
    supply, left_out, holdings = _supply_cells(week)
    DemandCell.objects.filter(week=week).delete()
    SupplyCell.objects.filter(week=week).delete()
    DemandCell.objects.bulk_create(demand, batch_size=2000)
    SupplyCell.objects.bulk_create(supply, batch_size=2000)
    return SummaryRun.objects.create(
        week=week,
        started_at=started,
        seconds=time.perf_counter() - clock,
        graduates=GraduateProfile.objects.filter(user__is_active=True).count(),
        postings=JobPosting.objects.public().count(),
        suppressed_cells=left_out,
        suppressed_holdings=holdings,
    )
