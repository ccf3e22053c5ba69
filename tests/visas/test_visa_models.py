"""Model rules: database constraints first, then clean() with a clear message."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from visas.models import (
    CriterionGroup,
    PointsTable,
    RuleSource,
    SalaryThreshold,
    VisaCriterion,
    VisaType,
    periods_overlap,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def e7_1() -> VisaType:
    return VisaType.objects.create(
        code="E-7-1", slug="e-7-1", name="Professional", category="employment"
    )


def _threshold(
    visa: VisaType, start: date | None, end: date | None, **extra: object
) -> SalaryThreshold:
    values = {"key": "minimum-annual-salary", "label": "E-7-1 minimum", "amount_krw": 30_000_000}
    return SalaryThreshold(visa_type=visa, valid_from=start, valid_to=end, **(values | extra))


def test_points_table_without_pass_mark_is_refused_by_the_database(e7_1: VisaType):
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsTable.objects.create(visa_type=e7_1, key="t", name="Table", pass_mark=None)


def test_points_table_without_pass_mark_fails_validation_with_a_clear_message(e7_1: VisaType):
    table = PointsTable(visa_type=e7_1, key="t", name="Table", pass_mark=None)

    with pytest.raises(ValidationError) as caught:
        table.full_clean()

    assert "needs a pass mark" in caught.value.message_dict["pass_mark"][0]


def test_points_table_with_zero_pass_mark_is_refused(e7_1: VisaType):
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsTable.objects.create(visa_type=e7_1, key="t", name="Table", pass_mark=0)


def test_uncertain_points_table_whose_sources_give_no_pass_mark_is_accepted(e7_1: VisaType):
    table = PointsTable(visa_type=e7_1, key="t", name="Table", pass_mark=None, uncertain=True)

    table.full_clean()
    table.save()

    assert PointsTable.objects.get(key="t").pass_mark is None


def test_second_points_table_for_the_same_period_is_refused_by_clean(e7_1: VisaType):
    PointsTable.objects.create(visa_type=e7_1, key="old", name="Old table", pass_mark=60)
    newer = PointsTable(visa_type=e7_1, key="new", name="New table", pass_mark=70)

    with pytest.raises(ValidationError, match="already in force"):
        newer.full_clean()


def test_overlapping_threshold_periods_are_refused_by_clean_with_both_periods_named(
    e7_1: VisaType,
):
    _threshold(e7_1, date(2025, 4, 1), date(2025, 12, 31)).save()
    overlapping = _threshold(e7_1, date(2025, 12, 1), date(2026, 12, 31))

    with pytest.raises(ValidationError) as caught:
        overlapping.full_clean()

    message = caught.value.messages[0]
    assert "2025-12-01 – 2026-12-31" in message
    assert "overlaps" in message
    assert "2025-04-01 – 2025-12-31" in message


def test_open_start_threshold_overlaps_a_later_period_that_starts_before_it_ends(e7_1: VisaType):
    _threshold(
        e7_1, None, date(2025, 3, 31), amount_krw=None, gni_multiplier=Decimal("0.80")
    ).save()

    with pytest.raises(ValidationError, match="overlaps"):
        _threshold(e7_1, date(2025, 3, 31), None).full_clean()


def test_adjacent_threshold_periods_are_accepted(e7_1: VisaType):
    _threshold(e7_1, date(2025, 4, 1), date(2025, 12, 31)).save()

    _threshold(e7_1, date(2026, 1, 1), None).full_clean()


def test_same_period_for_smes_is_a_separate_rule(e7_1: VisaType):
    _threshold(e7_1, None, date(2025, 3, 31)).save()

    _threshold(e7_1, None, date(2025, 3, 31), applies_to="sme_or_venture").full_clean()


def test_editing_a_threshold_does_not_clash_with_itself(e7_1: VisaType):
    threshold = _threshold(e7_1, date(2025, 4, 1), date(2025, 12, 31))
    threshold.save()
    threshold.amount_krw = 28_670_000

    threshold.full_clean()


def test_threshold_with_both_amount_and_multiplier_is_refused_by_the_database(e7_1: VisaType):
    with pytest.raises(IntegrityError), transaction.atomic():
        _threshold(e7_1, None, None, gni_multiplier=Decimal("0.80")).save()


def test_threshold_with_neither_amount_nor_multiplier_fails_validation(e7_1: VisaType):
    with pytest.raises(ValidationError, match="either a fixed amount"):
        _threshold(e7_1, None, None, amount_krw=None).full_clean()


def test_threshold_period_ending_before_it_starts_is_refused(e7_1: VisaType):
    with pytest.raises(ValidationError, match="must not end before it starts"):
        _threshold(e7_1, date(2026, 1, 1), date(2025, 1, 1)).full_clean()


def test_source_stating_no_date_at_all_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleSource.objects.create(key="x", title="A page", kind="blog", date_stated_text="")


def test_source_publisher_defaults_to_the_url_host():
    source = RuleSource(
        key="kmcn",
        title="Article",
        kind="news",
        url="https://www.kmcn.kr/article?no=1",
        date_stated_text="undated",
    )

    source.full_clean()

    assert source.publisher == "kmcn.kr"


@pytest.mark.parametrize(
    ("op", "value", "problem"),
    [
        ("between", [18], "two values"),
        ("in", "E-7-1 designated list", "list of values"),
        ("gte", "sixty", "number or a reference"),
    ],
)
def test_criterion_value_must_fit_its_operator(
    e7_1: VisaType, op: str, value: object, problem: str
):
    group = CriterionGroup.objects.create(
        visa_type=e7_1, key="eligibility", purpose="eligibility", mode="all", label="Eligibility"
    )
    criterion = VisaCriterion(group=group, key="k", label="k", field="age", op=op, value=value)

    with pytest.raises(ValidationError, match=problem):
        criterion.full_clean()


def test_criterion_may_compare_with_a_multiple_of_gni(e7_1: VisaType):
    group = CriterionGroup.objects.create(
        visa_type=e7_1, key="eligibility", purpose="eligibility", mode="all", label="Eligibility"
    )
    value = {"ref": "gni_per_capita_krw", "multiplier": 1.5}

    VisaCriterion(group=group, key="k", label="k", field="s", op="gte", value=value).full_clean()


def test_sub_group_without_purpose_and_root_group_with_one_are_required(e7_1: VisaType):
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionGroup.objects.create(visa_type=e7_1, key="root", mode="all", label="No purpose")


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((None, date(2025, 3, 31)), (date(2025, 4, 1), None), False),
        ((None, date(2025, 3, 31)), (date(2025, 3, 31), None), True),
        ((date(2025, 4, 1), date(2025, 12, 31)), (date(2026, 2, 1), date(2026, 12, 31)), False),
        ((None, None), (date(2030, 1, 1), date(2030, 1, 1)), True),
    ],
)
def test_periods_overlap_when_they_share_a_day(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None], overlap: bool
):
    assert periods_overlap(first, second) is overlap
    assert periods_overlap(second, first) is overlap
