"""Where one page's time goes: `manage.py profile_page /graduate/ --as EMAIL`.

The page is asked for in-process (Django's test client, the settings and database of this
environment) `--repeat` times after one warm-up request; the command prints the median time,
every query of the last request with its time (slowest first, repeated ones counted), and
pyinstrument's call tree of the last request. Development only: pyinstrument is a development
dependency, and the command never runs on a served site.
"""

import statistics
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client

from accounts.models import User


class _Queries:
    """Every query's SQL and milliseconds, through the connection's execute wrapper."""

    def __init__(self) -> None:
        self.timings: list[tuple[float, str]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool,
                 context: Any) -> Any:  # fmt: skip
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings.append((1000 * (time.perf_counter() - started), sql))


class Command(BaseCommand):
    help = "Profile one page in-process: time, its queries, and where Python spends the time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="e.g. /jobs/?q=python")
        parser.add_argument("--as", dest="email", default="", help="sign in as this user first")
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--queries", type=int, default=15, help="slowest queries to print")
        parser.add_argument("--no-tree", action="store_true", help="leave out the call tree")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            from pyinstrument import Profiler
        except ImportError as exc:
            raise CommandError("pyinstrument is a development dependency: `make install`.") from exc
        host = next((h for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"), "localhost")
        client = Client(HTTP_ACCEPT_ENCODING="identity", HTTP_HOST=host)
        if options["email"]:
            user = User.objects.filter(email=options["email"]).first()
            if user is None:
                raise CommandError(f"No user {options['email']}.")
            client.force_login(user)
        path = options["path"]
        response = client.get(path, secure=True)  # warm-up: imports, caches, connections
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}.")
        times = []
        for _ in range(max(1, options["repeat"])):
            queries = _Queries()
            profiler = Profiler(interval=0.0005)
            with connection.execute_wrapper(queries):
                started = time.perf_counter()
                profiler.start()
                client.get(path, secure=True)
                profiler.stop()
                times.append(1000 * (time.perf_counter() - started))
        self.stdout.write(
            f"{path}: median {statistics.median(times):.1f} ms over {len(times)} requests "
            f"(min {min(times):.1f}); last request {len(queries.timings)} queries, "
            f"{sum(ms for ms, _ in queries.timings):.1f} ms in the database"
        )
        counts = Counter(sql for _, sql in queries.timings)
        slowest: dict[str, float] = {}
        for ms, sql in queries.timings:
            slowest[sql] = slowest.get(sql, 0.0) + ms
        for sql, ms in sorted(slowest.items(), key=lambda kv: -kv[1])[: options["queries"]]:
            self.stdout.write(f"  {ms:7.2f} ms  x{counts[sql]:<3} {sql[:300]}")
        if not options["no_tree"]:
            self.stdout.write(profiler.output_text(unicode=True, color=False, show_all=False))
