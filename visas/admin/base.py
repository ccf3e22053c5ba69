"""Shared pieces of the visa-rules admin: widgets, the base admin, link and table helpers."""

import json
from collections.abc import Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from visas.models import (
    RuleSource,
    VisaCriterion,
)
from visas.services import visa_rules_changed

NOTHING = format_html("{}", "—")


class FittedTextarea(AdminTextareaWidget):
    """A textarea as tall as its text (3 to 16 rows) instead of a fixed 10 rows."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        text = str(value or "")
        lines = sum(1 + len(line) // 90 for line in text.splitlines())
        context["widget"]["attrs"]["rows"] = min(max(lines + 1, 3), 16)
        return context


class JSONTextarea(FittedTextarea):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"style": "font-family: monospace", **(attrs or {})})


class ReadableJSONField(forms.JSONField):
    """Edited as JSON, shown indented (one key per line) unless it fits on one short line."""

    widget = JSONTextarea

    def prepare_value(self, value: Any) -> Any:
        prepared = super().prepare_value(value)
        if isinstance(prepared, forms.fields.InvalidJSONInput) or len(prepared) <= 60:
            return prepared
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class RulesChangedAdmin(admin.ModelAdmin):
    """Every save or delete of a rule row tells the guidance to use the new rules at once."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._changed(request)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        self._changed(request, quiet=True)  # the same save as save_model: one message

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        self._changed(request)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        self._changed(request)

    def _changed(self, request: HttpRequest, quiet: bool = False) -> None:
        visa_rules_changed()
        if not quiet:
            messages.info(
                request,
                _("Visa guidance uses this change from the next page it shows, on every server."),
            )


class VisaRulesAdmin(RulesChangedAdmin):
    formfield_overrides = {
        models.JSONField: {"form_class": ReadableJSONField, "widget": JSONTextarea},
        models.TextField: {"widget": FittedTextarea},
    }

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        """The row's own fields, then its period and flags, its parts, its sources, the rest."""
        readonly = set(self.get_readonly_fields(request, obj))

        def place(name: Any) -> int:
            if name in {"valid_from", "valid_to", "uncertain", "note"}:
                return 1
            if name in {"sources", "source_links"}:
                return 3
            return 4 if name == "details" else 2 if name in readonly else 0

        return sorted(super().get_fields(request, obj), key=place)


def admin_url(model: type[models.Model], view: str, *args: Any, **query: Any) -> str:
    url = reverse(f"admin:visas_{model._meta.model_name}_{view}", args=args)
    return f"{url}?{urlencode(query)}" if query else url


def change_link(obj: models.Model, text: Any) -> SafeString:
    return format_html('<a href="{}">{}</a>', admin_url(type(obj), "change", obj.pk), text)


def html_table(headers: Iterable[Any], rows: Iterable[Iterable[Any]]) -> SafeString:
    """A small read-only table; cells are escaped unless already safe (links)."""
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (format_html_join("", "<td>{}</td>", (("—" if c is None else c,) for c in row)),)
            for row in rows
        ),
    )
    return format_html('<table class="visa-rules-overview"><tr>{}</tr>{}</table>', head, body)


def parts_list(
    headers: Iterable[Any], rows: Iterable[Iterable[Any]], add: str, text: Any
) -> SafeString:
    """A row's parts as a table, then a link to add one more."""
    return format_html('{}<p><a href="{}">{}</a></p>', html_table(headers, rows), add, text)


def save_first() -> SafeString:
    return format_html("{}", _("Save this first; then its parts can be added here."))


def rule_text(criterion: VisaCriterion) -> str:
    """The criterion as the engine reads it: `field op value`, the value shortened."""
    rule = f"{criterion.field} {criterion.get_op_display()}"
    if criterion.value is None:
        return rule
    return f"{rule} {Truncator(json.dumps(criterion.value, ensure_ascii=False)).chars(80)}"


def uncertain_flag(uncertain: bool) -> str:
    return str(_("uncertain")) if uncertain else ""


@admin.display(description=_("visa"), ordering="visa_type__code")
def visa_code(obj: Any) -> str:
    return obj.visa_type.code if obj.visa_type else "—"


@admin.display(description=_("period"), ordering="valid_from")
def period(obj: Any) -> str:
    return str(obj.period_label)


def source_link(source: RuleSource) -> SafeString:
    dated = source.date_stated_text or source.date_stated or _("undated")
    if not source.url:
        return format_html("{} ({}, {})", source.title, source.publisher, dated)
    return format_html(
        '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a> ({}, {})',
        source.url,
        source.title,
        source.publisher,
        dated,
    )


class SourcedAdmin(VisaRulesAdmin):
    """Sources picked by searching (only the chosen ones are on the page) and shown as links."""

    autocomplete_fields: ClassVar[tuple[str, ...]] = ("sources",)
    readonly_fields: ClassVar[tuple[str, ...]] = ("source_links",)

    @admin.display(description=_("sources (links)"))
    def source_links(self, obj: Any) -> SafeString:
        if obj.pk is None:
            return NOTHING
        sources = obj.sources.all()
        return format_html_join(mark_safe("<br>"), "{}", ((source_link(s),) for s in sources))
