"""The rules snapshot: built from the fixture without the database, and from the database by the
selector, the two equal."""

from datetime import date
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from visas.rules import snapshot_from_fixture
from visas.rules.snapshot import FIXTURE_PATH
from visas.selectors import rules_snapshot, rules_snapshot_cache_clear, rules_snapshot_cached
from visas.services import VISA_RULES_FIXTURE


def test_the_engine_reads_the_fixture_the_loader_loads():
    assert FIXTURE_PATH == VISA_RULES_FIXTURE


def test_snapshot_holds_every_visa_with_its_criteria_tree_and_points_table():
    rules = snapshot_from_fixture(None, date(2026, 3, 1))

    d10 = rules.visa_types["D-10-1"]
    assert d10.name_ko == "구직(일반구직)"
    assert d10.criterion_groups[0].key == "eligibility"
    assert d10.points_table is not None
    assert (d10.points_table.pass_mark, d10.points_table.max_points) == (60, 190)
    assert [g.key for g in d10.points_table.groups] == ["basic", "optional", "bonus", "deduction"]
    assert {s.country for s in rules.sending_countries if s.visa == "E-9"} >= {"VN", "PH", "TL"}
    assert rules.gni[0].year == 2025  # newest first


def test_salary_thresholds_keep_every_period_and_say_which_is_in_force():
    rules = snapshot_from_fixture(None, date(2025, 3, 31))

    in_force = rules.thresholds_in_force("E-7-1", "minimum-annual-salary")
    assert {(t.applies_to, t.gni_multiplier) for t in in_force} == {
        ("all", Decimal("0.80")),
        ("sme_or_venture", Decimal("0.70")),
    }
    e71 = [t for t in rules.salary_thresholds if t.visa == "E-7-1"]
    assert {t.amount_krw for t in e71} == {None, 28_670_000, 31_120_000}


def test_no_e7_1_threshold_is_in_force_in_january_2026():
    gap = snapshot_from_fixture(None, date(2026, 1, 15))

    assert gap.thresholds_in_force("E-7-1", "minimum-annual-salary") == ()


def test_the_snapshot_day_is_required():
    with pytest.raises(TypeError):
        snapshot_from_fixture(None)


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
@pytest.mark.parametrize("day", [date(2025, 3, 31), date(2026, 1, 15), date(2026, 6, 1)])
def test_snapshot_from_the_database_equals_the_fixture(
    day: date, django_assert_num_queries: DjangoAssertNumQueries
):
    with django_assert_num_queries(22):
        from_database = rules_snapshot(on=day)

    assert from_database == snapshot_from_fixture(None, day)


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
def test_the_cached_snapshot_is_reused_until_cleared(
    django_assert_num_queries: DjangoAssertNumQueries,
):
    rules_snapshot_cache_clear()
    first = rules_snapshot_cached(on=date(2026, 3, 1))
    with django_assert_num_queries(0):
        again = rules_snapshot_cached(on=date(2026, 3, 1))
    rules_snapshot_cache_clear()

    assert again is first
    assert rules_snapshot_cached(on=date(2026, 3, 1)) is not first
    rules_snapshot_cache_clear()
