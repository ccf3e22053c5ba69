"""The public visa checker (the graduate's own guidance is portal.graduate.visas)."""

from typing import Any

from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from portal.public.forms import VisaCheckForm
from training.selectors import courses_for_next_steps
from visas.rules import ELIGIBLE, ELIGIBLE_ONCE, NOT_OPEN, Guidance, PathwayResult
from visas.selectors import rules_version, visa_answer_key, visa_guidance

OFFICIAL_SOURCES = (
    ("HiKorea", "https://www.hikorea.go.kr"),
    ("Korea Visa Portal", "https://www.visa.go.kr"),
)


# A checker page's content (the form as answered and the answer) is kept this long in the
# process ("answers" cache) under the rules' version token; its course links can be this old.
CHECKER_KEPT_SECONDS = 600


@require_GET
def check(request: HttpRequest) -> HttpResponse:
    """The public checker. A GET form, so a result is a link that can be shared.

    The page's content depends only on the answers (the query string), the day, the language
    and the rules: the same question (a shared link, a reload, the next visitor with the same
    answers) is served from the process's kept copy without validating, evaluating or
    rendering again."""
    key = _content_key(request)
    content = caches["answers"].get(key) if key is not None else None
    if content is None:
        content = render_to_string("visas/_checker.html", _checker_context(request), request)
        if key is not None:
            caches["answers"].set(key, content, CHECKER_KEPT_SECONDS)
    return render(request, "visas/check.html", {"checker": content})


def _checker_context(request: HttpRequest) -> dict[str, Any]:
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
    return {
        "form": form,
        "official_sources": OFFICIAL_SOURCES,
        "details_query": request.GET.urlencode(),
        **visa_results(guidance),
    }


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


def _content_key(request: HttpRequest) -> str | None:
    """What the checker's content depends on: the answers (its links carry them), today (the
    default day of the rules, shown in the form) and the language, under the rules' version.
    Nothing in it is personal."""
    answers = sorted((k, v) for k, values in request.GET.lists() for v in values)
    return visa_answer_key("checker", answers, timezone.localdate().isoformat(), get_language())


def visa_results(guidance: Guidance | None) -> dict[str, Any]:
    """The guidance and its routes by verdict, for the overview above the route cards."""
    if guidance is None:
        return {"guidance": None}
    by_verdict: dict[str, list[PathwayResult]] = {ELIGIBLE: [], ELIGIBLE_ONCE: [], NOT_OPEN: []}
    for pathway in guidance.pathways:
        by_verdict[pathway.verdict].append(pathway)
    return {
        "guidance": guidance,
        "rules_version": rules_version(),  # the route cards are kept under it
        "step_courses": courses_for_next_steps(guidance=guidance),
        "open_now": by_verdict[ELIGIBLE],
        "open_later": by_verdict[ELIGIBLE_ONCE],
        "not_open": by_verdict[NOT_OPEN],
    }
