"""Count the queries a request makes, whatever the request's signals do to Django's query log."""

from collections.abc import Callable
from typing import Any

from django.db import connection


def queries_of(call: Callable[[], Any]) -> tuple[int, Any]:
    """Run `call` and return (number of SQL statements it executed, its result)."""
    count = 0

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        result = call()
    return count, result
