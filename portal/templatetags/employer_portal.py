"""Number formats the employer pages use (labels come from the vocabularies' own choices)."""

from django import template

from matching.explain import Explanation
from matching.reasons import EmployerReasons, employer_reasons

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.734 -> "73" (the caller adds the % sign)."""
    return "" if value is None else str(round(float(value) * 100))


@register.filter(name="employer_reasons")
def employer_reasons_filter(explanation: Explanation) -> EmployerReasons:
    """The candidate's explanation in the employer's words, line by line (matching.reasons)."""
    return employer_reasons(explanation)
