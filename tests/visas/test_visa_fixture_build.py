"""The research-data -> fixture builder (pure functions) and the committed fixture."""

import json
from datetime import date
from pathlib import Path

import pytest

from visas.fixture_build import build_fixture
from visas.fixture_build.build import resolve_visa
from visas.fixture_build.conditions import describe_condition
from visas.fixture_build.dates import parse_stated_date
from visas.services import VISA_RULES_FIXTURE

RESEARCH_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "visa-rules.json"


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2025-03-20 (notice date reported)", date(2025, 3, 20), "day"),
        ("2025-03", date(2025, 3, 1), "month"),
        ("notice of 2025-12-29; applies 2026-02-01..2026-12-31", date(2025, 12, 29), "day"),
        ("updated 2026-06-24", date(2026, 6, 24), "day"),
        ("April 2026", date(2026, 4, 1), "month"),
        ("cites March 2026 manual", date(2026, 3, 1), "month"),
        ("as of 2022-08", date(2022, 8, 1), "month"),
        ("2023 (application until 2023-12-20)", date(2023, 1, 1), "year"),
        ("c. 2013 (launch)", date(2013, 1, 1), "year"),
    ],
)
def test_stated_dates_are_read_from_the_text(text: str, expected: date, precision: str):
    stated = parse_stated_date(text)

    assert stated is not None
    assert (stated.value, stated.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text", ["undated", "undated (uses 2025 GNI)", "repository snapshot (undated)", "", None]
)
def test_undated_texts_give_no_date(text: str | None):
    assert parse_stated_date(text) is None


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("D-10-1 (needs degree)", ("D-10-1", "needs degree")),
        ("K-STAR (F-2)", ("F-2 (K-STAR)", "")),
        ("Top-Tier", ("F-2 (Top-Tier)", "")),
        ("F-2 (after 5 years with income condition)", None),
        ("E-7", None),
    ],
)
def test_onward_paths_resolve_only_to_known_visas(text: str, resolved: tuple[str, str] | None):
    known = ["D-10-1", "F-2 (K-STAR)", "F-2 (Top-Tier)", "E-7-1"]

    assert resolve_visa(text, known_codes=known) == resolved


def test_condition_labels_read_as_rules():
    assert describe_condition("age", "between", [18, 39]) == "age between 18 and 39"
    salary = {"ref": "gni_per_capita_krw", "multiplier": 3}
    assert describe_condition("job_offer.annual_salary_krw", "gte", salary) == (
        "job_offer.annual_salary_krw ≥ 3 × GNI per capita"
    )


@pytest.mark.skipif(not RESEARCH_DATA.is_file(), reason="../shared research data not present")
def test_committed_fixture_is_what_the_builder_makes_from_the_research_data():
    research = json.loads(RESEARCH_DATA.read_text(encoding="utf-8"))

    built = build_fixture(research)

    assert built == json.loads(VISA_RULES_FIXTURE.read_text(encoding="utf-8")), (
        "visas/data/visa_rules.json is stale: run "
        "`manage.py build_visa_fixture --source ../shared/data/visa-rules.json`"
    )
