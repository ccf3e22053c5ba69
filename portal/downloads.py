"""CSV downloads that spreadsheets open right: UTF-8 with a byte-order mark, so Excel (Korean
Windows included) reads Hangul and Thai; a text cell that starts like a formula is prefixed with
a quote so a spreadsheet never runs it (numbers, negative ones too, stay numbers)."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """The cell's text, with a leading quote when a spreadsheet would read it as a formula."""
    if isinstance(value, int | float):
        return str(value)
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_download(*, filename: str, rows: Iterable[Sequence[object]]) -> HttpResponse:
    """The rows (the header first) as a CSV attachment named `filename`."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_safe(cell) for cell in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
