"""Skills analytics for staff: which skills Korean employers require that ASEAN graduates lack,
by graduates' country, company industry, job region and week; the courses that close the widest
gaps; each one's trend week by week; charts (their data as JSON) with the same figures in a table
beside them, and CSV exports; the funnel from signing up to a job, by country and industry.
Everything is read from the weekly summary tables (analytics), never from profiles or postings."""

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from analytics.selectors import (
    BY_CATEGORY,
    BY_SKILL,
    FunnelRow,
    GapRow,
    TrendPoint,
    courses_for_gaps,
    funnel,
    skill_gaps,
    skill_trend,
    summary_latest_run,
    summary_weeks,
)
from analytics.tasks import skills_summary_task
from core.enqueue import send_after_commit
from portal.staff.forms import SkillGapFilterForm

CHART_ROWS = 20  # the widest gaps, in the chart
TABLE_ROWS = 50
COURSE_ROWS = 10  # the widest gaps whose courses are listed


def _staff_only(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


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
    _staff_only(request)
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
    _staff_only(request)
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
    form = SkillGapFilterForm({**request.GET.dict(), "by": by}, weeks=summary_weeks())
    try:
        name, points = skill_trend(subject_id=pk, filters=form.filters())
    except LookupError:
        raise Http404("No such skill or category") from None
    return form, name, points


@login_required
@require_GET
def trend_page(request: AuthenticatedHttpRequest, by: str, pk: int) -> HttpResponse:
    """One skill's (or category's) openings and qualified graduates week by week."""
    _staff_only(request)
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
    _staff_only(request)
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
    _staff_only(request)
    form, name, points = _trend(request, by, pk)
    filters = form.filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="skill-trend.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["week", "subject", "postings", "openings", "level_asked", "qualified_graduates",
         "graduates_from", "industry", "region"]
    )  # fmt: skip
    for point in points:
        writer.writerow(
            [point.week, name, point.postings, point.openings, point.level_asked or "",
             "" if point.qualified is None else point.qualified, filters.country or "all",
             filters.industry or "all", filters.region or "all"]
        )  # fmt: skip
    return response


@login_required
@require_GET
def skills_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every row under the page's filters, as CSV (aggregates only, as on the page)."""
    _staff_only(request)
    form, rows = _gaps(request)
    filters = form.filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="skills-demand-supply.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["subject", "category", "postings", "openings", "level_asked", "qualified_graduates",
         "gap", "graduates_from", "industry", "region", "week"]
    )  # fmt: skip
    week = filters.week or next(iter(summary_weeks()), None)
    for row in rows:
        writer.writerow(
            [row.name, row.group, row.postings, row.openings, row.level_asked, row.qualified,
             row.gap, filters.country or "all", filters.industry or "all",
             filters.region or "all", week]
        )  # fmt: skip
    return response


@login_required
@require_POST
def skills_refresh(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compute this week's snapshot now (a worker does it; it also runs every night)."""
    _staff_only(request)
    send_after_commit(skills_summary_task)
    messages.success(
        request, _("This week's figures are being computed: reload the page in a minute.")
    )
    return redirect("staff:analytics_skills")


# --- the funnel ---------------------------------------------------------------------------------


def _funnel(request: AuthenticatedHttpRequest) -> tuple[SkillGapFilterForm, list[FunnelRow]]:
    form = SkillGapFilterForm(request.GET or None, weeks=summary_weeks())
    return form, funnel(filters=form.filters())


@login_required
@require_GET
def funnel_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """From signing up to a job: graduates at each stage, by country and industry."""
    _staff_only(request)
    form, rows = _funnel(request)
    return render(
        request,
        "staff/analytics_funnel.html",
        {
            "form": form,
            "rows": rows,
            "run": summary_latest_run(),
            "query": request.GET.urlencode(),
            "min_cell": settings.ANALYTICS_MIN_CELL,
            "threshold": round(100 * settings.ANALYTICS_MATCH_THRESHOLD),
        },
    )


@login_required
@require_GET
def funnel_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    _staff_only(request)
    _form, rows = _funnel(request)
    return JsonResponse(
        {
            "kind": "bar",
            "horizontal": True,
            "labels": [row.label for row in rows],
            "series": [{"name": _("Graduates"), "values": [row.graduates for row in rows]}],
        }
    )


@login_required
@require_GET
def funnel_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    _staff_only(request)
    form, rows = _funnel(request)
    filters = form.filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="graduate-funnel.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["stage", "graduates", "share_percent", "average_days_from_application",
         "graduates_from", "industry"]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            [row.label, row.graduates, "" if row.share is None else row.share,
             "" if row.average_days is None else row.average_days,
             filters.country or "all", filters.industry or "all"]
        )  # fmt: skip
    return response
