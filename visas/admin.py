"""Admin for the visa rules: administrators correct dated, sourced rules here without a deploy.

Each page edits one row. A row's parts (a visa's criteria, a table's points items) are listed as
short tables that link to their own pages instead of nested inlines: a visa holds hundreds of
criteria, and an inline row per criterion with its sources made pages thousands of pixels wide.
Validation comes from the models (constraints and clean()), shown on the page being saved.
"""

import json
from collections.abc import Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count, Field
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from visas.models import (
    CriterionGroup,
    GniValue,
    PointsGroup,
    PointsItem,
    PointsTable,
    RuleSource,
    SalaryThreshold,
    SendingCountry,
    VisaCriterion,
    VisaNote,
    VisaProgression,
    VisaType,
)

_NOTHING = format_html("{}", "—")


class _FittedTextarea(AdminTextareaWidget):
    """A textarea as tall as its text (3 to 16 rows) instead of a fixed 10 rows."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        text = str(value or "")
        lines = sum(1 + len(line) // 90 for line in text.splitlines())
        context["widget"]["attrs"]["rows"] = min(max(lines + 1, 3), 16)
        return context


class _JSONTextarea(_FittedTextarea):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"style": "font-family: monospace", **(attrs or {})})


class _ReadableJSONField(forms.JSONField):
    """Edited as JSON, shown indented (one key per line) unless it fits on one short line."""

    widget = _JSONTextarea

    def prepare_value(self, value: Any) -> Any:
        prepared = super().prepare_value(value)
        if isinstance(prepared, forms.fields.InvalidJSONInput) or len(prepared) <= 60:
            return prepared
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class _VisaRulesAdmin(admin.ModelAdmin):
    formfield_overrides = {
        models.JSONField: {"form_class": _ReadableJSONField, "widget": _JSONTextarea},
        models.TextField: {"widget": _FittedTextarea},
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


def _admin_url(model: type[models.Model], view: str, *args: Any, **query: Any) -> str:
    url = reverse(f"admin:visas_{model._meta.model_name}_{view}", args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _change_link(obj: models.Model, text: Any) -> SafeString:
    return format_html('<a href="{}">{}</a>', _admin_url(type(obj), "change", obj.pk), text)


def _table(headers: Iterable[Any], rows: Iterable[Iterable[Any]]) -> SafeString:
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


def _parts(
    headers: Iterable[Any], rows: Iterable[Iterable[Any]], add: str, text: Any
) -> SafeString:
    """A row's parts as a table, then a link to add one more."""
    return format_html('{}<p><a href="{}">{}</a></p>', _table(headers, rows), add, text)


def _save_first() -> SafeString:
    return format_html("{}", _("Save this first; then its parts can be added here."))


def _rule_text(criterion: VisaCriterion) -> str:
    """The criterion as the engine reads it: `field op value`, the value shortened."""
    rule = f"{criterion.field} {criterion.get_op_display()}"
    if criterion.value is None:
        return rule
    return f"{rule} {Truncator(json.dumps(criterion.value, ensure_ascii=False)).chars(80)}"


def _flag(uncertain: bool) -> str:
    return str(_("uncertain")) if uncertain else ""


@admin.display(description=_("visa"), ordering="visa_type__code")
def visa_code(obj: Any) -> str:
    return obj.visa_type.code if obj.visa_type else "—"


@admin.display(description=_("period"), ordering="valid_from")
def period(obj: Any) -> str:
    return str(obj.period_label)


def _source_link(source: RuleSource) -> SafeString:
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


class SourcedAdmin(_VisaRulesAdmin):
    """Sources picked by searching (only the chosen ones are on the page) and shown as links."""

    autocomplete_fields: ClassVar[tuple[str, ...]] = ("sources",)
    readonly_fields: ClassVar[tuple[str, ...]] = ("source_links",)

    @admin.display(description=_("sources (links)"))
    def source_links(self, obj: Any) -> SafeString:
        if obj.pk is None:
            return _NOTHING
        sources = obj.sources.all()
        return format_html_join(mark_safe("<br>"), "{}", ((_source_link(s),) for s in sources))


class VisaProgressionInline(admin.TabularInline):
    model = VisaProgression
    fk_name = "from_visa"
    fields = ("to_visa", "note", "order")
    autocomplete_fields = ("to_visa",)
    extra = 0


@admin.register(VisaType)
class VisaTypeAdmin(SourcedAdmin):
    list_display = ("code", "name", "category", "is_points_based", "uncertain")
    list_filter = ("category", "uncertain", "is_points_based")
    search_fields = ("code", "name", "name_ko", "summary")
    prepopulated_fields = {"slug": ("code",)}
    readonly_fields = ("rules_overview", "source_links")
    inlines = (VisaProgressionInline,)
    fieldsets = (
        (None, {"fields": ("code", "slug", "name", "name_ko", "category")}),
        (None, {"fields": (("is_points_based", "uncertain"),)}),
        (_("Description"), {"fields": ("summary", "stay_summary", "work_rights", "note")}),
        (_("Rules of this visa"), {"fields": ("rules_overview",)}),
        (
            _("Sources"),
            {"fields": ("last_verified_text", "last_verified", "sources", "source_links")},
        ),
        (_("Other details"), {"fields": ("details",)}),
    )

    @admin.display(description=_("rules"))
    def rules_overview(self, obj: VisaType) -> SafeString:
        """One line per kind of rule: how many, a link to the filtered list, a link to add one."""
        if obj.pk is None:
            return _save_first()
        items = PointsItem.objects.filter(group__table__visa_type=obj).count()
        criteria = VisaCriterion.objects.filter(group__visa_type=obj).count()
        criteria_link = format_html(
            '<a href="{}">{}</a>',
            _admin_url(VisaCriterion, "changelist", group__visa_type__id__exact=obj.pk),
            ngettext("%(n)d criterion", "%(n)d criteria", criteria) % {"n": criteria},
        )
        kinds = (
            (SalaryThreshold, obj.salary_thresholds.count(), ""),
            (PointsTable, obj.points_tables.count(),
             ngettext("%(n)d points item", "%(n)d points items", items) % {"n": items}),
            (CriterionGroup, obj.criterion_groups.count(), criteria_link),
            (SendingCountry, obj.sending_countries.count(), ""),
            (VisaNote, obj.notes.count(), ""),
        )  # fmt: skip
        rows = (
            (
                format_html(
                    '<a href="{}">{} {}</a>',
                    _admin_url(model, "changelist", visa_type__id__exact=obj.pk),
                    count,
                    model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural,
                ),
                contents,
                format_html(
                    '<a href="{}">{}</a>', _admin_url(model, "add", visa_type=obj.pk), _("add")
                ),
            )
            for model, count, contents in kinds
        )
        return _table((_("kind"), _("contents"), ""), rows)


@admin.register(RuleSource)
class RuleSourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "date_stated_text", "link")
    list_filter = ("kind", "date_precision")
    search_fields = ("key", "title", "publisher", "url")
    readonly_fields = ("link",)

    def formfield_for_dbfield(self, db_field: Field, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("publisher"), ordering="publisher")
    def link(self, obj: RuleSource) -> SafeString:
        if not obj.url:
            return format_html("{}", obj.publisher or "—")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', obj.url, obj.publisher
        )


@admin.register(GniValue)
class GniValueAdmin(SourcedAdmin):
    list_display = ("gni_year", "value_krw", "revised_value_krw", "status", "uncertain")
    list_filter = ("uncertain",)
    search_fields = ("gni_year", "status", "note")


@admin.register(SalaryThreshold)
class SalaryThresholdAdmin(SourcedAdmin):
    list_display = ("label", visa_code, "rule", period, "applies_to", "uncertain")
    list_filter = ("uncertain", "visa_type", "applies_to", "key")
    search_fields = ("label", "key", "visa_type__code", "note")
    autocomplete_fields = ("visa_type", "sources")
    list_select_related = ("visa_type",)

    @admin.display(description=_("minimum"))
    def rule(self, obj: SalaryThreshold) -> str:
        return obj.rule_label


@admin.register(CriterionGroup)
class CriterionGroupAdmin(SourcedAdmin):
    list_display = ("label", visa_code, "purpose", "mode", "uncertain")
    list_filter = ("uncertain", "purpose", "mode", "visa_type", "visa_type__category")
    search_fields = ("key", "label", "visa_type__code")
    autocomplete_fields = ("visa_type", "parent", "sources")
    list_select_related = ("visa_type",)
    readonly_fields = ("criteria_overview", "sub_groups", "source_links")
    fieldsets = (
        (None, {"fields": ("visa_type", "parent", "key", "purpose", "mode", "label", "order")}),
        (None, {"fields": ("uncertain", "note")}),
        (_("Contents"), {"fields": ("criteria_overview", "sub_groups")}),
        (_("Sources"), {"fields": ("sources", "source_links")}),
        (_("Other details"), {"fields": ("details",)}),
    )

    @admin.display(description=_("criteria"))
    def criteria_overview(self, obj: CriterionGroup) -> SafeString:
        if obj.pk is None:
            return _save_first()
        rows = (
            (
                _change_link(criterion, criterion.label),
                _rule_text(criterion),
                criterion.period_label,
                _flag(criterion.uncertain),
            )
            for criterion in obj.criteria.all()
        )
        return _parts(
            (_("criterion"), _("rule"), _("period"), ""),
            rows,
            _admin_url(VisaCriterion, "add", group=obj.pk),
            _("Add a criterion to this group"),
        )

    @admin.display(description=_("sub-groups"))
    def sub_groups(self, obj: CriterionGroup) -> SafeString:
        if obj.pk is None:
            return _NOTHING
        children = obj.children.annotate(criteria_count=Count("criteria"))
        rows = (
            (_change_link(child, child.label), child.key, child.get_mode_display(),
             ngettext("%(n)d criterion", "%(n)d criteria", child.criteria_count)
             % {"n": child.criteria_count})
            for child in children
        )  # fmt: skip
        return _table((_("group"), _("key"), _("mode"), ""), rows)


@admin.register(VisaCriterion)
class VisaCriterionAdmin(SourcedAdmin):
    list_display = ("label", "visa", "group_key", "op", period, "uncertain")
    list_filter = ("uncertain", "op", "group__visa_type", "group__visa_type__category")
    search_fields = ("label", "key", "field", "group__key", "group__visa_type__code")
    autocomplete_fields = ("group", "sources")
    list_select_related = ("group__visa_type",)

    @admin.display(description=_("visa"), ordering="group__visa_type__code")
    def visa(self, obj: VisaCriterion) -> str:
        return obj.group.visa_type.code

    @admin.display(description=_("group"), ordering="group__key")
    def group_key(self, obj: VisaCriterion) -> str:
        return obj.group.key


@admin.register(PointsTable)
class PointsTableAdmin(SourcedAdmin):
    list_display = ("name", visa_code, "pass_mark", "max_points", period, "uncertain")
    list_filter = ("uncertain", "visa_type")
    search_fields = ("name", "key", "visa_type__code")
    autocomplete_fields = ("visa_type", "sources")
    list_select_related = ("visa_type",)
    readonly_fields = ("groups_overview", "items_overview", "source_links")

    @admin.display(description=_("groups"))
    def groups_overview(self, obj: PointsTable) -> SafeString:
        if obj.pk is None:
            return _save_first()
        groups = obj.groups.annotate(items_count=Count("items"))
        rows = (
            (_change_link(g, g.label), g.max_points, g.pass_min_points, g.items_count)
            for g in groups
        )
        return _parts(
            (_("group"), _("cap"), _("minimum to pass"), _("items")),
            rows,
            _admin_url(PointsGroup, "add", table=obj.pk),
            _("Add a group to this table"),
        )

    @admin.display(description=_("all items"))
    def items_overview(self, obj: PointsTable) -> SafeString:
        if obj.pk is None:
            return _NOTHING
        items = PointsItem.objects.filter(group__table=obj).select_related("group")
        rows = (
            (
                item.group.label,
                item.factor_label,
                _change_link(item, item.label),
                "?" if item.points is None else item.points,
                _flag(item.uncertain),
            )
            for item in items
        )
        return _table((_("group"), _("factor"), _("item"), _("points"), ""), rows)


@admin.register(PointsGroup)
class PointsGroupAdmin(SourcedAdmin):
    list_display = ("label", "table_name", "max_points", "pass_min_points", "uncertain")
    list_filter = ("uncertain", "table__visa_type")
    search_fields = ("label", "key", "table__name")
    autocomplete_fields = ("table", "sources")
    list_select_related = ("table",)

    readonly_fields = ("items_overview", "source_links")

    @admin.display(description=_("table"), ordering="table__name")
    def table_name(self, obj: PointsGroup) -> str:
        return obj.table.name

    @admin.display(description=_("items"))
    def items_overview(self, obj: PointsGroup) -> SafeString:
        if obj.pk is None:
            return _save_first()
        rows = (
            (
                item.factor_label,
                _change_link(item, item.label),
                item.field,
                "?" if item.points is None else item.points,
                _flag(item.uncertain),
            )
            for item in obj.items.all()
        )
        return _parts(
            (_("factor"), _("item"), _("profile field"), _("points"), ""),
            rows,
            _admin_url(PointsItem, "add", group=obj.pk),
            _("Add an item to this group"),
        )


@admin.register(PointsItem)
class PointsItemAdmin(_VisaRulesAdmin):
    list_display = ("label", "factor_label", "points", "group_name", "uncertain")
    list_filter = ("uncertain", "group__table__visa_type")
    search_fields = ("label", "factor", "factor_label", "group__table__name")
    autocomplete_fields = ("group",)
    list_select_related = ("group__table",)

    @admin.display(description=_("group"), ordering="group__label")
    def group_name(self, obj: PointsItem) -> str:
        return f"{obj.group.table.name} · {obj.group.label}"


@admin.register(SendingCountry)
class SendingCountryAdmin(SourcedAdmin):
    list_display = ("country", visa_code)
    list_filter = ("visa_type",)
    search_fields = ("country", "visa_type__code")
    autocomplete_fields = ("visa_type", "sources")
    list_select_related = ("visa_type",)


@admin.register(VisaNote)
class VisaNoteAdmin(SourcedAdmin):
    list_display = ("__str__", "kind", "date_text", "uncertain")
    list_filter = ("kind", "uncertain", "visa_type")
    search_fields = ("key", "text", "visa_type__code")
    autocomplete_fields = ("visa_type", "sources")
    list_select_related = ("visa_type",)
