"""The form renderer of every form (settings.FORM_RENDERER): Django's own, except that a select
and its options are written in Python. Django renders each option through two templates of its
own (the option and its attributes), and the selects of the search filters and the profile's
skill rows cost most of those pages' rendering that way. The HTML is Django's, character for
character (tests/core/test_form_rendering.py compares every form of the project).

A select whose options use another template than Django's, or a project template that
overrides Django's select, is rendered by the templates as before.
"""

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


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
        return super().render(template_name, context, request)


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
