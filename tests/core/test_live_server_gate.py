"""The live test server's gate (tests/live_server.py): browser tests end only when the server is
idle, and on SQLite requests take turns."""

import threading
import time

import pytest

from tests.live_server import RequestGate


def _app_waiting_for(release: threading.Event, seen: list[str]):
    def app(environ, start_response):
        seen.append(f"start {environ['name']}")
        release.wait(5)
        seen.append(f"end {environ['name']}")
        start_response("200 OK", [])
        return [b"ok"]

    return app


def _serve(app, name: str) -> threading.Thread:
    def run() -> None:
        body = app({"name": name}, lambda *args: None)
        list(body)
        body.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_wait_idle_waits_for_a_request_until_its_body_is_closed():
    gate = RequestGate(one_at_a_time=False)
    release = threading.Event()
    thread = _serve(gate.wrap(_app_waiting_for(release, [])), "a")
    time.sleep(0.05)
    assert gate.wait_idle(timeout=0.1) is False
    release.set()
    thread.join()
    assert gate.wait_idle(timeout=1) is True


def test_one_at_a_time_runs_requests_in_turn_and_otherwise_together():
    for one_at_a_time, expected in [
        (True, ["start a", "end a", "start b", "end b"]),
        (False, ["start a", "start b", "end a", "end b"]),
    ]:
        gate = RequestGate(one_at_a_time=one_at_a_time)
        release, seen = threading.Event(), []
        app = gate.wrap(_app_waiting_for(release, seen))
        first = _serve(app, "a")
        time.sleep(0.05)
        second = _serve(app, "b")
        time.sleep(0.05)
        release.set()
        first.join()
        second.join()
        assert seen[:2] == expected[:2], one_at_a_time
        assert gate.wait_idle(timeout=1)


def test_a_request_that_raises_leaves_the_gate():
    gate = RequestGate(one_at_a_time=True)

    def broken(environ, start_response):
        raise RuntimeError("boom")

    app = gate.wrap(broken)
    for _ in range(2):  # the second would wait forever for its turn if the first kept it
        with pytest.raises(RuntimeError):
            app({}, lambda *args: None)
    assert gate.wait_idle(timeout=1)
