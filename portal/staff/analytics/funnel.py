"""The funnel from signing up to a job, for staff: graduates at each stage by country and
industry, this week and week by week; charts' data as JSON, and CSV exports. Read from the
weekly summary tables (analytics), never from profiles or applications."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from analytics.models import FunnelStage
from analytics.selectors import (
    FunnelRow,
    GapFilters,
    funnel,
    funnel_trend,
    summary_latest_run,
    summary_weeks,
)
from portal.downloads import csv_download
from portal.staff.access import staff_only
from portal.staff.analytics.filters import filters_used
from portal.staff.forms import SkillGapFilterForm

# The trend chart's lines (the table beside it has every stage).
TREND_STAGES = (FunnelStage.REGISTERED, FunnelStage.MATCHED, FunnelStage.APPLIED, FunnelStage.HIRED)


def _form(request: AuthenticatedHttpRequest) -> tuple[SkillGapFilterForm, GapFilters]:
    form = SkillGapFilterForm(
        request.GET or None, weeks=summary_weeks(), only=("country", "industry", "week")
    )
    return form, form.filters()


def _funnel(request: AuthenticatedHttpRequest) -> tuple[SkillGapFilterForm, list[FunnelRow]]:
    form, filters = _form(request)
    return form, funnel(filters=filters)


@login_required
@require_GET
def funnel_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """From signing up to a job: graduates at each stage, by country and industry, and the
    same week by week."""
    staff_only(request)
    form, filters = _form(request)
    return render(
        request,
        "staff/analytics_funnel.html",
        {
            "form": form,
            "rows": funnel(filters=filters),
            "trend": funnel_trend(filters=filters),
            "stages": [str(stage.label) for stage in FunnelStage],
            "run": summary_latest_run(),
            "query": request.GET.urlencode(),
            "min_cell": settings.ANALYTICS_MIN_CELL,
            "threshold": round(100 * settings.ANALYTICS_MATCH_THRESHOLD),
        },
    )


@login_required
@require_GET
def funnel_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    staff_only(request)
    rows = _funnel(request)[1]
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
    staff_only(request)
    form, rows = _funnel(request)
    used = filters_used(form, "graduates_from", "industry")
    header = ["stage", "graduates", "share_percent", "average_days_from_application"]
    lines = [[r.label, r.graduates, r.share, r.average_days, *used.values()] for r in rows]
    return csv_download(filename="graduate-funnel.csv", rows=[[*header, *used], *lines])


@login_required
@require_GET
def funnel_trend_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Week by week, the graduates who reached some of the stages (TREND_STAGES)."""
    staff_only(request)
    filters = _form(request)[1]
    trend = funnel_trend(filters=filters)
    return JsonResponse(
        {
            "kind": "line",
            "horizontal": False,
            "labels": [week.isoformat() for week, _rows in trend],
            "series": [
                {
                    "name": str(stage.label),
                    "values": [rows[stage - 1].graduates for _week, rows in trend],
                }
                for stage in TREND_STAGES
            ],
        }
    )


@login_required
@require_GET
def funnel_trend_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_only(request)
    form, filters = _form(request)
    used = filters_used(form, "graduates_from", "industry")
    header = ["week", *(stage.name.lower() for stage in FunnelStage)]
    lines = [
        [week, *(row.graduates for row in rows), *used.values()]
        for week, rows in funnel_trend(filters=filters)
    ]
    return csv_download(filename="graduate-funnel-weekly.csv", rows=[[*header, *used], *lines])
