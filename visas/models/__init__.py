"""Visa rules as dated, sourced data that administrators can correct in the admin."""

from visas.models.base import DatedRule, DatedRuleQuerySet, periods_overlap
from visas.models.criteria import (
    CriterionGroup,
    CriterionOp,
    GroupMode,
    GroupPurpose,
    VisaCriterion,
)
from visas.models.points import PointsGroup, PointsItem, PointsTable
from visas.models.sources import DatePrecision, GniValue, RuleSource, SourceKind
from visas.models.thresholds import SalaryThreshold, ThresholdScope
from visas.models.visa_types import (
    NoteKind,
    SendingCountry,
    VisaCategory,
    VisaNote,
    VisaProgression,
    VisaType,
)

__all__ = [
    "CriterionGroup",
    "CriterionOp",
    "DatePrecision",
    "DatedRule",
    "DatedRuleQuerySet",
    "GniValue",
    "GroupMode",
    "GroupPurpose",
    "NoteKind",
    "PointsGroup",
    "PointsItem",
    "PointsTable",
    "RuleSource",
    "SalaryThreshold",
    "SendingCountry",
    "SourceKind",
    "ThresholdScope",
    "VisaCategory",
    "VisaCriterion",
    "VisaNote",
    "VisaProgression",
    "VisaType",
    "periods_overlap",
]
