"""Reads the guidance engine will use, against the real loaded rules."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import caches
from pytest_django import DjangoAssertNumQueries

from core.request_memo import request_memo_begin, request_memo_end
from visas.models import VisaNote, VisaType
from visas.selectors import (
    gni_for_year,
    is_sending_country,
    points_table_in_force,
    salary_threshold_in_force,
    visa_names,
    visa_types_with_rules,
)
from visas.services import VisaRulesLoadResult, visa_rules_changed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_visa_rules")]


def test_e7_1_threshold_from_2025_04_01_is_the_fixed_28_670_000():
    threshold = salary_threshold_in_force(visa_code="E-7-1", on=date(2025, 4, 1))

    assert threshold is not None
    assert threshold.amount_krw == 28_670_000
    assert threshold.gni_multiplier is None
    assert "kmcn_2025_e7_wage" in threshold.source_keys


def test_e7_1_threshold_on_2025_03_31_is_80_percent_of_gni():
    threshold = salary_threshold_in_force(visa_code="E-7-1", on=date(2025, 3, 31))

    assert threshold is not None
    assert threshold.amount_krw is None
    assert threshold.gni_multiplier == Decimal("0.80")


def test_e7_1_threshold_for_smes_before_april_2025_is_70_percent_of_gni():
    threshold = salary_threshold_in_force(
        visa_code="E-7-1", on=date(2025, 3, 31), applies_to="sme_or_venture"
    )

    assert threshold is not None
    assert threshold.gni_multiplier == Decimal("0.70")


def test_e7_1_threshold_for_smes_from_april_2025_is_the_same_as_for_everyone():
    threshold = salary_threshold_in_force(
        visa_code="E-7-1", on=date(2025, 4, 1), applies_to="sme_or_venture"
    )

    assert threshold is not None
    assert threshold.amount_krw == 28_670_000


def test_e7_1_threshold_from_2026_02_01_is_31_120_000():
    threshold = salary_threshold_in_force(visa_code="E-7-1", on=date(2026, 2, 1))

    assert threshold is not None
    assert threshold.amount_krw == 31_120_000


def test_no_e7_1_threshold_in_january_2026_because_no_source_covers_it():
    assert salary_threshold_in_force(visa_code="E-7-1", on=date(2026, 1, 15)) is None
    gap = VisaNote.objects.get(visa_type__code="E-7-1", kind="gap")
    assert gap.uncertain
    assert "2026-01-01..2026-01-31" in gap.text


def test_top_tier_salary_is_three_times_gni_from_its_launch():
    before = salary_threshold_in_force(visa_code="F-2 (Top-Tier)", on=date(2025, 4, 1))
    after = salary_threshold_in_force(visa_code="F-2 (Top-Tier)", on=date(2025, 4, 2))

    assert before is None
    assert after is not None
    assert after.gni_multiplier == Decimal("3.00")


def test_vietnam_is_an_e9_sending_country_and_malaysia_and_singapore_are_not():
    assert is_sending_country(country="VN")
    assert is_sending_country(country="vn")
    assert not is_sending_country(country="MY")
    assert not is_sending_country(country="SG")


def test_d10_1_points_table_has_pass_mark_60_and_basic_group_minimum_20():
    table = points_table_in_force(visa_code="D-10-1", on=date(2026, 3, 1))

    assert table is not None
    assert table.pass_mark == 60
    groups = {group.key: group for group in table.groups.all()}
    assert groups["basic"].pass_min_points == 20
    age_points = {item.label: item.points for item in groups["basic"].items.all()}
    assert age_points["30-34"] == 20


def test_gni_for_2024_keeps_the_cited_figure_and_flags_the_revision():
    gni = gni_for_year(year=2024, on=date(2026, 3, 1))

    assert gni is not None
    assert gni.value_krw == 49_955_000
    assert gni.revised_value_krw == 50_120_000
    assert gni.uncertain
    assert gni_for_year(year=2031, on=date(2026, 3, 1)) is None


def test_visa_types_with_rules_reads_everything_in_a_fixed_number_of_queries(
    loaded_visa_rules: VisaRulesLoadResult, django_assert_num_queries: DjangoAssertNumQueries
):
    with django_assert_num_queries(17):
        visas = list(visa_types_with_rules())
        criteria = [
            source.key
            for visa in visas
            for group in visa.criterion_groups.all()
            for criterion in group.criteria.all()
            for source in criterion.sources.all()
        ]
        items = [
            item
            for visa in visas
            for table in visa.points_tables.all()
            for group in table.groups.all()
            for item in group.items.all()
        ]

    assert len(visas) == loaded_visa_rules.totals["visa_types"]
    assert len(items) == loaded_visa_rules.totals["points_items"]
    assert criteria


def test_a_visa_name_is_read_once_per_process_until_the_rules_change(
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
):
    """Every route card shows its visa's name: after the first read, a page asks neither the
    database nor the shared cache for the names again; a change to the rules shows at once."""
    token = request_memo_begin()
    try:
        assert visa_names(language="ko")["E-7-1"]
        asked: list[object] = []

        def spied(real: Any) -> Any:
            def ask(key: object, *args: Any, **kwargs: Any) -> Any:
                asked.append(key)
                return real(key, *args, **kwargs)

            return ask

        shared = caches["default"]
        for method in ("get", "get_many"):
            monkeypatch.setattr(shared, method, spied(getattr(shared, method)))
        with django_assert_num_queries(0):
            for _card in range(15):
                assert visa_names(language="ko")["E-7-1"]
        assert asked == []
    finally:
        request_memo_end(token)
    with django_capture_on_commit_callbacks(execute=True):
        VisaType.objects.filter(code="E-7-1").update(name_ko="새 이름")
        visa_rules_changed()
    assert visa_names(language="ko")["E-7-1"] == "새 이름"
