"""Work-visa feasibility for staff: which graduates could take a Korean work visa with a typical
offer, by country, what the others most often miss, and the share week by week; charts' data as
JSON, and CSV exports. Read from the weekly summary tables (analytics)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from analytics.selectors import (
    MISSING_LABELS,
    NO_STEP,
    NO_STEP_LABEL,
    VisaRow,
    summary_latest_run,
    summary_weeks,
    visa_feasibility,
    visa_trend,
)
from portal.downloads import csv_download
from portal.staff.access import staff_only
from portal.staff.forms import SkillGapFilterForm


def _visas(request: AuthenticatedHttpRequest) -> tuple[SkillGapFilterForm, list[VisaRow]]:
    form = SkillGapFilterForm(request.GET or None, weeks=summary_weeks(), only=("week",))
    return form, visa_feasibility(week=form.filters().week)


def _kinds() -> list[tuple[str, str]]:
    """Every kind of missing condition, with its label, in the tables' order."""
    labels = [*MISSING_LABELS.items(), (NO_STEP, NO_STEP_LABEL)]
    return [(kind, str(label)) for kind, label in labels]


def _missing(row: VisaRow, kinds: list[tuple[str, str]]) -> list[int]:
    return [row.missing.get(kind, 0) for kind, _label in kinds]


@login_required
@require_GET
def visas_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Which graduates could take a work visa with a typical offer, by country, and what the
    others most often lack; the share week by week."""
    staff_only(request)
    form, rows = _visas(request)
    # The table shows the kinds someone misses (the CSV keeps every column).
    kinds = [(kind, label) for kind, label in _kinds() if rows and rows[0].missing.get(kind)]
    return render(
        request,
        "staff/analytics_visas.html",
        {
            "form": form,
            "rows": rows,
            "kinds": kinds,
            "missing_rows": [
                (row, list(zip([label for _k, label in kinds], _missing(row, kinds), strict=True)))
                for row in rows
            ],
            "trend": visa_trend(),
            "run": summary_latest_run(),
            "query": request.GET.urlencode(),
            "min_cell": settings.ANALYTICS_MIN_CELL,
        },
    )


@login_required
@require_GET
def visas_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Per country: graduates with a work route open and without, stacked."""
    staff_only(request)
    _form, rows = _visas(request)
    countries = rows[1:]
    return JsonResponse(
        {
            "kind": "bar",
            "horizontal": True,
            "stacked": True,
            "labels": [row.name for row in countries],
            "series": [
                {
                    "name": _("A work route open"),
                    "values": [row.open for row in countries],
                    "tone": "success",
                },
                {
                    "name": _("No work route open"),
                    "values": [row.closed for row in countries],
                    "tone": "muted",
                },
            ],
        }
    )


@login_required
@require_GET
def visas_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_only(request)
    form, rows = _visas(request)
    kinds = _kinds()
    week = str(form.filters().week or next(iter(summary_weeks()), ""))
    header = ["country", "graduates", "work_route_open", "share_open_percent"]
    header += [f"missing_{kind}" for kind, _label in kinds]
    lines = [
        [row.country or "all", row.graduates, row.open, row.share_open, *_missing(row, kinds), week]
        for row in rows
    ]
    return csv_download(filename="visa-feasibility.csv", rows=[[*header, "week"], *lines])


@login_required
@require_GET
def visas_trend_data(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Week by week, all countries: graduates assessed, and those with a work route open."""
    staff_only(request)
    trend = visa_trend()
    return JsonResponse(
        {
            "kind": "line",
            "horizontal": False,
            "labels": [week.isoformat() for week, _row in trend],
            "series": [
                {"name": _("Graduates"), "values": [row.graduates for _week, row in trend]},
                {
                    "name": _("A work route open"),
                    "values": [row.open for _week, row in trend],
                    "tone": "success",
                },
            ],
        }
    )


@login_required
@require_GET
def visas_trend_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_only(request)
    kinds = _kinds()
    header = ["week", "graduates", "work_route_open", "share_open_percent"]
    header += [f"missing_{kind}" for kind, _label in kinds]
    lines = [
        [week, row.graduates, row.open, row.share_open, *_missing(row, kinds)]
        for week, row in visa_trend()
    ]
    return csv_download(filename="visa-feasibility-weekly.csv", rows=[header, *lines])
