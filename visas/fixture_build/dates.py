"""Reading dates out of the research data's free text ("2025-03-20 (notice date reported)")."""

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_LEADING = re.compile(r"^(?:c\.\s*)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\b")
_FULL = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_NAME = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A date read from text, with how much of it the text gave (day, month or year)."""

    value: date
    precision: str


def parse_stated_date(text: str | None) -> StatedDate | None:
    """Read the date a source states, or None when it states none.

    A date at the start of the text wins ("2023 (application until 2023-12-20)" is 2023); otherwise
    the first full date ("notice of 2025-12-29; applies ..." is 2025-12-29), then "April 2026", then
    "as of 2022-08", then a bare year. A month or year is read as its first day, and `precision`
    says so. Text starting with "undated" has no date even if it names a year ("undated (uses 2025
    GNI)").
    """
    if not text:
        return None
    text = text.strip()
    if text.lower().startswith("undated"):
        return None
    leading = _LEADING.match(text)
    if leading:
        return _from_parts(leading.group(1), leading.group(2), leading.group(3))
    if full := _FULL.search(text):
        return _from_parts(*full.groups())
    if named := _MONTH_NAME.search(text):
        return StatedDate(date(int(named.group(2)), _MONTHS[named.group(1).lower()], 1), "month")
    if iso_month := _ISO_MONTH.search(text):
        return _from_parts(iso_month.group(1), iso_month.group(2), None)
    if year := _YEAR.search(text):
        return _from_parts(year.group(1), None, None)
    return None


def _from_parts(year: str, month: str | None, day: str | None) -> StatedDate:
    if day:
        return StatedDate(date(int(year), int(month or 1), int(day)), "day")
    if month:
        return StatedDate(date(int(year), int(month), 1), "month")
    return StatedDate(date(int(year), 1, 1), "year")
