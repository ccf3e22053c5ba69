"""Reads for the visas app: the rules the guidance engine applies, with their sources."""

from datetime import date

from django.db.models import Prefetch, QuerySet

from visas.models import (
    CriterionGroup,
    GniValue,
    PointsGroup,
    PointsTable,
    SalaryThreshold,
    SendingCountry,
    ThresholdScope,
    VisaType,
)


def gni_for_year(*, year: int) -> GniValue | None:
    """The GNI per capita published for `year`, or None when it is not loaded."""
    return GniValue.objects.prefetch_related("sources").filter(gni_year=year).first()


def salary_threshold_in_force(
    *,
    visa_code: str,
    key: str = "minimum-annual-salary",
    on: date,
    applies_to: str = ThresholdScope.ALL,
) -> SalaryThreshold | None:
    """The salary threshold for a visa on a day, or None when no source covers that day.

    For `applies_to="sme_or_venture"` a rule for SMEs wins; when the period has none, the rule for
    all employers applies (from 2025-04-01 E-7 wage rules are the same for every company size).
    """
    in_force = (
        SalaryThreshold.objects.in_force(on)
        .filter(visa_type__code=visa_code, key=key)
        .select_related("visa_type")
        .prefetch_related("sources")
    )
    by_scope = {threshold.applies_to: threshold for threshold in in_force}
    return by_scope.get(applies_to) or by_scope.get(ThresholdScope.ALL)


def points_table_in_force(*, visa_code: str, on: date) -> PointsTable | None:
    """The visa's points table on a day, with its groups, items and sources, or None."""
    return (
        PointsTable.objects.in_force(on)
        .filter(visa_type__code=visa_code)
        .select_related("visa_type")
        .prefetch_related(
            "sources",
            Prefetch(
                "groups",
                queryset=PointsGroup.objects.prefetch_related("items", "sources"),
            ),
        )
        .first()
    )


def is_sending_country(*, country: str, visa_code: str = "E-9") -> bool:
    """Whether nationals of `country` (ISO 3166-1 alpha-2) may apply for the visa (E-9: EPS)."""
    return SendingCountry.objects.filter(
        visa_type__code=visa_code, country=country.upper()
    ).exists()


def visa_types_with_rules() -> QuerySet[VisaType]:
    """Every visa type with its rules and their sources, in a fixed number of queries."""
    return VisaType.objects.prefetch_related(
        "sources",
        "next_visas",
        "sending_countries",
        "notes__sources",
        "salary_thresholds__sources",
        Prefetch(
            "criterion_groups",
            queryset=CriterionGroup.objects.prefetch_related("sources", "criteria__sources"),
        ),
        Prefetch(
            "points_tables",
            queryset=PointsTable.objects.prefetch_related(
                "sources",
                Prefetch(
                    "groups",
                    queryset=PointsGroup.objects.prefetch_related("items", "sources"),
                ),
            ),
        ),
    )
