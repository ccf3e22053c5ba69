"""Admin for the visa rules: administrators correct dated, sourced rules here without a deploy.

Validation comes from the models (constraints and clean()); the threshold inline also checks the
periods it is submitting against each other, which clean() cannot see before they are saved.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

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
    periods_overlap,
)


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


class SourcedAdmin(admin.ModelAdmin):
    """Sources picked with a two-pane widget and shown as links with their stated dates."""

    filter_horizontal = ("sources",)
    readonly_fields = ["source_links"]

    @admin.display(description=_("sources (links)"))
    def source_links(self, obj: Any) -> SafeString:
        if obj.pk is None:
            return format_html("{}", "—")
        sources = obj.sources.all()
        return format_html_join(format_html("<br>"), "{}", ((_source_link(s),) for s in sources))


class _ThresholdFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        submitted = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for index, first in enumerate(submitted):
            for second in submitted[index + 1 :]:
                same_rule = all(first.get(k) == second.get(k) for k in ("key", "applies_to"))
                first_period = (first.get("valid_from"), first.get("valid_to"))
                second_period = (second.get("valid_from"), second.get("valid_to"))
                if same_rule and periods_overlap(first_period, second_period):
                    raise ValidationError(
                        _("Two %(key)s thresholds for the same employers overlap in time."),
                        params={"key": first.get("key")},
                    )


class VisaProgressionInline(admin.TabularInline):
    model = VisaProgression
    fk_name = "from_visa"
    autocomplete_fields = ("to_visa",)
    extra = 0


class SalaryThresholdInline(admin.TabularInline):
    model = SalaryThreshold
    formset = _ThresholdFormSet
    fields = (
        "key",
        "label",
        "applies_to",
        "valid_from",
        "valid_to",
        "amount_krw",
        "gni_multiplier",
        "uncertain",
        "sources",
    )
    autocomplete_fields = ("sources",)
    show_change_link = True
    extra = 0


class PointsTableInline(admin.TabularInline):
    model = PointsTable
    fields = (
        "key",
        "name",
        "pass_mark",
        "max_points",
        "valid_from",
        "valid_to",
        "uncertain",
        "sources",
    )
    autocomplete_fields = ("sources",)
    show_change_link = True
    extra = 0


class CriterionGroupInline(admin.TabularInline):
    model = CriterionGroup
    fields = ("key", "parent", "purpose", "mode", "label", "order", "uncertain", "sources")
    autocomplete_fields = ("parent", "sources")
    show_change_link = True
    extra = 0


class SendingCountryInline(admin.TabularInline):
    model = SendingCountry
    fields = ("country", "note", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


class VisaNoteInline(admin.TabularInline):
    model = VisaNote
    fields = ("key", "kind", "text", "date_text", "uncertain", "order", "sources")
    autocomplete_fields = ("sources",)
    extra = 0


@admin.register(VisaType)
class VisaTypeAdmin(SourcedAdmin):
    list_display = ("code", "name", "category", "is_points_based", "uncertain", "last_verified")
    list_filter = ("category", "uncertain", "is_points_based")
    search_fields = ("code", "name", "name_ko", "summary")
    prepopulated_fields = {"slug": ("code",)}
    inlines = (
        VisaProgressionInline,
        SalaryThresholdInline,
        PointsTableInline,
        CriterionGroupInline,
        SendingCountryInline,
        VisaNoteInline,
    )


@admin.register(RuleSource)
class RuleSourceAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "publisher", "kind", "date_stated_text", "date_stated", "link")
    list_filter = ("kind", "date_precision")
    search_fields = ("key", "title", "publisher", "url")
    readonly_fields = ("link",)

    def formfield_for_dbfield(self, db_field: Field, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("link"))
    def link(self, obj: RuleSource) -> SafeString:
        if not obj.url:
            return format_html("{}", "—")
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
    list_display = (
        "label",
        "visa_type",
        "applies_to",
        "valid_from",
        "valid_to",
        "amount_krw",
        "gni_multiplier",
        "uncertain",
    )
    list_filter = ("uncertain", "visa_type", "applies_to", "key")
    search_fields = ("label", "key", "visa_type__code", "note")
    autocomplete_fields = ("visa_type",)
    list_select_related = ("visa_type",)


class VisaCriterionInline(admin.TabularInline):
    model = VisaCriterion
    fields = (
        "key",
        "label",
        "field",
        "op",
        "value",
        "order",
        "valid_from",
        "valid_to",
        "uncertain",
        "sources",
    )
    autocomplete_fields = ("sources",)
    extra = 0


@admin.register(CriterionGroup)
class CriterionGroupAdmin(SourcedAdmin):
    list_display = ("key", "visa_type", "purpose", "mode", "label", "uncertain")
    list_filter = ("uncertain", "purpose", "mode", "visa_type", "visa_type__category")
    search_fields = ("key", "label", "visa_type__code")
    autocomplete_fields = ("visa_type", "parent")
    list_select_related = ("visa_type",)
    readonly_fields = ["source_links", "sub_groups"]
    inlines = (VisaCriterionInline,)

    @admin.display(description=_("sub-groups"))
    def sub_groups(self, obj: CriterionGroup) -> SafeString:
        links = (
            (reverse("admin:visas_criteriongroup_change", args=[child.pk]), child.key)
            for child in obj.children.all()
        )
        return format_html_join(format_html("<br>"), '<a href="{}">{}</a>', links)


@admin.register(VisaCriterion)
class VisaCriterionAdmin(SourcedAdmin):
    list_display = ("label", "group", "op", "uncertain", "valid_from", "valid_to")
    list_filter = ("uncertain", "op", "group__visa_type", "group__visa_type__category")
    search_fields = ("label", "key", "field", "group__key", "group__visa_type__code")
    autocomplete_fields = ("group",)
    list_select_related = ("group__visa_type",)


class PointsGroupInline(admin.TabularInline):
    model = PointsGroup
    fields = (
        "key",
        "label",
        "max_points",
        "pass_min_points",
        "pass_min_items",
        "floor_points",
        "order",
        "uncertain",
        "sources",
    )
    autocomplete_fields = ("sources",)
    show_change_link = True
    extra = 0


@admin.register(PointsTable)
class PointsTableAdmin(SourcedAdmin):
    list_display = (
        "name",
        "visa_type",
        "pass_mark",
        "max_points",
        "valid_from",
        "valid_to",
        "uncertain",
    )
    list_filter = ("uncertain", "visa_type")
    search_fields = ("name", "key", "visa_type__code")
    autocomplete_fields = ("visa_type",)
    list_select_related = ("visa_type",)
    readonly_fields = ["source_links", "items_overview"]
    inlines = (PointsGroupInline,)

    @admin.display(description=_("all items"))
    def items_overview(self, obj: PointsTable) -> SafeString:
        items = PointsItem.objects.filter(group__table=obj).select_related("group")
        rows = (
            (
                item.group.label,
                item.factor_label,
                item.label,
                "?" if item.points is None else item.points,
                _("uncertain") if item.uncertain else "",
            )
            for item in items
        )
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr>{}</table>",
            _("group"),
            _("factor"),
            _("item"),
            _("points"),
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )


class PointsItemInline(admin.TabularInline):
    model = PointsItem
    fields = (
        "order",
        "factor",
        "factor_label",
        "factor_max_points",
        "label",
        "field",
        "min_value",
        "max_value",
        "value",
        "conditions",
        "points",
        "uncertain",
        "note",
    )
    extra = 0


@admin.register(PointsGroup)
class PointsGroupAdmin(SourcedAdmin):
    list_display = ("label", "table", "max_points", "pass_min_points", "uncertain")
    list_filter = ("uncertain", "table__visa_type")
    search_fields = ("label", "key", "table__name")
    autocomplete_fields = ("table",)
    list_select_related = ("table",)
    inlines = (PointsItemInline,)


@admin.register(PointsItem)
class PointsItemAdmin(admin.ModelAdmin):
    list_display = ("label", "factor_label", "group", "points", "uncertain")
    list_filter = ("uncertain", "group__table__visa_type")
    search_fields = ("label", "factor", "factor_label", "group__table__name")
    autocomplete_fields = ("group",)
    list_select_related = ("group__table",)


@admin.register(SendingCountry)
class SendingCountryAdmin(SourcedAdmin):
    list_display = ("country", "visa_type")
    list_filter = ("visa_type",)
    search_fields = ("country", "visa_type__code")
    autocomplete_fields = ("visa_type",)
    list_select_related = ("visa_type",)


@admin.register(VisaNote)
class VisaNoteAdmin(SourcedAdmin):
    list_display = ("__str__", "visa_type", "kind", "date_text", "uncertain")
    list_filter = ("kind", "uncertain", "visa_type")
    search_fields = ("key", "text", "visa_type__code")
    autocomplete_fields = ("visa_type",)
    list_select_related = ("visa_type",)
