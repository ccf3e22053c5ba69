"""Version tokens in the shared cache: what each process keeps (the visa rules, the skill
taxonomy) is read again once its token changes. A writer sets a new token; readers compare."""

import uuid
from collections.abc import Iterable
from contextlib import suppress

from django.core.cache import cache


def version_token(key: str) -> str | None:
    """The current token under `key` (one is made the first time), or None when the shared
    cache cannot be reached: then nothing kept can be trusted as current."""
    tokens = version_tokens([key])
    return None if tokens is None else tokens[key]


def version_tokens(keys: Iterable[str]) -> dict[str, str] | None:
    """`version_token` for many keys in one round trip (those never set yet take one more
    each), or None when the shared cache cannot be reached or keeps nothing."""
    keys = list(keys)
    try:
        tokens = cache.get_many(keys)
        for key in keys:
            if tokens.get(key) is None:
                cache.add(key, uuid.uuid4().hex, timeout=None)
                tokens[key] = cache.get(key)
    except Exception:
        return None
    if any(tokens.get(key) is None for key in keys):  # a cache that keeps nothing
        return None
    return {key: str(tokens[key]) for key in keys}


def version_token_renew(key: str) -> None:
    """A new token under `key` (a cache that is down is left alone: readers fall back)."""
    with suppress(Exception):
        cache.set(key, uuid.uuid4().hex, timeout=None)
