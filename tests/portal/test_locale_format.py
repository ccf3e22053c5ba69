"""Amounts and levels in each reader's language: won in 만원 and 억 for Korean readers, grouped
digits elsewhere, the approximate conversion with its rate's date and source, and TOPIK 0 as
"none"."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from core.models import ExchangeRate
from portal.templatetags.locale_format import (
    korean_won,
    salary_converted,
    salary_range,
    topik,
    won_filter,
)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (36_000_000, "3,600만원"),
        (120_000_000, "1억 2,000만원"),
        (100_000_000, "1억원"),
        (36_125_000, "3,612만 5,000원"),
        (9_500, "9,500원"),
        (0, "0원"),
    ],
)
def test_korean_won(amount, words):
    assert korean_won(amount) == words


def test_salary_range_reads_as_each_language_writes_amounts():
    with translation.override("ko"):
        assert salary_range(36_000_000, 48_000_000) == "3,600만원 – 4,800만원"
        assert salary_range(36_000_000, 36_000_000) == "3,600만원"
    with translation.override("en"):
        assert salary_range(36_000_000, 48_000_000) == "KRW 36,000,000 – 48,000,000"
    with translation.override("vi"):
        assert "36.000.000" in salary_range(36_000_000, 48_000_000)
    with translation.override("id"):
        assert "36.000.000" in salary_range(36_000_000, 48_000_000)
    assert salary_range(None, None) == ""


@pytest.mark.django_db
def test_conversion_in_the_readers_currency_with_date_and_source():
    ExchangeRate.objects.update_or_create(
        currency="IDR",
        defaults={"per_krw": Decimal("13.59"), "as_of": datetime.date(2026, 10, 30),
                  "source": "European Central Bank"},
    )  # fmt: skip
    with translation.override("id"):
        converted = salary_converted(36_000_000, 48_000_000)
    assert converted is not None
    assert "489.000.000" in converted.text and "652.000.000" in converted.text  # 3 figures
    assert "rupiah" in converted.text
    assert "European Central Bank" in converted.note and "2026" in converted.note
    with translation.override("ko"):
        assert salary_converted(36_000_000, 48_000_000) is None  # Koreans read won


@pytest.mark.django_db
def test_without_a_rate_for_the_currency_us_dollars_stand_in():
    ExchangeRate.objects.filter(currency="VND").delete()
    with translation.override("vi"):
        converted = salary_converted(36_000_000, 36_000_000)
    assert converted is not None and "đô la Mỹ" in converted.text
    ExchangeRate.objects.all().delete()
    with translation.override("vi"):
        assert salary_converted(36_000_000, 36_000_000) is None  # no rate: nothing made up


def test_topik_zero_reads_none_in_every_language():
    for language, none in [("en", "None"), ("ko", "없음")]:
        with translation.override(language):
            assert topik(0) == none
            assert topik(None) == none
            assert topik(4).startswith("TOPIK 4")  # Korean adds 급


def test_one_amount_in_a_sentence():
    with translation.override("ko"):
        assert won_filter(31_120_000) == "3,112만원"
    with translation.override("en"):
        assert won_filter(31_120_000) == "KRW 31,120,000"
    assert won_filter(None) == ""
