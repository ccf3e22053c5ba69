"""Parts a page shows more than once: `{% include_repeated "_nav.html" %}` renders the template
the first time it is asked for in a page and repeats the same HTML after (the header shows the
navigation twice, for wide and for narrow screens, from one rendering)."""

from typing import Any

from django import template
from django.template.context import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def include_repeated(context: Context, name: str) -> SafeString:
    state: Any = context.render_context
    rendered: dict[str, SafeString] = state.setdefault("include_repeated", {})
    if name not in rendered:
        html = get_template(name).template.render(context)  # type: ignore[attr-defined]
        rendered[name] = mark_safe(html)  # noqa: S308 (the template's own escaped output)
    return rendered[name]
