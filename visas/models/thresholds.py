"""Minimum salaries by period: a fixed KRW amount or a multiple of GNI per capita."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from visas.models.base import DatedRule
from visas.models.sources import RuleSource
from visas.models.visa_types import VisaType


class ThresholdScope(models.TextChoices):
    ALL = "all", _("All employers")
    SME_OR_VENTURE = "sme_or_venture", _("SMEs and venture firms")


class SalaryThreshold(DatedRule):
    """The minimum annual salary for a visa over a period.

    Exactly one of `amount_krw` (fixed) and `gni_multiplier` (a multiple of GNI per capita) is set.
    Which year's GNI a multiplier applies to is the guidance engine's decision (see the
    GNI application-window note). Periods of the same visa, key and scope never overlap.
    """

    visa_type = models.ForeignKey(
        VisaType,
        on_delete=models.CASCADE,
        related_name="salary_thresholds",
        verbose_name=_("visa type"),
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_('What the threshold is for, e.g. "minimum-annual-salary".'),
    )
    label = models.CharField(_("label"), max_length=200)
    applies_to = models.CharField(
        _("applies to"), max_length=20, choices=ThresholdScope.choices, default=ThresholdScope.ALL
    )
    amount_krw = models.PositiveBigIntegerField(_("amount (KRW)"), null=True, blank=True)
    gni_multiplier = models.DecimalField(
        _("multiple of GNI per capita"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    sources = models.ManyToManyField(
        RuleSource, related_name="salary_thresholds", verbose_name=_("sources")
    )

    class Meta(DatedRule.Meta):
        ordering = ["visa_type__code", "key", "applies_to", F("valid_from").asc(nulls_first=True)]
        verbose_name = _("salary threshold")
        verbose_name_plural = _("salary thresholds")
        constraints = [
            *DatedRule.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount_krw__isnull=False, gni_multiplier__isnull=True)
                | Q(amount_krw__isnull=True, gni_multiplier__isnull=False),
                name="visas_salarythreshold_amount_xor_multiplier",
                violation_error_message=_(
                    "Give either a fixed amount in KRW or a multiple of GNI per capita, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount_krw__isnull=True) | Q(amount_krw__gt=0),
                name="visas_salarythreshold_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(gni_multiplier__isnull=True) | Q(gni_multiplier__gt=0),
                name="visas_salarythreshold_multiplier_positive",
            ),
            models.UniqueConstraint(
                fields=["visa_type", "key", "applies_to", "valid_from"],
                name="visas_salarythreshold_one_per_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.period_label})"

    @property
    def rule_label(self) -> str:
        if self.amount_krw is not None:
            return f"{self.amount_krw:,} KRW"
        return f"{self.gni_multiplier} × GNI per capita"

    def clean(self) -> None:
        super().clean()
        if self.visa_type_id is None:
            return
        siblings = SalaryThreshold.objects.filter(
            visa_type_id=self.visa_type_id, key=self.key, applies_to=self.applies_to
        )
        clash = self.overlapping(siblings).first()
        if clash:
            raise ValidationError(
                _(
                    "This period (%(period)s) overlaps the %(other)s threshold for the same visa, "
                    "key and employers (%(other_period)s). End one period before the other starts."
                ),
                code="overlapping_period",
                params={
                    "period": self.period_label,
                    "other": clash.rule_label,
                    "other_period": clash.period_label,
                },
            )
