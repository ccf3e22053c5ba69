"""Small display helpers for the visa pages (no rules here: the engine decides, these only word)."""

import hashlib
import re
from typing import Any, cast

from django import template
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from visas.rules import PathwayResult
from visas.selectors import visa_names

register = template.Library()


@register.filter
def visa_name(code: str, english: str = "") -> str:
    """A visa's name in the reader's language (`{{ pathway.code|visa_name:pathway.name }}`);
    the English name when there is no row for the code."""
    return visa_names(language=get_language() or "en").get(code) or english


_STATED_DATE = re.compile(r"\b\d{4}(?:-\d{2}){0,2}\b")


@register.filter
def source_date(source: Any) -> str:
    """A source's date as the research states it ("2025-03-20", "2025-03", "2018"), written the
    same in every language; the research's English notes around it stay in the admin."""
    found = _STATED_DATE.search(source.date_stated_text or "")
    return found.group(0) if found else source.date_stated.isoformat()


@register.filter
def for_hint(step_courses: dict[str, Any] | None, hint: str) -> Any:
    """The catalogue link for a next step (`step_courses[hint]`), or None."""
    return (step_courses or {}).get(hint)


# Badges drawn in loops (every condition, every source of every route): tags, not
# `{% include %}`s, which cost the checker most of its rendering time.


@register.simple_tag
def uncertain_badge() -> str:
    return format_html(
        '<span class="badge badge-uncertain" title="{}">{}</span>',
        _("The sources disagree or are incomplete here"),
        _("Uncertain"),
    )


@register.simple_tag
def met_badge(met: bool | None) -> str:
    """A condition's status: met, not met, or unknown (the facts given cannot tell)."""
    if met is True:
        return format_html('<span class="met met-yes">{}</span>', _("Met"))
    if met is False:
        return format_html('<span class="met met-no">{}</span>', _("Not met"))
    return format_html('<span class="met met-unknown">{}</span>', _("Unknown"))


@register.simple_tag
def verdict_badge(verdict: str, short: bool = False) -> str:
    """A route's verdict; `short`: the compact wording for narrow lists (a job's visa box)."""
    if verdict == "eligible":
        return format_html('<span class="badge badge-success verdict">{}</span>', _("Eligible"))
    if verdict == "eligible_once":
        words = _("Once conditions are met") if short else _("Eligible once conditions are met")
        return format_html('<span class="badge badge-warning verdict">{}</span>', words)
    return format_html('<span class="badge badge-danger verdict">{}</span>', _("Not open"))


# A route's card is the same for everyone with the same result for that route: a graduate
# who changes one answer (the salary, the TOPIK level) changes a few routes, not all fifteen,
# and the others' cards come from the process's "route_cards" cache (settings). The details
# link carries the question, which differs for every request: the card is kept with a marker
# in its place, and the marker is replaced by the question on the way out.
_QUERY_MARK = "route-card-question-d41f"


@register.simple_tag(takes_context=True)
def route_card(context: template.Context, pathway: PathwayResult) -> SafeString:
    """`visas/_pathway.html` for `pathway`, in the context of `visas/_guidance.html`."""
    query = context.get("details_query")
    version = context.get("rules_version")
    step_courses = context.get("step_courses") or {}
    courses = sorted(
        (step.skill_hint, step_courses[step.skill_hint])
        for step in pathway.next_steps
        if step.skill_hint in step_courses
    )
    key = None
    if version is not None:  # unknown when the shared cache is down: then nothing is kept
        route = context.get("details_route")  # whose details link: the checker's or mine
        lazy, shown_open = query is None, context.get("open")
        parts = (pathway, courses, lazy, route, shown_open, get_language(), version)
        key = hashlib.sha256(repr(parts).encode()).hexdigest()
    card = caches["route_cards"].get(key) if key is not None else None
    if card is None:
        with context.push(pathway=pathway, details_query=None if query is None else _QUERY_MARK):
            card = render_to_string("visas/_pathway.html", cast(dict[str, Any], context.flatten()))
        if key is not None:
            caches["route_cards"].set(key, card)
    if query is not None:
        card = card.replace(_QUERY_MARK, str(conditional_escape(query)))
    return mark_safe(card)  # noqa: S308 (rendered by the template, with its escaping)
