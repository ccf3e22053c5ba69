"""Number formats the employer pages use (labels come from the vocabularies' own choices), a
candidate's reasons, and the rows of their table of postings."""

from collections.abc import Sequence
from html import escape as _escape
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.fragments import kept_fragments
from jobs.models import JobPosting
from matching.explain import Explanation
from matching.reasons import employer_reasons

register = template.Library()

POSTING_ROWS_KEPT_SECONDS = 600


@register.filter
def percent(value: float | None) -> str:
    """0.734 -> "73" (the caller adds the % sign)."""
    return "" if value is None else str(round(float(value) * 100))


@register.simple_tag
def employer_reason_list(explanation: Explanation) -> SafeString:
    """The candidate's explanation in the employer's words (matching.reasons): a line for each
    skill, need and constraint not met, then the gaps. Written in Python, not a template: a
    list of candidates has twenty of them, a dozen lines each, and as a template loop they
    were half of the list's rendering. Each text is escaped as Django's `escape` does, without
    its wrapper for lazy text (every text here is a str already): format_html's checks for it
    were a third of the time left."""
    reasons = employer_reasons(explanation)
    items = []
    for line in reasons.lines:
        qualifier = (
            f' <span class="muted">({_escape(line.qualifier)})</span>' if line.qualifier else ""
        )
        points = f' <span class="muted">· {_escape(line.points)}</span>' if line.points else ""
        items.append(
            f'<li class="{"ok" if line.ok else "gap"}"><strong>{_escape(line.name)}</strong>'
            f"{qualifier} – {_escape(line.words)}{points}</li>"
        )
    html = (
        f'<ul class="reasons">{"".join(items)}</ul>'
        f'<p class="small explanation-gaps">{_escape(reasons.gaps)}</p>'
    )
    return mark_safe(html)  # noqa: S308 (every text in it escaped above)


@register.simple_tag
def posting_rows(postings: Sequence[JobPosting]) -> SafeString:
    """The rows of the employer's table of postings (their postings page, their dashboard), from
    postings read with their counts (portal.employer.selectors.employer_postings_overview).
    Each row is rendered once and kept in the shared cache under everything it shows: the
    posting, its title, status and publication, its three counts, the language and the time
    zone its date is shown in. A new application or a new match list is a new row."""
    postings = list(postings)
    zone, language = timezone.get_current_timezone_name(), get_language()
    keys = [repr(("employer-posting-row", *_row_shows(p), language, zone)) for p in postings]

    def render_rows(indexes: list[int]) -> list[str]:
        row = get_template("employer/_posting_row.html")
        return [row.render({"posting": postings[i]}) for i in indexes]

    rows = kept_fragments(keys, render_rows, seconds=POSTING_ROWS_KEPT_SECONDS)
    return mark_safe("".join(rows))  # noqa: S308 (rows this code rendered from its template)


def _row_shows(posting: JobPosting) -> tuple[object, ...]:
    p: Any = posting  # read with its counts (annotations)
    return (
        *(p.pk, p.title, p.status, p.published_at),
        *(p.ranked_candidates, p.applications_total, p.applications_new),
    )
