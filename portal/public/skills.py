"""Skill suggestions for the forms' autocomplete."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from skills.selectors import skill_search

AUTOCOMPLETE_MIN_CHARS = 2


@require_GET
def skill_autocomplete(request: HttpRequest) -> HttpResponse:
    """`<option>`s for a `<datalist>`: skills whose name, Korean name or alias contains `q`.

    Forms take the skill's name as text and resolve it with `skill_for_label`, so a typed alias or
    Korean name works without JavaScript; htmx only refreshes the suggestions while typing."""
    text = request.GET.get("q", "").strip()[:80]
    skills = skill_search(text=text, limit=12) if len(text) >= AUTOCOMPLETE_MIN_CHARS else []
    return render(request, "skills/_autocomplete_options.html", {"skills": skills})
