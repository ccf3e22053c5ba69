"""Admin pages of points tables, their groups and items."""

from django.contrib import admin
from django.db.models import Count
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from visas.admin.base import (
    NOTHING,
    SourcedAdmin,
    VisaRulesAdmin,
    admin_url,
    change_link,
    html_table,
    parts_list,
    period,
    save_first,
    uncertain_flag,
    visa_code,
)
from visas.models import (
    PointsGroup,
    PointsItem,
    PointsTable,
)


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
            return save_first()
        groups = obj.groups.annotate(items_count=Count("items"))
        rows = (
            (change_link(g, g.label), g.max_points, g.pass_min_points, g.items_count)
            for g in groups
        )
        return parts_list(
            (_("group"), _("cap"), _("minimum to pass"), _("items")),
            rows,
            admin_url(PointsGroup, "add", table=obj.pk),
            _("Add a group to this table"),
        )

    @admin.display(description=_("all items"))
    def items_overview(self, obj: PointsTable) -> SafeString:
        if obj.pk is None:
            return NOTHING
        items = PointsItem.objects.filter(group__table=obj).select_related("group")
        rows = (
            (
                item.group.label,
                item.factor_label,
                change_link(item, item.label),
                "?" if item.points is None else item.points,
                uncertain_flag(item.uncertain),
            )
            for item in items
        )
        return html_table((_("group"), _("factor"), _("item"), _("points"), ""), rows)


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
            return save_first()
        rows = (
            (
                item.factor_label,
                change_link(item, item.label),
                item.field,
                "?" if item.points is None else item.points,
                uncertain_flag(item.uncertain),
            )
            for item in obj.items.all()
        )
        return parts_list(
            (_("factor"), _("item"), _("profile field"), _("points"), ""),
            rows,
            admin_url(PointsItem, "add", group=obj.pk),
            _("Add an item to this group"),
        )


@admin.register(PointsItem)
class PointsItemAdmin(VisaRulesAdmin):
    list_display = ("label", "factor_label", "points", "group_name", "uncertain")
    list_filter = ("uncertain", "group__table__visa_type")
    search_fields = ("label", "factor", "factor_label", "group__table__name")
    autocomplete_fields = ("group",)
    list_select_related = ("group__table",)

    @admin.display(description=_("group"), ordering="group__label")
    def group_name(self, obj: PointsItem) -> str:
        return f"{obj.group.table.name} · {obj.group.label}"
