"""Points tables: a table has groups (sections with caps and pass minimums) that hold items.

An item is one scoring row of a factor ("age 25-29: 15 points"). The guidance engine scores a
factor with the highest points among its matching rows; a row matches when the profile `field`
lies within `min_value`..`max_value` (inclusive, either end may be open), equals `value` when one is
given, and every condition in `conditions` (same form as visa criteria) holds. A row with none of
these is for people only: the sources give its label but not how to test it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from visas.models.base import DatedRule
from visas.models.sources import RuleSource
from visas.models.visa_types import VisaType


class PointsTable(DatedRule):
    """A visa's points table. It needs a pass mark; only a table marked uncertain whose sources
    give none (E-7-S) may leave it empty, and the note says so."""

    visa_type = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="points_tables",
        verbose_name=_("visa type"),
    )
    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), null=True, blank=True, help_text=_("Lowest total that passes.")
    )
    max_points = models.PositiveSmallIntegerField(_("maximum points"), null=True, blank=True)
    details = models.JSONField(_("other details"), default=dict, blank=True)
    sources = models.ManyToManyField(
        RuleSource, related_name="points_tables", verbose_name=_("sources")
    )

    class Meta(DatedRule.Meta):
        ordering = ["visa_type__code", F("valid_from").asc(nulls_first=True)]
        verbose_name = _("points table")
        verbose_name_plural = _("points tables")
        constraints = [
            *DatedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=False) | Q(uncertain=True),
                name="visas_pointstable_pass_mark_required",
                violation_error_message=_(
                    "A points table needs a pass mark. Leave it empty only when the sources give "
                    "none: then mark the table uncertain and say so in the note."
                ),
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True) | Q(pass_mark__gt=0),
                name="visas_pointstable_pass_mark_positive",
                violation_error_message=_("The pass mark must be above zero."),
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True)
                | Q(max_points__isnull=True)
                | Q(pass_mark__lte=F("max_points")),
                name="visas_pointstable_pass_mark_within_max",
                violation_error_message=_("The pass mark cannot exceed the maximum points."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_label})"

    def clean(self) -> None:
        super().clean()
        if self.pass_mark is None and not self.uncertain:
            raise ValidationError(
                {
                    "pass_mark": _(
                        "A points table needs a pass mark. Leave it empty only when the sources "
                        "give none: then mark the table uncertain and say so in the note."
                    )
                }
            )
        if self.visa_type_id is None:
            return
        siblings = PointsTable.objects.filter(visa_type_id=self.visa_type_id)
        if clash := self.overlapping(siblings).first():
            raise ValidationError(
                _("%(other)s is already in force for this visa during %(period)s."),
                code="overlapping_period",
                params={"other": clash.name, "period": clash.period_label},
            )


class PointsGroup(models.Model):
    table = models.ForeignKey(
        PointsTable, on_delete=models.CASCADE, related_name="groups", verbose_name=_("table")
    )
    key = models.SlugField(_("key"), max_length=80)
    label = models.CharField(_("label"), max_length=200)
    max_points = models.SmallIntegerField(_("cap"), null=True, blank=True)
    pass_min_points = models.SmallIntegerField(
        _("minimum to pass"), null=True, blank=True, help_text=_("This group must reach it.")
    )
    pass_min_items = models.PositiveSmallIntegerField(
        _("minimum items to pass"), null=True, blank=True
    )
    floor_points = models.SmallIntegerField(
        _("floor"), null=True, blank=True, help_text=_("Lowest the group can go (deductions).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(
        RuleSource, related_name="points_groups", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["table", "order"]
        verbose_name = _("points group")
        verbose_name_plural = _("points groups")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "key"], name="visas_pointsgroup_key_per_table"
            ),
            models.CheckConstraint(
                condition=Q(floor_points__isnull=True) | Q(floor_points__lte=0),
                name="visas_pointsgroup_floor_not_positive",
                violation_error_message=_("The floor is for deductions: zero or below."),
            ),
            models.CheckConstraint(
                condition=Q(pass_min_points__isnull=True)
                | Q(max_points__isnull=True)
                | Q(pass_min_points__lte=F("max_points")),
                name="visas_pointsgroup_minimum_within_cap",
                violation_error_message=_("The minimum to pass cannot exceed the group's cap."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.table.name} · {self.label}"


class PointsItem(models.Model):
    group = models.ForeignKey(
        PointsGroup, on_delete=models.CASCADE, related_name="items", verbose_name=_("group")
    )
    factor = models.SlugField(_("factor"), max_length=80, help_text=_('e.g. "age", "education".'))
    factor_label = models.CharField(_("factor label"), max_length=200)
    factor_max_points = models.SmallIntegerField(_("factor cap"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=300)
    field = models.CharField(_("profile field"), max_length=120, blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value = models.JSONField(_("equals"), null=True, blank=True)
    conditions = models.JSONField(_("further conditions"), default=list, blank=True)
    points = models.SmallIntegerField(
        _("points"), null=True, blank=True, help_text=_("Negative for deductions.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["group", "order"]
        verbose_name = _("points item")
        verbose_name_plural = _("points items")
        constraints = [
            models.CheckConstraint(
                condition=Q(points__isnull=False) | Q(uncertain=True),
                name="visas_pointsitem_points_or_uncertain",
                violation_error_message=_("Give the points, or mark the item uncertain."),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=F("max_value")),
                name="visas_pointsitem_range_in_order",
                violation_error_message=_("The minimum cannot exceed the maximum."),
            ),
        ]

    def __str__(self) -> str:
        points = "?" if self.points is None else self.points
        return f"{self.factor_label}: {self.label} ({points} points)"

    @property
    def has_match_rule(self) -> bool:
        """False for rows the sources give only as a label ("7-9 years")."""
        return bool(
            self.min_value is not None
            or self.max_value is not None
            or self.value is not None
            or self.conditions
        )
