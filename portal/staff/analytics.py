"""Skills analytics for staff: which skills Korean employers require that ASEAN graduates lack,
by graduates' country, company industry, job region and week; the courses that close the widest
gaps; a chart (its data as JSON) with the same figures as a table beside it, and a CSV export.
Everything is read from the weekly summary tables (analytics), never from profiles or postings."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from analytics.selectors import (
    GapRow,
    courses_for_gaps,
    skill_gaps,
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
            "min_cell": settings.ANALYTICS_MIN_CELL,
        },
    )


@login_required
@require_GET
def skills_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    """The chart's figures: the widest gaps under the same filters as the page."""
    _staff_only(request)
    _form, rows = _gaps(request)
    return JsonResponse(
        {
            "labels": {
                "openings": _("Openings requiring it"),
                "qualified": _("Graduates at the level asked"),
            },
            "rows": [
                {
                    "name": row.name,
                    "openings": row.openings,
                    "qualified": row.qualified,
                    "gap": row.gap,
                    "level_asked": row.level_asked,
                }
                for row in rows[:CHART_ROWS]
            ],
        }
    )


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
