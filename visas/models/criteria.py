"""Eligibility conditions as a tree: groups (all-of / any-of) holding criteria and sub-groups.

A root group has a `purpose` (eligibility, employer requirement, exemption, applicant type).
Criteria read one profile field (the research data's schema, e.g. "korean.topik_level") and
compare it with `value`. Two kinds of field name refer to other groups of the same visa:
`exemption.<id>` holds when the root group `exemption-<id>` holds, and `applicant_type` is the id of
the first `applicant-type-<id>` root group that holds. A value may be a reference the engine
resolves: `{"ref": "gni_per_capita_krw", "multiplier": 1.5}`, `{"ref": "e7_wage_thresholds", ...}`,
or `{"named_list": "..."}` for a list the sources name but do not give.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from visas.models.base import DatedRule
from visas.models.sources import RuleSource
from visas.models.visa_types import VisaType


class GroupPurpose(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility")
    EMPLOYER_REQUIREMENT = "employer_requirement", _("Employer requirement")
    EXEMPTION = "exemption", _("Exemption")
    APPLICANT_TYPE = "applicant_type", _("Applicant type")


class GroupMode(models.TextChoices):
    ALL = "all", _("All of")
    ANY = "any", _("Any of")


class CriterionOp(models.TextChoices):
    EQ = "eq", "="
    NE = "ne", "≠"
    IN = "in", _("is one of")
    NOT_IN = "not_in", _("is not one of")
    GTE = "gte", "≥"
    LTE = "lte", "≤"
    GT = "gt", ">"
    LT = "lt", "<"
    BETWEEN = "between", _("between (inclusive)")
    TRUE = "true", _("is true")
    FALSE = "false", _("is false")


class CriterionGroup(TimeStampedModel):
    visa_type = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="criterion_groups",
        verbose_name=_("visa type"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent group"),
    )
    key = models.CharField(
        _("key"),
        max_length=200,
        help_text=_('Path-like and unique per visa, e.g. "eligibility/any-3".'),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=32,
        choices=GroupPurpose.choices,
        blank=True,
        help_text=_("Root groups only."),
    )
    mode = models.CharField(_("mode"), max_length=3, choices=GroupMode.choices)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("other details"), default=dict, blank=True)
    sources = models.ManyToManyField(
        RuleSource, related_name="criterion_groups", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["visa_type__code", "key"]
        verbose_name = _("criterion group")
        verbose_name_plural = _("criterion groups")
        constraints = [
            models.UniqueConstraint(
                fields=["visa_type", "key"], name="visas_criteriongroup_key_unique_per_visa"
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, purpose__in=GroupPurpose.values)
                | Q(parent__isnull=False, purpose=""),
                name="visas_criteriongroup_purpose_on_roots_only",
                violation_error_message=_(
                    "A top-level group needs a purpose; a sub-group has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(mode__in=GroupMode.values), name="visas_criteriongroup_mode_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visa_type.code} · {self.key} ({self.get_mode_display()})"

    def clean(self) -> None:
        if self.parent is None:
            return
        if self.parent.visa_type_id != self.visa_type_id:
            raise ValidationError({"parent": _("The parent group belongs to another visa.")})
        ancestor: CriterionGroup | None = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A group cannot be inside itself.")})
            ancestor = ancestor.parent


class VisaCriterion(DatedRule):
    group = models.ForeignKey(
        CriterionGroup,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("group"),
    )
    key = models.CharField(_("key"), max_length=200, help_text=_("Unique within the group."))
    label = models.CharField(_("label"), max_length=300)
    field = models.CharField(
        _("profile field"),
        max_length=120,
        help_text=_('e.g. "degree.level", "korean.topik_level".'),
    )
    op = models.CharField(_("operator"), max_length=8, choices=CriterionOp.choices)
    value = models.JSONField(_("value"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    details = models.JSONField(_("other details"), default=dict, blank=True)
    sources = models.ManyToManyField(RuleSource, related_name="criteria", verbose_name=_("sources"))

    class Meta(DatedRule.Meta):
        ordering = ["group__visa_type__code", "group__key", "order"]
        verbose_name = _("visa criterion")
        verbose_name_plural = _("visa criteria")
        constraints = [
            *DatedRule.Meta.constraints,
            models.UniqueConstraint(fields=["group", "key"], name="visas_criterion_key_per_group"),
            models.CheckConstraint(
                condition=Q(op__in=CriterionOp.values), name="visas_criterion_op_valid"
            ),
            models.CheckConstraint(
                condition=Q(op__in=[CriterionOp.TRUE, CriterionOp.FALSE]) | Q(value__isnull=False),
                name="visas_criterion_value_unless_boolean",
                violation_error_message=_(
                    "Only the operators 'is true' and 'is false' need no value."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        if problem := _value_problem(self.op, self.value):
            raise ValidationError({"value": problem})


def _value_problem(op: str, value: Any) -> str | None:
    """Why `value` does not fit `op`, or None when it does."""
    is_reference = isinstance(value, dict) and ("ref" in value or "named_list" in value)
    if op == CriterionOp.BETWEEN and not (isinstance(value, list) and len(value) == 2):
        return str(_("'between' needs a list of two values: [lowest, highest]."))
    if op in {CriterionOp.IN, CriterionOp.NOT_IN} and not (isinstance(value, list) or is_reference):
        return str(_("'is one of' needs a list of values, or a reference to a named list."))
    if op in {CriterionOp.GTE, CriterionOp.LTE, CriterionOp.GT, CriterionOp.LT} and not (
        (isinstance(value, int | float) and not isinstance(value, bool)) or is_reference
    ):
        return str(_("A comparison needs a number or a reference such as a multiple of GNI."))
    return None
