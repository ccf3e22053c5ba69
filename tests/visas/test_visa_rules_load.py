"""visa_rules_load(): idempotent, complete, and all-or-nothing on a bad fixture."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from visas.models import PointsItem, RuleSource, SalaryThreshold, VisaType
from visas.services import (
    VISA_RULES_FIXTURE,
    VisaRulesFixtureError,
    VisaRulesLoadResult,
    visa_rules_load,
)

pytestmark = pytest.mark.django_db


def _fixture() -> dict[str, Any]:
    return json.loads(VISA_RULES_FIXTURE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, fixture: dict[str, Any]) -> Path:
    path = tmp_path / "visa_rules.json"
    path.write_text(json.dumps(fixture), encoding="utf-8")
    return path


def test_first_load_creates_every_row_of_the_fixture(loaded_visa_rules: VisaRulesLoadResult):
    fixture = _fixture()
    assert loaded_visa_rules.written == loaded_visa_rules.totals
    for kind in ("sources", "gni_values", "visa_types", "salary_thresholds", "criteria", "notes"):
        assert loaded_visa_rules.totals[kind] == len(fixture[kind]), kind
    assert loaded_visa_rules.totals["points_items"] == sum(
        len(group["items"]) for table in fixture["points_tables"] for group in table["groups"]
    )


def test_loading_again_writes_nothing_and_keeps_the_counts(
    loaded_visa_rules: VisaRulesLoadResult,
):
    again = visa_rules_load()

    assert again.totals == loaded_visa_rules.totals
    assert not again.changed_anything, again.written


def test_reload_restores_an_edited_points_item_without_duplicates(
    loaded_visa_rules: VisaRulesLoadResult,
):
    item = PointsItem.objects.get(group__table__key="d-10-1-points", label="30-34")
    item.points = 99
    item.save()

    result = visa_rules_load()

    restored = PointsItem.objects.get(group__table__key="d-10-1-points", label="30-34")
    assert restored.points == 20
    assert (
        result.written["points_items"]
        == PointsItem.objects.filter(group__table__key="d-10-1-points").count()
    )
    assert result.totals == loaded_visa_rules.totals


def test_reload_restores_a_corrected_threshold_amount(loaded_visa_rules: VisaRulesLoadResult):
    SalaryThreshold.objects.filter(amount_krw=28_670_000).update(amount_krw=1)

    result = visa_rules_load()

    assert result.written["salary_thresholds"] == 1
    assert SalaryThreshold.objects.filter(amount_krw=28_670_000).count() == 1


def test_reload_keeps_rows_the_fixture_does_not_name(loaded_visa_rules: VisaRulesLoadResult):
    RuleSource.objects.create(
        key="hikorea_manual_2026",
        title="HiKorea manual",
        kind="government",
        date_stated_text="2026-04-14",
        publisher="hikorea.go.kr",
    )

    result = visa_rules_load()

    assert RuleSource.objects.filter(key="hikorea_manual_2026").exists()
    assert result.totals["sources"] == loaded_visa_rules.totals["sources"] + 1


def test_fixture_citing_an_unknown_source_is_rejected_and_changes_nothing(
    loaded_visa_rules: VisaRulesLoadResult, tmp_path: Path
):
    fixture = _fixture()
    fixture["visa_types"][0]["name"] = "Renamed by a broken fixture"
    fixture["salary_thresholds"][0]["sources"] = ["no_such_source"]

    with pytest.raises(VisaRulesFixtureError, match="unknown sources: no_such_source"):
        visa_rules_load(path=_write(tmp_path, fixture))

    assert not VisaType.objects.filter(name="Renamed by a broken fixture").exists()


def test_fixture_rule_without_sources_is_rejected(
    loaded_visa_rules: VisaRulesLoadResult, tmp_path: Path
):
    fixture = _fixture()
    fixture["gni_values"][0]["sources"] = []

    with pytest.raises(VisaRulesFixtureError, match="cites no source"):
        visa_rules_load(path=_write(tmp_path, fixture))


def test_fixture_breaking_a_model_rule_is_rejected_with_the_model_message(
    loaded_visa_rules: VisaRulesLoadResult, tmp_path: Path
):
    fixture = _fixture()
    fixture["salary_thresholds"].append(
        {
            **fixture["salary_thresholds"][0],
            "applies_to": "all",
            "valid_from": "2025-01-01",
            "valid_to": "2025-06-30",
            "amount_krw": 1,
            "gni_multiplier": None,
        }
    )

    with pytest.raises(VisaRulesFixtureError, match="overlaps"):
        visa_rules_load(path=_write(tmp_path, fixture))


def test_fixture_of_another_format_is_rejected(tmp_path: Path):
    with pytest.raises(VisaRulesFixtureError, match="build_visa_fixture"):
        visa_rules_load(path=_write(tmp_path, {"format": "dumpdata"}))


def test_missing_fixture_file_is_reported(tmp_path: Path):
    with pytest.raises(VisaRulesFixtureError, match="No visa-rules fixture"):
        visa_rules_load(path=tmp_path / "absent.json")


def test_load_visa_rules_command_prints_the_counts(loaded_visa_rules: VisaRulesLoadResult):
    out = StringIO()

    call_command("load_visa_rules", stdout=out)

    rows = [line.split() for line in out.getvalue().splitlines()]
    assert ["sources", str(loaded_visa_rules.totals["sources"]), "0"] in rows
    assert ["points_items", str(loaded_visa_rules.totals["points_items"]), "0"] in rows
    assert "already current" in out.getvalue()
