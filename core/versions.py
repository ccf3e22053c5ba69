"""Version tokens in the shared cache: what each process keeps (the visa rules, the skill
taxonomy) is read again once its token changes. A writer sets a new token; readers compare.

Within one request each token is read once (core.request_memo): a page's parts ask for the
same few tokens (the rules', the taxonomy's, a graduate's facts') many times, and a token set
by another process during the request is seen by the next request. A token this process renews
is read again at once.
"""

import uuid
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from django.core.cache import cache
from django.db import transaction

from core.request_memo import request_kept

_KEPT = "version-token:"


def version_token(key: str) -> str | None:
    """The current token under `key` (one is made the first time), or None when the shared
    cache cannot be reached: then nothing kept can be trusted as current."""
    tokens = version_tokens([key])
    return None if tokens is None else tokens[key]


def version_tokens(keys: Iterable[str]) -> dict[str, str] | None:
    """`version_token` for many keys in one round trip (two more make those never set yet),
    or None when the shared cache cannot be reached or keeps nothing. Tokens read before in
    this request are not read again."""
    keys = list(keys)
    kept = request_kept()
    known = {} if kept is None else {k: kept[_KEPT + k] for k in keys if _KEPT + k in kept}
    wanted = [key for key in keys if key not in known]
    if not wanted:
        return known
    try:
        tokens = cache.get_many(wanted)
        if missing := [key for key in wanted if tokens.get(key) is None]:
            tokens.update(_tokens_made(missing))
    except Exception:
        return None
    if any(tokens.get(key) is None for key in wanted):  # a cache that keeps nothing
        return None
    read = {key: str(tokens[key]) for key in wanted}
    if kept is not None:
        kept.update({_KEPT + key: token for key, token in read.items()})
    return {**known, **read}


def _tokens_made(keys: list[str]) -> dict[str, Any]:
    """New tokens for keys that have none (a page listing twenty graduates read for the first
    time): written and read back in two round trips, not two per key. A token written here may
    replace one another process wrote meanwhile: what was kept under that one is only no longer
    found, as the caller reads what it keeps after it has its token, and every token is new."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    return cache.get_many(keys)


def version_token_renew(key: str) -> None:
    """A new token under `key` (a cache that is down is left alone: readers fall back)."""
    kept = request_kept()
    if kept is not None:
        kept.pop(_KEPT + key, None)
    with suppress(Exception):
        cache.set(key, uuid.uuid4().hex, timeout=None)


def version_token_renew_around_commit(key: str) -> None:
    """`version_token_renew` now and once more after the transaction commits: whatever another
    process read and kept between the two (the old rows, as the commit had not happened) is
    under a token no reader asks for after it."""
    version_token_renew(key)
    transaction.on_commit(lambda: version_token_renew(key))
