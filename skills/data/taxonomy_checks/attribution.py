"""The taxonomy's 'about' text, which must credit the classifications the data draws on."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .fields import is_nonempty_str

REQUIRED_CREDITS = (
    "This service uses the ESCO classification of the European Commission",
    "O*NET 29.2",
    "CC BY 4.0",
    "NCS",
)


def check_about(tax: dict[str, Any], chk: Checker) -> None:
    about = tax.get("about", "")
    if not chk.require(is_nonempty_str(about), "taxonomy: missing 'about'"):
        return
    for phrase in REQUIRED_CREDITS:
        chk.require(phrase in about, f"taxonomy: 'about' must mention {phrase!r}")
