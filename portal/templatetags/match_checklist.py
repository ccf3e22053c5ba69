"""The items of "How you match" on a graduate's job page: `{% checklist_items items "skills" %}`
(or "needs", "constraints") writes the `<li>`s of one list.

Written in Python, not a template: every job page a graduate opens has its own fifteen or so
items (their levels against the posting's), so none can be kept, and as a template they were a
sixth of the page's time (each item's state, points and words looked up and translated one by
one). The words of the states are translated once per list.
"""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from matching.reasons import ChecklistItem, points_text

register = template.Library()
KINDS = ("skills", "needs", "constraints")


@register.simple_tag
def checklist_items(items: Iterable[ChecklistItem], kind: str) -> SafeString:
    """One list's items: its label (a skill's with "nice to have" or "must have"), its state
    (met, partly, missing; a constraint is met or missing) and its detail with its points (a
    constraint has none). No skills listed: a line that says so."""
    if kind not in KINDS:
        raise template.TemplateSyntaxError(f"checklist_items: kind is one of {KINDS}")
    states = {"met": _("Met"), "partial": _("Partly"), "missing": _("Missing")}
    if kind == "constraints":
        states["partial"] = states["missing"]
    marks = {
        "nice": format_html(' <span class="muted small">({})</span>', _("nice to have")),
        "breaker": format_html(' <span class="muted small">({})</span>', _("must have")),
    }
    rows = []
    for item in items:
        mark = marks.get(item.requirement, "") if kind == "skills" else ""
        detail = (
            item.detail if kind == "constraints" else f"{item.detail} · {points_text(item.points)}"
        )
        rows.append(
            (item.status, item.label, mark, states.get(item.status, states["missing"]), detail)
        )
    if not rows and kind == "skills":
        return format_html(
            '<li class="muted">{}</li>', _("The employer has not listed specific skills.")
        )
    return format_html_join(
        "",
        '<li class="check-{}"><span class="check-label">{}{}</span>'
        '<span class="check-state">{}</span><span class="check-detail">{}</span></li>',
        rows,
    )
