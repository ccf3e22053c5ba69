"""Amounts and levels written the way each reader's language writes them.

- `{% salary_range low high %}`: Korean salaries in 만원 and 억 ("3,600만원 – 4,200만원"), other
  languages "KRW 36,000,000 – 42,000,000" with the language's digit grouping.
- `{% salary_converted low high %}`: for a reader of Vietnamese, Indonesian or Thai, the range in
  their currency (US dollars when no rate is kept for it), rounded, with the rate's date and
  source: an approximation to compare with, never a promise.
- `{{ level|topik }}`: "TOPIK 3", and for 0 "None" (no TOPIK certificate), never "TOPIK 0".
"""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.selectors import exchange_rate_get

register = template.Library()

# The currency each language's readers compare a salary in (the ECB has no dong: USD until
# staff enter one).
READER_CURRENCY = {"vi": "VND", "id": "IDR", "th": "THB"}
FALLBACK_CURRENCY = "USD"
CURRENCY_NAMES = {
    "VND": gettext_lazy("dong"),
    "IDR": gettext_lazy("rupiah"),
    "THB": gettext_lazy("baht"),
    "USD": gettext_lazy("US dollars"),
}


def korean_won(amount: int) -> str:
    """36000000 -> "3,600만원"; 120000000 -> "1억 2,000만원"; 36125000 -> "3,612만 5,000원"."""
    eok, rest = divmod(int(amount), 100_000_000)
    man, won = divmod(rest, 10_000)
    parts = [f"{eok:,}억"] if eok else []
    if man:
        parts.append(f"{man:,}만")
    if won or not parts:
        parts.append(f"{won:,}")
    return " ".join(parts) + "원"


def won(amount: int) -> str:
    """One amount of won in the active language."""
    if (get_language() or "").startswith("ko"):
        return korean_won(amount)
    return _("KRW %(amount)s") % {"amount": number_format(int(amount), force_grouping=True)}


@register.simple_tag
def salary_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    low, high = low if low is not None else high, high if high is not None else low
    if low == high:
        return won(low)  # type: ignore[arg-type]
    if (get_language() or "").startswith("ko"):
        return f"{korean_won(low)} – {korean_won(high)}"  # type: ignore[arg-type]
    return _("KRW %(low)s – %(high)s") % {
        "low": number_format(int(low), force_grouping=True),  # type: ignore[arg-type]
        "high": number_format(int(high), force_grouping=True),  # type: ignore[arg-type]
    }


@dataclass(frozen=True)
class Converted:
    text: str  # "about 648,000,000 – 756,000,000 dong"
    note: str  # "Rate of 30 October 2026, European Central Bank"
    source_url: str


def _rounded(value: Decimal) -> int:
    """Three significant figures: an approximation should not look exact."""
    digits = len(str(int(value))) if value >= 1 else 1
    step = 10 ** max(digits - 3, 0)
    return int((value / step).to_integral_value() * step)


@register.simple_tag
def salary_converted(low: int | None, high: int | None) -> Converted | None:
    currency = READER_CURRENCY.get((get_language() or "")[:2])
    if currency is None or (low is None and high is None):
        return None
    rate = exchange_rate_get(currency) or exchange_rate_get(FALLBACK_CURRENCY)
    if rate is None:
        return None
    low, high = low if low is not None else high, high if high is not None else low
    amounts = sorted({_rounded(Decimal(v) * rate.per_krw) for v in (low, high)})  # type: ignore[arg-type]
    figures = " – ".join(number_format(amount, force_grouping=True) for amount in amounts)
    return Converted(
        text=_("about %(amount)s %(currency)s")
        % {"amount": figures, "currency": CURRENCY_NAMES.get(rate.currency, rate.currency)},
        note=_("Rate of %(date)s, %(source)s")
        % {"date": date_format(rate.as_of, "DATE_FORMAT"), "source": rate.source},
        source_url=rate.source_url,
    )


@register.filter
def topik(level: int | None) -> str:
    """A graduate's TOPIK level: "TOPIK 4", or "None" for no certificate (level 0)."""
    if not level:
        return _("None")
    return _("TOPIK %(level)s") % {"level": level}


@register.filter(name="won")
def won_filter(amount: int | None) -> str:
    """`{{ amount|won }}`: one amount of won as the reader's language writes it ("3,600만원",
    "KRW 36,000,000")."""
    return "" if amount is None else won(amount)
