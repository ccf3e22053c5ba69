"""Rendered parts of pages (and the values behind them) kept in the shared cache, so every
process and server shares them: a ranked candidate's row, for instance, is worded and rendered
once while nothing it shows changes, not on every visit to the list.

A caller names each part by a key that holds everything the part shows (the version tokens of
the facts behind it, the language, the figures): a change to any of them is a new key, and the
old entry is simply never read again. Every key also carries the release (`release_stamp`: the
code, templates and translations this process runs), so a deploy, or two versions running side
by side during one, never shows a part rendered by other code.

Without the shared cache (down, or one that keeps nothing) every part is rendered, as if
nothing were kept: a kept part only ever saves work.
"""

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache as once
from typing import TypeVar

import django
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

V = TypeVar("V")

_SOURCE_SUFFIXES = (".py", ".html", ".mo", ".txt")
_SKIPPED_DIRS = {".venv", "var", "node_modules", "__pycache__", ".git", "tests", "media"}


@once
def release_stamp() -> str:
    """What this process runs: Django's version and the name, size and modification time of
    each source file, template and translation catalogue under the project (read once)."""
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
    # Uploads and collected static files are not code (and uploads may be many).
    data = {os.path.realpath(p) for p in (settings.MEDIA_ROOT, settings.STATIC_ROOT) if p}
    for top, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(
            d for d in dirs
            if d not in _SKIPPED_DIRS and os.path.realpath(os.path.join(top, d)) not in data
        )  # fmt: skip
        for name in sorted(files):
            if name.endswith(_SOURCE_SUFFIXES):
                status = os.stat(os.path.join(top, name))
                digest.update(f"{top}/{name}:{status.st_size}:{status.st_mtime_ns};".encode())
    return digest.hexdigest()


def _cache_key(key: str) -> str:
    named = hashlib.blake2b(f"{release_stamp()}:{key}".encode(), digest_size=16).hexdigest()
    return f"fragment:{named}"


def kept_values(
    keys: Sequence[str | None],
    make: Callable[[list[int]], Sequence[V]],
    *,
    seconds: int,
) -> list[V]:
    """The values named by `keys`, in order: those kept are read in one round trip, the others
    made at once by `make(indexes)` (a value for each index asked, in order) and kept for
    `seconds`. A key of None is a value never kept (made every time)."""
    wanted = {i: _cache_key(key) for i, key in enumerate(keys) if key is not None}
    found: dict[str, V] = {}
    if wanted:
        try:
            found = cache.get_many(list(wanted.values()))
        except Exception:
            logger.warning("Kept page parts could not be read; making them")
    values: dict[int, V] = {i: found[k] for i, k in wanted.items() if k in found}
    missing = [i for i in range(len(keys)) if i not in values]
    if missing:
        made = dict(zip(missing, make(missing), strict=True))
        values.update(made)
        fresh = {wanted[i]: value for i, value in made.items() if i in wanted}
        if fresh:
            try:
                cache.set_many(fresh, seconds)
            except Exception:
                logger.warning("Page parts made could not be kept")
    return [values[i] for i in range(len(keys))]


def kept_fragments_read(keys: Iterable[str]) -> dict[str, SafeString]:
    """The parts kept under `keys`, by key, read in one round trip; nothing is made. A page
    that will ask for several parts reads them together first (`{% kept %}`)."""
    named = {_cache_key(key): key for key in keys}
    try:
        found = cache.get_many(list(named)) if named else {}
    except Exception:
        logger.warning("Kept page parts could not be read; making them")
        return {}
    # Only HTML this code rendered from its own templates is ever kept under these keys.
    return {named[k]: mark_safe(part) for k, part in found.items()}  # noqa: S308


def kept_fragments(
    keys: Sequence[str | None],
    render: Callable[[list[int]], Sequence[str]],
    *,
    seconds: int,
) -> list[SafeString]:
    """`kept_values` for rendered HTML: the parts named by `keys`, those not kept rendered by
    `render(indexes)` (HTML for each index asked, in order)."""
    parts = kept_values(keys, render, seconds=seconds)
    # Only HTML this code rendered from its own templates is ever kept under these keys.
    return [mark_safe(part) for part in parts]  # noqa: S308
