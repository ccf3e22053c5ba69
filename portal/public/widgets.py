"""Widgets and choice lists of the visa forms that Django's own would make slow."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

Choices = list[tuple[Any, Any]]


class PythonSelect(forms.Select):
    """A select rendered in Python: Django renders each option through its own templates, and
    the checker's selects (every country, twice) cost most of its rendering time that way.
    The options' HTML is kept per language and list of choices; the chosen one is marked on
    the copy."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        html = _options_html(self.choices)
        for chosen in {str(v) for v in self.format_value(value)}:
            marker = format_html('<option value="{}">', chosen)
            html = html.replace(marker, marker[:-1] + " selected>", 1)
        return format_html("<select{}>{}</select>", attributes, mark_safe(html))  # noqa: S308


_OPTIONS_KEPT: dict[tuple[str, int, str], str] = {}


def _options_html(choices: Any) -> str:
    """The options (and groups) of a list of choices, without any selected, as HTML."""
    labels = tuple(
        (str(v), tuple((str(iv), str(il)) for iv, il in label) if isinstance(label, list | tuple)
         else str(label))
        for v, label in choices
    )  # fmt: skip
    key = (get_language() or "", hash(labels), "")
    if key not in _OPTIONS_KEPT:
        if len(_OPTIONS_KEPT) > 64:  # a few lists in a few languages; never grows unbounded
            _OPTIONS_KEPT.clear()

        def options(pairs: Iterable[tuple[str, str]]) -> str:
            return format_html_join("", '<option value="{}">{}</option>', pairs)

        _OPTIONS_KEPT[key] = "".join(
            format_html('<optgroup label="{}">{}</optgroup>', v, mark_safe(options(label)))  # noqa: S308
            if isinstance(label, tuple)
            else options([(v, label)])
            for v, label in labels
        )
    return _OPTIONS_KEPT[key]
