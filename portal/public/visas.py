"""The public visa checker (the graduate's own guidance is portal.graduate.visas)."""

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from portal.public.forms import VisaCheckForm
from training.selectors import courses_for_next_steps
from visas.rules import ELIGIBLE, ELIGIBLE_ONCE, NOT_OPEN, Guidance, PathwayResult
from visas.selectors import visa_answer_key, visa_guidance

OFFICIAL_SOURCES = (
    ("HiKorea", "https://www.hikorea.go.kr"),
    ("Korea Visa Portal", "https://www.visa.go.kr"),
)


@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """The public checker. A GET form, so a result is a link that can be shared."""
    submitted = any(name in request.GET for name in VisaCheckForm.base_fields)
    form = VisaCheckForm(request.GET if submitted else None)
    guidance, answer_key = None, None
    if submitted and form.is_valid():
        guidance = visa_guidance(
            person=form.cleaned_data["person"],
            offer=form.cleaned_data["offer"],
            on=form.cleaned_data["as_of"],
            goal=form.cleaned_data.get("goal") or "",
        )
        answer_key = _answer_key(request, form.cleaned_data["as_of"])
    return render(
        request,
        "visas/check.html",
        {
            "form": form,
            "official_sources": OFFICIAL_SOURCES,
            "answer_key": answer_key,
            "details_query": request.GET.urlencode(),
            **visa_results(guidance),
        },
    )


@require_GET
def check_route(request: HttpRequest, code: str) -> HttpResponse:
    """One route's conditions, checked, and its sources, for the same answers as the checker
    (its query string): fetched when the reader opens them, so the checker's page stays small;
    a page of its own without JavaScript."""
    form = VisaCheckForm(request.GET)
    if not form.is_valid():
        return redirect(f"{reverse('visas:check')}?{request.GET.urlencode()}#answer")
    guidance = visa_guidance(
        person=form.cleaned_data["person"],
        offer=form.cleaned_data["offer"],
        on=form.cleaned_data["as_of"],
        goal=form.cleaned_data.get("goal") or "",
    )
    pathway = next((p for p in guidance.pathways if slugify(p.code) == code), None)
    if pathway is None:
        raise Http404("No such route.")
    context = {"pathway": pathway, "open": True, "query": request.GET.urlencode()}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "visas/_route_details.html", context)
    return render(request, "visas/route.html", context)


def _answer_key(request: HttpRequest, on: date) -> str | None:
    """What the rendered answer depends on: the answers (its links carry them), the day and the
    language, under the rules' version. Nothing in it is personal."""
    answers = sorted((k, v) for k, values in request.GET.lists() for v in values if k != "as_of")
    return visa_answer_key("checker", answers, on.isoformat(), get_language())


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
