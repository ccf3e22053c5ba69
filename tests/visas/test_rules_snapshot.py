"""The rules snapshot: built from the fixture without the database, and from the database by the
selector, the two equal."""

import time
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


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
def test_a_rules_change_reaches_every_process_on_its_next_request(
    django_capture_on_commit_callbacks,
):
    from visas import selectors
    from visas.services import visa_rules_changed

    day = date(2026, 3, 1)
    rules_snapshot_cache_clear()
    held = rules_snapshot_cached(on=day)  # what another process holds ...
    old_version = selectors.rules_version()  # ... under the version of that moment
    with django_capture_on_commit_callbacks(execute=True):
        visa_rules_changed()
    selectors._snapshots[day] = (old_version, time.monotonic(), held)  # that process, still
    assert selectors.rules_version() != old_version
    fresh = rules_snapshot_cached(on=day)
    assert fresh is not held and fresh == held  # rebuilt (the rows did not change here)
    rules_snapshot_cache_clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
def test_past_and_future_dates_are_cached_and_the_cache_stays_bounded(
    django_assert_num_queries: DjangoAssertNumQueries,
):
    from visas import selectors

    rules_snapshot_cache_clear()
    rules_snapshot_cached(on=date(2024, 5, 1))
    with django_assert_num_queries(0):
        rules_snapshot_cached(on=date(2024, 5, 1))
    for offset in range(40):
        rules_snapshot_cached(on=date(2027, 1, 1 + offset % 28).replace(month=1 + offset // 28))
    assert len(selectors._snapshots) == 32
    rules_snapshot_cache_clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded_visa_rules")
def test_staff_deleting_a_rule_in_the_admin_changes_the_version_and_are_told(
    staff_client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from visas import selectors
    from visas.models import VisaNote

    before = selectors.rules_version()
    note = VisaNote.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:visas_visanote_delete", args=[note.pk]), {"post": "yes"}, follow=True
        )
    assert response.status_code == 200
    assert "Visa guidance uses this change from the next page it shows" in (
        response.content.decode()
    )
    assert selectors.rules_version() != before
