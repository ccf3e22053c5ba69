"""Small display helpers for the visa pages (no rules here: the engine decides, these only word)."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


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
