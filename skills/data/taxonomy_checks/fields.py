"""Rules shared by several kinds of entry: slugs, Korean text, labels and field lengths."""

from __future__ import annotations

import re

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")

# Field limits of the skills app models (skills/models.py); longer values would not load.
MAX_LEN = {
    "slug": 80,
    "category_name": 80,
    "name": 120,
    "name_ko": 120,
    "alias": 120,
    "description": 400,
    "esco_uri": 200,
    "onet_example": 120,
    "ncs_code": 20,
}


def normalise_label(text: str) -> str:
    """Same comparison form as skills.models.normalise_skill_label (case/space-insensitive)."""
    return " ".join(text.casefold().replace("_", " ").split())


def is_nonempty_str(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
