"""The form renderer of every form (settings.FORM_RENDERER): Django's own, except that selects,
inputs and text areas are written in Python. Django renders each option through two templates
of its own (the option and its attributes), and each input through three (its kind, the input,
the attributes): the search filters, the visa checker and the profile's skill rows cost most of
their rendering that way. The HTML is Django's, character for character
(tests/core/test_form_rendering.py compares every form of the project).

A select whose options use another template than Django's is rendered by the templates as
before; so is every input and text area if Django's templates for them are not the ones this
module writes (read once, on first use: another Django version's are left to Django).
"""

from functools import cache
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
INPUT_TEMPLATE = "django/forms/widgets/input.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
_WIDGETS = Path(django.__file__).parent / "forms" / "templates"
# Django's templates as this module writes them (compared with the installed ones on first use).
_INPUT_SOURCE = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
    "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>'
)
_ATTRS_SOURCE = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
    "{% endfor %}"
)
_TEXTAREA_SOURCE = (
    '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
    "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>"
)
_INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}'


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE:
            widget = context["widget"]
            if all(
                option["template_name"] == OPTION_TEMPLATE
                for _name, options, _index in widget["optgroups"]
                for option in options
            ):
                return select_html(widget)
        elif template_name in _written_inputs():
            return input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE and _written_inputs():
            return textarea_html(context["widget"])
        return super().render(template_name, context, request)


def _source(name: str) -> str:
    return (_WIDGETS / name).read_text(encoding="utf-8").strip()


@cache
def _written_inputs() -> frozenset[str]:
    """Django's widget templates that are its input and nothing else (text, number, date,
    checkbox...), if its input, attributes and text area templates are the ones written here;
    none otherwise."""
    try:
        same = (
            _source(INPUT_TEMPLATE) == _INPUT_SOURCE
            and _source("django/forms/widgets/attrs.html") == _ATTRS_SOURCE
            and _source(TEXTAREA_TEMPLATE) == _TEXTAREA_SOURCE
        )
        if not same:
            return frozenset()
        widgets = _WIDGETS / "django" / "forms" / "widgets"
        return frozenset(
            f"django/forms/widgets/{path.name}"
            for path in widgets.glob("*.html")
            if path.read_text(encoding="utf-8").strip() in (_INCLUDES_INPUT, _INPUT_SOURCE)
        )
    except OSError:
        return frozenset()


def _text(value: Any) -> str:
    """A value as `{{ value }}` writes it: localized, then escaped unless marked safe."""
    return str(conditional_escape(localize(value)))


def _formatted(value: Any) -> str:
    """A value as `{{ value|stringformat:'s' }}` writes it (the filter keeps it safe if it was)."""
    text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting)
    return text if isinstance(value, SafeData) else str(escape(text))


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict[str, Any]) -> str:
    """django/forms/widgets/select.html with select_option.html for each option."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(
            f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
            f"{_text(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's last newline
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html (and every widget template that only includes it)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def textarea_html(widget: dict[str, Any]) -> str:
    """django/forms/widgets/textarea.html."""
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )
