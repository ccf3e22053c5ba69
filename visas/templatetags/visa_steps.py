from typing import Any

from django import template

register = template.Library()


@register.filter
def for_hint(step_courses: dict[str, Any] | None, hint: str) -> Any:
    """The catalogue link for a next step (`step_courses[hint]`), or None."""
    return (step_courses or {}).get(hint)
