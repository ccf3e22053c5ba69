"""Collecting violations, and loading the two JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class Checker:
    """Collects violations instead of stopping at the first one."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def require(self, condition: bool, message: str) -> bool:
        if not condition:
            self.fail(message)
        return condition


def load_json(path: Path, chk: Checker) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        chk.fail(f"{path}: file not found")
        return {}
    except json.JSONDecodeError as exc:
        chk.fail(f"{path}: invalid JSON ({exc})")
        return {}
    if not isinstance(data, dict):
        chk.fail(f"{path}: top level must be an object")
        return {}
    return data


def as_list(value: object, message: str, chk: Checker) -> list[Any] | None:
    """Return value if it is a list, else record message and return None."""
    if isinstance(value, list):
        return value
    chk.fail(message)
    return None
