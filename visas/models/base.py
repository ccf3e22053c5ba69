"""What every dated rule shares: a validity period, an uncertainty flag and a note."""

from datetime import date
from typing import Any, Self

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


def periods_overlap(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None]
) -> bool:
    """Whether two (start, end) periods share a day; None is an open end, both ends inclusive."""
    (first_from, first_to), (second_from, second_to) = first, second
    return (first_from is None or second_to is None or first_from <= second_to) and (
        second_from is None or first_to is None or second_from <= first_to
    )


class DatedRuleQuerySet(models.QuerySet[Any]):
    def in_force(self, on: date) -> Self:
        """Rules whose period contains `on` (both ends inclusive; an empty end is open)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )


class DatedRule(TimeStampedModel):
    """A rule that holds for a period. `valid_from` empty: since before the sources' records;
    `valid_to` empty: until further notice."""

    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("First day the rule applies. Empty: since before the sources' records."),
    )
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("Last day the rule applies (inclusive). Empty: until further notice."),
    )
    uncertain = models.BooleanField(
        _("uncertain"),
        default=False,
        help_text=_("The sources disagree, are truncated or only one source gives the value."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=F("valid_to")),
                name="%(app_label)s_%(class)s_period_in_order",
                violation_error_message=_("The period must not end before it starts."),
            )
        ]

    def is_in_force(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    @property
    def period_label(self) -> str:
        if self.valid_from and self.valid_to:
            return f"{self.valid_from.isoformat()} – {self.valid_to.isoformat()}"
        if self.valid_from:
            return f"from {self.valid_from.isoformat()}"
        if self.valid_to:
            return f"until {self.valid_to.isoformat()}"
        return "no end dates"

    def overlapping(self, candidates: models.QuerySet[Any]) -> models.QuerySet[Any]:
        """The other rows of `candidates` whose period shares at least a day with this one."""
        overlapping = candidates.exclude(pk=self.pk) if self.pk else candidates
        if self.valid_from is not None:
            overlapping = overlapping.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
            )
        if self.valid_to is not None:
            overlapping = overlapping.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to)
            )
        return overlapping
