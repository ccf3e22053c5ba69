"""The training app's course planners, found lazily: the portal works before they exist."""

import importlib
from collections.abc import Callable
from typing import Any


def training_function(name: str) -> Callable[..., Any] | None:
    """training.selectors.<name> (or training.plans.<name>), or None when neither offers it."""
    for module_name in ("training.selectors", "training.plans"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None
