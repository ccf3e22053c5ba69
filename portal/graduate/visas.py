"""The graduate's own visa guidance, from their profile, with "what if" controls."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from accounts.http import signed_in_user
from core.choices import EducationLevel
from core.fragments import kept_values
from matching.selectors import person_facts_kept
from portal.public.forms import WhatIfForm
from portal.public.visas import OFFICIAL_SOURCES, visa_results
from profiles.models import GraduateProfile
from profiles.permissions import signed_in_graduate
from visas.rules import RuleInputError
from visas.selectors import own_answers_key, visa_guidance

_EDUCATION_LABELS = dict(EducationLevel.choices)
MINE_KEPT_SECONDS = 600  # course links in the guidance may be this old
KEPT_PARTS = ("visas/_mine_results.html", "visas/_what_if_status.html")


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The graduate's guidance from their profile, with "what if" controls (works without JS)."""
    if not signed_in_user(request).is_graduate:
        return redirect("dashboard")
    return render(
        request, "visas/mine.html", _mine_context(request, _own_profile(request), keep=True)
    )


@login_required
@require_GET
def mine_results(request: HttpRequest) -> HttpResponse:
    """The results fragment of `mine` for htmx. Opened directly (no HX-Request header), it sends
    the browser to the full page with the same answers instead of showing a bare fragment."""
    if not signed_in_user(request).is_graduate:
        return redirect("dashboard")
    full_page = reverse("visas:mine")
    if request.GET:
        full_page += "?" + request.GET.urlencode()
    if not request.htmx:  # type: ignore[attr-defined]
        response: HttpResponse = redirect(full_page)
    else:
        response = render(
            request,
            "visas/mine_results_partial.html",
            _mine_context(request, _own_profile(request)),
        )
        response["HX-Push-Url"] = full_page
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def mine_route(request: HttpRequest, code: str) -> HttpResponse:
    """One route's conditions, checked, and its sources, for the graduate's own guidance with
    the same "what if" answers (the query string): fetched when opened, so the page of all
    routes stays small; a page of its own without JavaScript."""
    if not signed_in_user(request).is_graduate:
        return redirect("dashboard")
    context = _mine_context(request, _own_profile(request))
    guidance = context.get("guidance")
    pathway = next(
        (p for p in (guidance.pathways if guidance else []) if slugify(p.code) == code), None
    )
    if pathway is None:
        raise Http404("No such route.")
    back = reverse("visas:mine") + ("?" + request.GET.urlencode() if request.GET else "")
    route_context = {"pathway": pathway, "open": True, "back_url": back}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "visas/_route_details.html", route_context)
    return render(request, "visas/route.html", route_context)


def _own_profile(request: HttpRequest) -> GraduateProfile | None:
    """The graduate's profile, or None before they have one. What the visa rules read of it
    (its degrees and jobs too) comes kept with their matching facts (`person_facts_kept`)."""
    return signed_in_graduate(request)


def _mine_context(
    request: HttpRequest, profile: GraduateProfile | None, *, keep: bool = False
) -> dict[str, Any]:
    """The page's context. `keep`: the guidance from the profile alone (no "what if" asked) is
    rendered once and kept in the shared cache (`results_html`, with the status line that
    counts its routes, `status_html`) under the graduate's visa facts,
    the day, the language and the rules' version, so no process works it out again while they
    stay the same. "What if" answers are worked out per request (kept per process, as the
    checker's: they must not fill the shared cache)."""
    context: dict[str, Any] = {"profile": profile, "official_sources": OFFICIAL_SOURCES}
    if profile is None:
        context["profile_gaps"] = {"nationality": _("Your profile has no nationality yet.")}
        return {**context, **visa_results(None)}
    try:
        person = person_facts_kept(profile=profile)
    except RuleInputError as error:
        context["profile_gaps"] = error.errors
        return {**context, **visa_results(None)}
    submitted = any(name in request.GET for name in WhatIfForm.base_fields)
    form = WhatIfForm(request.GET if submitted else None, person=person)
    offer = None
    if submitted and form.is_valid():
        person, offer = form.cleaned_data["person"], form.cleaned_data["offer"]
    today = timezone.localdate()
    context = {
        **context,
        # Each route's conditions and sources load when opened (mine_route), as on the checker.
        "details_query": request.GET.urlencode(),
        "details_route": "visas:mine_route",
        "form": form,
        "person": person,
        "offer": offer,
        "what_if": person.topik != form.person.topik or offer is not None,
        "nationality_name": countries.name(form.person.nationality),
        "education_label": _EDUCATION_LABELS.get(form.person.education_level, ""),
        "degree_country_name": countries.name(form.person.degree_country),
    }
    kept_as = own_answers_key(part="visa-mine", person=person, on=today)
    if keep and not submitted and kept_as is not None:

        def results(_indexes: list[int]) -> list[tuple[str, str]]:
            guidance = visa_guidance(person=person, offer=None, on=today)
            page = {**context, **visa_results(guidance)}
            results_html, status_html = (render_to_string(n, page, request) for n in KEPT_PARTS)
            return [(results_html, status_html)]

        kept = kept_values([kept_as], results, seconds=MINE_KEPT_SECONDS)[0]
        # Both from one rendering: the status line counts the routes the results show.
        context["results_html"], context["status_html"] = (mark_safe(part) for part in kept)  # noqa: S308
        return context
    return {**context, **visa_results(visa_guidance(person=person, offer=offer, on=today))}
