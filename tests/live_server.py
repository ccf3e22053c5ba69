"""The live test server, gated: it knows which requests are still running.

Each request runs in a transaction (ATOMIC_REQUESTS). Two things go wrong without the gate:

- a browser test ends while a request it started (an htmx fragment, a lazy panel) still runs;
  the flush that empties the database after the test then waits on that request's locks while
  the request waits on the flush's (PostgreSQL reports a deadlock), so the browser fixture
  waits for the server to be idle before the test ends;
- on SQLite's in-memory test database every server thread shares one connection, so two
  requests at once nest one's transaction in the other's and one of them loses its savepoint;
  there the gate lets one request run at a time, as a one-connection database does anyway.
"""

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class RequestGate:
    """Counts the requests in flight; with `one_at_a_time`, also makes them take turns."""

    def __init__(self, *, one_at_a_time: bool) -> None:
        self._running = 0
        self._idle = threading.Condition()
        self._turn = threading.Lock() if one_at_a_time else None

    def wrap(self, application: WSGIApp) -> WSGIApp:
        def gated(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            self._enter()
            try:
                body = application(environ, start_response)
            except BaseException:
                self._leave()
                raise
            return _ClosingBody(body, self._leave)

        return gated

    def wait_idle(self, timeout: float = 15.0) -> bool:
        """True once no request runs; False if one still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def _enter(self) -> None:
        if self._turn is not None:
            self._turn.acquire()
        with self._idle:
            self._running += 1

    def _leave(self) -> None:
        with self._idle:
            self._running -= 1
            self._idle.notify_all()
        if self._turn is not None:
            self._turn.release()


class _ClosingBody:
    """The response body; the request counts as running until the server closes it (after the
    last byte is written), and leaves the gate exactly once."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self._body = body
        self._on_close: Callable[[], None] | None = on_close

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            on_close, self._on_close = self._on_close, None
            if on_close is not None:
                on_close()


class GatedServer(ThreadedWSGIServer):
    gate: RequestGate

    def set_app(self, application: Any) -> None:
        # Connections handed to the server thread mean SQLite's in-memory database.
        shared = getattr(self, "connections_override", None)
        self.gate = RequestGate(one_at_a_time=bool(shared))
        super().set_app(self.gate.wrap(application))


def install() -> None:
    """Every live server the tests start from now on is gated."""
    LiveServerThread.server_class = GatedServer  # type: ignore[attr-defined]


def wait_idle(live_server: object, timeout: float = 15.0) -> bool:
    httpd = getattr(live_server.thread, "httpd", None)  # type: ignore[attr-defined]
    return httpd is None or httpd.gate.wait_idle(timeout)
