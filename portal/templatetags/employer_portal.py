"""Number formats the employer pages use (labels come from the vocabularies' own choices)."""

from django import template

from matching.explain_needs import NeedTerm
from matching.reasons import need_text

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.734 -> "73" (the caller adds the % sign)."""
    return "" if value is None else str(round(float(value) * 100))


@register.filter
def need_words(term: NeedTerm) -> str:
    """One of the posting's other needs, as the employer reads it (matching.reasons)."""
    return need_text(term, for_employer=True)
