"""Korean business registration number (사업자등록번호): `000-00-00000` with a check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FORMAT = re.compile(r"^\d{3}-\d{2}-\d{5}$")
_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def brn_check_digit(first_nine: str) -> int:
    """The National Tax Service check digit for the first nine digits of a number."""
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def validate_business_registration_number(value: str) -> None:
    if not _FORMAT.match(value or ""):
        raise ValidationError(
            _("Enter the number as 000-00-00000 (ten digits with two hyphens)."), code="format"
        )
    digits = value.replace("-", "")
    if brn_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("This business registration number is not valid (check digit mismatch)."),
            code="checksum",
        )
