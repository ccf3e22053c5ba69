"""Sending Celery tasks when a database row is the promise of the work.

Every piece of background work on the platform is first written down in PostgreSQL: a match run
and its blocks, a MatchingChange outbox row, an EmailDelivery. The message on the broker only
says "do it now"; a periodic sweep finds rows whose message was lost and sends it again. So a
broker that is down when a message is sent must not undo, or fail, the work that committed: the
web request still answers success, and the sweep catches up when the broker is back.

`send_after_commit` is the one way tasks are sent. `TRANSIENT_ERRORS` names the failures worth a
retry (a database connection cut, a broker or cache that does not answer) as opposed to bugs.
"""

import logging
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery import Task
from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,  # PostgreSQL restarted, connection terminated, lock timeout
    InterfaceError,  # a connection already closed under us
    kombu.exceptions.OperationalError,  # the broker does not answer
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)

# What publishing a message raises when the broker is away (kombu wraps most, not all of it).
_PUBLISH_ERRORS: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.RedisError,
    OSError,
)


def send_now(task: Task, *args: Any) -> bool:
    """Publish `task(*args)`; False (logged, not raised) when the broker cannot take it."""
    if task.app.conf.task_always_eager:
        task.apply_async(args)  # in-process: errors are the task's own and propagate
        return True
    try:
        task.apply_async(args)
    except _PUBLISH_ERRORS as exc:
        logger.warning("could not send %s%r, a sweep will send it: %r", task.name, args, exc)
        return False
    return True


def send_after_commit(task: Task, *args: Any) -> None:
    """Publish `task(*args)` once the current transaction commits (at once outside of one),
    never failing the committed work when the broker is down."""
    transaction.on_commit(lambda: send_now(task, *args))
