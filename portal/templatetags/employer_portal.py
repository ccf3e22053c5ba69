"""Number formats the employer pages use (labels come from the vocabularies' own choices)."""

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.734 -> "73" (the caller adds the % sign)."""
    return "" if value is None else str(round(float(value) * 100))
