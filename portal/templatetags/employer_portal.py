"""Number formats the employer pages use (labels come from the vocabularies' own choices), a
candidate's reasons, and the rows of their table of postings."""

from collections.abc import Sequence
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
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
    were half of the list's rendering."""
    reasons = employer_reasons(explanation)
    lines = format_html_join(
        "",
        '<li class="{}"><strong>{}</strong>{} – {}{}</li>',
        (
            (
                "ok" if line.ok else "gap",
                line.name,
                format_html(' <span class="muted">({})</span>', line.qualifier)
                if line.qualifier
                else "",
                line.words,
                format_html(' <span class="muted">· {}</span>', line.points) if line.points else "",
            )
            for line in reasons.lines
        ),
    )
    return format_html(
        '<ul class="reasons">{}</ul><p class="small explanation-gaps">{}</p>', lines, reasons.gaps
    )


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
