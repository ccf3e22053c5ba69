"""Fault injection with real processes: a Redis of the test's own and Celery workers on it.

The shared worker of tests/conftest.py must not be killed, and the shared Redis must not go down
under other tests, so fault tests start their own: `OwnRedis` on a free port (no persistence,
as the fault asks), and `start_worker` processes that use it as their broker and the test
database as theirs.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class OwnRedis:
    """A redis-server keeping nothing on disk, on its own port; it can be killed and restarted."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_for(self._answers, 10):
            raise RuntimeError(f"redis-server on port {self.port} did not start")

    def _answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def kill(self) -> None:
        """SIGKILL: whatever it held (queued messages) is lost."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def client(self):  # type: ignore[no-untyped-def]
        import redis

        return redis.Redis.from_url(self.url)


def _process_env(redis_url: str, extra_env: dict[str, str] | None) -> dict[str, str]:
    """Another process's environment: the test database, `redis_url` as broker and cache."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "DJANGO_ENV": "test",
        **(extra_env or {}),
    }


def start_worker(
    redis_url: str, name: str, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """A `celery worker` (one prefork child) on `redis_url`, using the test database."""
    env = _process_env(redis_url, extra_env)
    LOGS.mkdir(exist_ok=True)
    log = (LOGS / f"fault-worker-{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker",
         "-Q", "default,matching,notifications", "--pool", "prefork", "-c", "1",
         "-n", f"{name}@%h", "--without-gossip", "--without-mingle", "-l", "INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def pool_children(worker: subprocess.Popen[bytes]) -> list[int]:
    """The pids of a worker's pool processes (the children of its main process)."""
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def stop(process: subprocess.Popen[bytes] | None, kill: bool = False) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class SmtpSink:
    """A minimal SMTP server on its own port (in a thread of the test process) that keeps every
    message it accepts: what a worker's real SMTP connection delivered, counted exactly."""

    def __init__(self, on_message: Callable[[int], None] | None = None) -> None:
        """`on_message(n)` runs once the n-th message is kept, before the server says so."""
        import socketserver
        import threading

        sink = self
        self.messages: list[bytes] = []

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink ready\r\n")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        body = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            body += chunk
                        sink.messages.append(body)
                        if on_message is not None:
                            on_message(len(sink.messages))
                        self.wfile.write(b"250 kept\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_web(
    redis_url: str, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """The site on gunicorn (one process), on `redis_url` and the test database; its base URL."""
    port = free_port()
    LOGS.mkdir(exist_ok=True)
    log = (LOGS / "fault-web.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"],
        cwd=ROOT, env=_process_env(redis_url, extra_env), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    if not wait_for(lambda: _answers_http(base + "/healthz"), 30):
        stop(process)
        raise RuntimeError("the web process did not start; see test-artifacts/fault-web.log")
    return process, base


def _answers_http(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (a local test URL)
            return True
    except OSError:
        return False
