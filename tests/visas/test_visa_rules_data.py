"""What the loaded rules must hold: every fact sourced and dated, nothing dropped."""

import pytest
from django.db.models import Model

from visas.models import (
    CriterionGroup,
    GniValue,
    PointsGroup,
    PointsItem,
    PointsTable,
    RuleSource,
    SalaryThreshold,
    SendingCountry,
    VisaCriterion,
    VisaNote,
    VisaType,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_visa_rules")]

RESEARCHED_VISAS = {
    "D-2",
    "D-4-1",
    "D-10-1",
    "D-10-2",
    "D-10-3",
    "D-10-T",
    "E-7-1",
    "E-7-S",
    "E-7-4",
    "E-9",
    "F-2-7",
    "F-2 (Top-Tier)",
    "F-2 (K-STAR)",
    "D-8-4",
    "F-5-1",
    "F-5-10",
    "F-5-11",
    "F-5-15",
    "F-5-16",
    "GKS-G",
}


@pytest.mark.parametrize(
    "model",
    [
        GniValue,
        SalaryThreshold,
        CriterionGroup,
        VisaCriterion,
        PointsTable,
        PointsGroup,
        SendingCountry,
        VisaNote,
        VisaType,
    ],
)
def test_every_rule_row_cites_at_least_one_source(model: type[Model]):
    unsourced = [str(row) for row in model.objects.filter(sources__isnull=True)]

    assert unsourced == []
    assert model.objects.exists()


def test_every_source_states_a_date_or_says_how_it_is_dated():
    undated = [
        source.key
        for source in RuleSource.objects.all()
        if source.date_stated is None and not source.date_stated_text.strip()
    ]

    assert undated == []
    assert RuleSource.objects.filter(date_stated__isnull=False).count() > 50


def test_every_visa_of_the_research_data_is_loaded_with_a_source():
    codes = set(VisaType.objects.values_list("code", flat=True))

    assert codes >= RESEARCHED_VISAS
    assert codes - RESEARCHED_VISAS == {"E-7-2", "E-7-3"}


def test_points_tables_are_loaded_for_every_visa_whose_table_has_items():
    tables = set(PointsTable.objects.values_list("visa_type__code", flat=True))

    assert tables == {"D-10-1", "E-7-S", "E-7-4", "F-2-7", "D-8-4"}
    assert not PointsTable.objects.filter(groups__isnull=True).exists()


def test_pass_marks_are_those_the_sources_state():
    pass_marks = dict(PointsTable.objects.values_list("visa_type__code", "pass_mark"))

    assert pass_marks == {"D-10-1": 60, "E-7-4": 200, "F-2-7": 80, "D-8-4": 80, "E-7-S": None}
    e7_s = PointsTable.objects.get(visa_type__code="E-7-S")
    assert e7_s.uncertain
    assert "No source gives a pass mark" in e7_s.note


def test_values_the_sources_disagree_on_stay_uncertain():
    assert GniValue.objects.get(gni_year=2024).uncertain
    assert SalaryThreshold.objects.get(key="salary-waiving-education-experience").uncertain
    assert PointsItem.objects.get(
        group__table__key="d-10-1-points", factor="korean_ability"
    ).uncertain
    assert VisaType.objects.get(code="D-10-T").uncertain


def test_items_without_points_are_marked_uncertain():
    assert not PointsItem.objects.filter(points__isnull=True, uncertain=False).exists()
    assert PointsItem.objects.filter(points__isnull=True).exists()


def test_e7_wage_thresholds_follow_the_notices_by_period():
    e7_1 = SalaryThreshold.objects.filter(visa_type__code="E-7-1").order_by(
        "valid_from", "applies_to"
    )
    periods = [
        (
            t.applies_to,
            t.valid_from and t.valid_from.isoformat(),
            t.valid_to and t.valid_to.isoformat(),
            t.amount_krw,
            t.gni_multiplier and str(t.gni_multiplier),
        )
        for t in e7_1
    ]

    assert sorted(periods, key=str) == sorted(
        [
            ("all", None, "2025-03-31", None, "0.80"),
            ("sme_or_venture", None, "2025-03-31", None, "0.70"),
            ("all", "2025-04-01", "2025-12-31", 28_670_000, None),
            ("all", "2026-02-01", "2026-12-31", 31_120_000, None),
        ],
        key=str,
    )
    assert (
        SalaryThreshold.objects.get(visa_type__code="E-7-2", valid_from="2026-02-01").amount_krw
        == 25_890_000
    )


def test_e9_sending_countries_are_the_seventeen_mou_countries():
    countries = set(
        SendingCountry.objects.filter(visa_type__code="E-9").values_list("country", flat=True)
    )

    assert len(countries) == 17
    assert {"PH", "VN", "TH", "ID", "KH", "MM", "LA", "TL"} <= countries
    assert not {"BN", "MY", "SG"} & countries


def test_onward_paths_link_graduate_routes():
    d2_next = set(VisaType.objects.get(code="D-2").next_visas.values_list("code", flat=True))

    assert {"D-10-1", "E-7-1", "F-2-7", "F-2 (K-STAR)", "F-2 (Top-Tier)"} <= d2_next
