"""Admin pages of visa types, sources, thresholds and criteria."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, Field
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from visas.admin.base import (
    NOTHING,
    RulesChangedAdmin,
    SourcedAdmin,
    admin_url,
    change_link,
    html_table,
    parts_list,
    period,
    rule_text,
    save_first,
    uncertain_flag,
    visa_code,
)
from visas.models import (
    CriterionGroup,
    GniValue,
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


class VisaProgressionInline(admin.TabularInline):
    model = VisaProgression
    fk_name = "from_visa"
    fields = ("to_visa", "note", "order")
    autocomplete_fields = ("to_visa",)
    extra = 0


@admin.register(VisaType)
class VisaTypeAdmin(TranslationAdmin, SourcedAdmin):  # a name field per language
    list_display = ("code", "name_en", "name_ko", "category", "is_points_based", "uncertain")
    list_filter = ("category", "uncertain", "is_points_based")
    search_fields = ("code", "name_en", "name_ko", "name_vi", "name_ind", "name_th", "summary")
    prepopulated_fields = {"slug": ("code",)}
    readonly_fields = ("rules_overview", "source_links")
    inlines = (VisaProgressionInline,)
    fieldsets = (
        (None, {"fields": ("code", "slug", "name", "category")}),  # name: one per language
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
            return save_first()
        items = PointsItem.objects.filter(group__table__visa_type=obj).count()
        criteria = VisaCriterion.objects.filter(group__visa_type=obj).count()
        criteria_link = format_html(
            '<a href="{}">{}</a>',
            admin_url(VisaCriterion, "changelist", group__visa_type__id__exact=obj.pk),
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
                    admin_url(model, "changelist", visa_type__id__exact=obj.pk),
                    count,
                    model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural,
                ),
                contents,
                format_html(
                    '<a href="{}">{}</a>', admin_url(model, "add", visa_type=obj.pk), _("add")
                ),
            )
            for model, count, contents in kinds
        )
        return html_table((_("kind"), _("contents"), ""), rows)


@admin.register(RuleSource)
class RuleSourceAdmin(RulesChangedAdmin):
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
            return save_first()
        rows = (
            (
                change_link(criterion, criterion.label),
                rule_text(criterion),
                criterion.period_label,
                uncertain_flag(criterion.uncertain),
            )
            for criterion in obj.criteria.all()
        )
        return parts_list(
            (_("criterion"), _("rule"), _("period"), ""),
            rows,
            admin_url(VisaCriterion, "add", group=obj.pk),
            _("Add a criterion to this group"),
        )

    @admin.display(description=_("sub-groups"))
    def sub_groups(self, obj: CriterionGroup) -> SafeString:
        if obj.pk is None:
            return NOTHING
        children = obj.children.annotate(criteria_count=Count("criteria"))
        rows = (
            (change_link(child, child.label), child.key, child.get_mode_display(),
             ngettext("%(n)d criterion", "%(n)d criteria", child.criteria_count)
             % {"n": child.criteria_count})
            for child in children
        )  # fmt: skip
        return html_table((_("group"), _("key"), _("mode"), ""), rows)


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
