"""Skills demand and supply for staff: which skills Korean employers require that ASEAN graduates
lack, by graduates' country, company industry, job region and week; the courses that close the
widest gaps; each one's trend week by week; the bar chart's data as JSON, and CSV exports."""

from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from analytics.selectors import (
    BY_CATEGORY,
    BY_SKILL,
    GapRow,
    TrendPoint,
    courses_for_gaps,
    skill_gaps,
    skill_trend,
    summary_latest_run,
    summary_weeks,
)
from analytics.tasks import skills_summary_task
from core.enqueue import send_after_commit
from portal.downloads import csv_download
from portal.staff.access import staff_only
from portal.staff.analytics.filters import filters_used
from portal.staff.forms import SkillGapFilterForm

CHART_ROWS = 20  # the widest gaps, in the chart
TABLE_ROWS = 50
COURSE_ROWS = 10  # the widest gaps whose courses are listed


def _without(request: AuthenticatedHttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _gaps(request: AuthenticatedHttpRequest) -> tuple[SkillGapFilterForm, list[GapRow]]:
    form = SkillGapFilterForm(request.GET or None, weeks=summary_weeks())
    return form, skill_gaps(filters=form.filters())


@login_required
@require_GET
def skills_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_only(request)
    form, rows = _gaps(request)
    widest = [row for row in rows if row.gap > 0][:COURSE_ROWS]
    return render(
        request,
        "staff/analytics_skills.html",
        {
            "form": form,
            "rows": rows[:TABLE_ROWS],
            "row_count": len(rows),
            "chart_rows": CHART_ROWS,
            "course_rows": courses_for_gaps(rows=widest, by=form.filters().by),
            "run": summary_latest_run(),
            "query": request.GET.urlencode(),
            "trend_query": _without(request, "week", "by"),
            "by": form.filters().by,
            "min_cell": settings.ANALYTICS_MIN_CELL,
        },
    )


def _series(openings: list[int], qualified: list[int | None]) -> list[dict[str, Any]]:
    return [
        {"name": _("Openings requiring it"), "values": openings},
        {"name": _("Graduates at the level asked"), "values": qualified},
    ]


@login_required
@require_GET
def skills_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    """The bar chart's figures: the widest gaps under the same filters as the page."""
    staff_only(request)
    _form, rows = _gaps(request)
    shown = rows[:CHART_ROWS]
    return JsonResponse(
        {
            "kind": "bar",
            "horizontal": True,
            "labels": [row.name for row in shown],
            "series": _series([r.openings for r in shown], [r.qualified for r in shown]),
        }
    )


def _trend(
    request: AuthenticatedHttpRequest, by: str, pk: int
) -> tuple[SkillGapFilterForm, str, list[TrendPoint]]:
    if by not in (BY_SKILL, BY_CATEGORY):
        raise Http404("Skills or categories only")
    form = SkillGapFilterForm(
        request.GET or None, weeks=summary_weeks(), only=("country", "industry", "region")
    )
    try:
        name, points = skill_trend(subject_id=pk, filters=replace(form.filters(), by=by))
    except LookupError:
        raise Http404("No such skill or category") from None
    return form, name, points


@login_required
@require_GET
def trend_page(request: AuthenticatedHttpRequest, by: str, pk: int) -> HttpResponse:
    """One skill's (or category's) openings and qualified graduates week by week."""
    staff_only(request)
    form, name, points = _trend(request, by, pk)
    return render(
        request,
        "staff/analytics_trend.html",
        {
            "form": form,
            "by": by,
            "pk": pk,
            "name": name,
            "points": points,
            "query": _without(request, "week", "by"),
        },
    )


@login_required
@require_GET
def trend_data(request: AuthenticatedHttpRequest, by: str, pk: int) -> JsonResponse:
    staff_only(request)
    _form, _name, points = _trend(request, by, pk)
    return JsonResponse(
        {
            "kind": "line",
            "horizontal": False,
            "labels": [point.week.isoformat() for point in points],
            "series": _series([p.openings for p in points], [p.qualified for p in points]),
        }
    )


@login_required
@require_GET
def trend_csv(request: AuthenticatedHttpRequest, by: str, pk: int) -> HttpResponse:
    staff_only(request)
    form, name, points = _trend(request, by, pk)
    used = filters_used(form, "graduates_from", "industry", "region")
    header = ["week", "subject", "postings", "openings", "level_asked", "qualified_graduates"]
    lines = [
        [p.week, name, p.postings, p.openings, p.level_asked, p.qualified, *used.values()]
        for p in points
    ]
    return csv_download(filename="skill-trend.csv", rows=[[*header, *used], *lines])


@login_required
@require_GET
def skills_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every row under the page's filters, as CSV (aggregates only, as on the page)."""
    staff_only(request)
    form, rows = _gaps(request)
    used = filters_used(form, "graduates_from", "industry", "region")
    used["week"] = str(form.filters().week or next(iter(summary_weeks()), ""))
    header = ["subject", "category", "postings", "openings", "level_asked", "qualified_graduates"]
    lines = [
        [r.name, r.group, r.postings, r.openings, r.level_asked, r.qualified, r.gap] for r in rows
    ]
    return csv_download(
        filename="skills-demand-supply.csv",
        rows=[[*header, "gap", *used], *[[*line, *used.values()] for line in lines]],
    )


@login_required
@require_POST
def skills_refresh(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compute this week's snapshot now (a worker does it; it also runs every night)."""
    staff_only(request)
    send_after_commit(skills_summary_task)
    messages.success(
        request, _("This week's figures are being computed: reload the page in a minute.")
    )
    return redirect("staff:analytics_skills")
