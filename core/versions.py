"""Version tokens in the shared cache: what each process keeps (the visa rules, the skill
taxonomy) is read again once its token changes. A writer sets a new token; readers compare."""

import uuid
from contextlib import suppress

from django.core.cache import cache


def version_token(key: str) -> str | None:
    """The current token under `key` (one is made the first time), or None when the shared
    cache cannot be reached: then nothing kept can be trusted as current."""
    try:
        token = cache.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            token = cache.get(key)
    except Exception:
        return None
    return None if token is None else str(token)


def version_token_renew(key: str) -> None:
    """A new token under `key` (a cache that is down is left alone: readers fall back)."""
    with suppress(Exception):
        cache.set(key, uuid.uuid4().hex, timeout=None)
