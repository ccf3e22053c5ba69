"""The public visa checker (the graduate's own guidance is portal.graduate.visas)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.public.forms import VisaCheckForm
from training.selectors import courses_for_next_steps
from visas.rules import ELIGIBLE, ELIGIBLE_ONCE, NOT_OPEN, Guidance, PathwayResult
from visas.selectors import visa_guidance

OFFICIAL_SOURCES = (
    ("HiKorea", "https://www.hikorea.go.kr"),
    ("Korea Visa Portal", "https://www.visa.go.kr"),
)


@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """The public checker. A GET form, so a result is a link that can be shared."""
    submitted = any(name in request.GET for name in VisaCheckForm.base_fields)
    form = VisaCheckForm(request.GET if submitted else None)
    guidance = None
    if submitted and form.is_valid():
        guidance = visa_guidance(
            person=form.cleaned_data["person"],
            offer=form.cleaned_data["offer"],
            on=form.cleaned_data["as_of"],
            goal=form.cleaned_data.get("goal") or "",
        )
    return render(
        request,
        "visas/check.html",
        {"form": form, "official_sources": OFFICIAL_SOURCES, **visa_results(guidance)},
    )


def visa_results(guidance: Guidance | None) -> dict[str, Any]:
    """The guidance and its routes by verdict, for the overview above the route cards."""
    if guidance is None:
        return {"guidance": None}
    by_verdict: dict[str, list[PathwayResult]] = {ELIGIBLE: [], ELIGIBLE_ONCE: [], NOT_OPEN: []}
    for pathway in guidance.pathways:
        by_verdict[pathway.verdict].append(pathway)
    return {
        "guidance": guidance,
        "step_courses": courses_for_next_steps(guidance=guidance),
        "open_now": by_verdict[ELIGIBLE],
        "open_later": by_verdict[ELIGIBLE_ONCE],
        "not_open": by_verdict[NOT_OPEN],
    }
