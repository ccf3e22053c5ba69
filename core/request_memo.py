"""Reads kept for the rest of one request: a selector several parts of a page ask for (the
current matching run: the list, the impression log and the course suggestions each did) is read
once. Outside a request (tasks, commands, the shell) nothing is kept and every call reads.

Only for reads that cannot change while a request runs (what background work writes, read
again on the next request), and that take no arguments."""

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[str, Any] | None] = ContextVar("request_memo", default=None)


def request_memo(read: Callable[[], T]) -> Callable[[], T]:
    key = f"{read.__module__}.{read.__qualname__}"

    @wraps(read)
    def kept() -> T:
        memo = _memo.get()
        if memo is None:
            return read()
        if key not in memo:
            memo[key] = read()
        value: T = memo[key]
        return value

    return kept


def request_kept() -> dict[str, Any] | None:
    """The current request's kept reads (None outside a request), for reads that key what they
    keep themselves (core.versions keeps each version token read)."""
    return _memo.get()


def request_memo_begin() -> object:
    """Start keeping reads (the middleware, at the start of a request); returns the token."""
    return _memo.set({})


def request_memo_end(token: object) -> None:
    _memo.reset(token)  # type: ignore[arg-type]
