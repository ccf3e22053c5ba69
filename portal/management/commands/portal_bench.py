"""Time the graduate portal's busiest pages server-side: dashboard and job search.

Runs the views through Django's test client (middleware, views, templates; no network) as a
graduate of the current database, and prints per page the median and 95th percentile in
milliseconds and the number of SQL queries. Run it on the demo data (`seed_demo`).
"""

import json
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from matching.models import GraduateMatchList

PAGES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("dashboard", "graduate:dashboard", {}),
    ("job search", "jobs:list", {}),
    ("job search, text + filters", "jobs:list", {"q": "engineer", "sponsorship": "on"}),
    ("job search, newest first", "jobs:list", {"sort": "date", "page": "2"}),
)


class Command(BaseCommand):
    help = "Time the dashboard and job search views server-side (p50/p95 ms, queries)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="graduate@demo.talentbridge.example")
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"], role="graduate").first()
        if user is None:
            user = (
                User.objects.filter(graduate_profile__match_lists__isnull=False)
                .order_by("id")
                .first()
            )
        if user is None:
            raise CommandError("No graduate with matches; run `manage.py seed_demo` first.")
        client = Client()
        client.force_login(user)
        matches = GraduateMatchList.objects.filter(graduate__user=user).first()
        results = []
        for label, name, params in PAGES:
            results.append(self._measure(client, label, reverse(name), params, options["repeat"]))
        if settings.DEBUG:
            self.stderr.write(
                "DEBUG is on: SQL logging and template debug information slow every request. "
                "For production-like figures run with DJANGO_DEBUG=false."
            )
        if options["json"]:
            self.stdout.write(json.dumps({"graduate": user.email, "pages": results}, indent=2))
            return
        self.stdout.write(
            f"graduate {user.email} ({matches.length if matches else 0} stored matches), "
            f"{options['repeat']} requests per page, {connection.vendor}"
        )
        self.stdout.write(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for row in results:
            self.stdout.write(
                f"{row['page']:32} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['queries']:8d}"
            )

    def _measure(
        self, client: Client, label: str, url: str, params: dict[str, str], repeat: int
    ) -> dict[str, Any]:
        client.get(url, params)  # warm caches (visa rules, templates)
        timings = []
        queries = 0
        for _ in range(max(repeat, 2)):
            count = 0

            def counter(execute: Any, sql: str, sql_params: Any, many: bool, ctx: Any) -> Any:
                nonlocal count
                count += 1
                return execute(sql, sql_params, many, ctx)

            with connection.execute_wrapper(counter):
                start = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            queries = count
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        return {
            "page": label,
            "url": url,
            "p50_ms": statistics.median(timings),
            "p95_ms": p95,
            "queries": queries,
        }
