"""The analytics' figures on the database as loaded (`seed_scale`): the summary job's run
time, then each analytics page's server time (p50/p95 over repeated requests, in process, as a
signed-in staff member) and its queries. Prints JSON."""

import json
import math
import statistics
import time
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client

from accounts.models import Role, User
from analytics.models import DemandCell, FunnelCell, SupplyCell, VisaCell
from analytics.services import skills_summary_compute

PAGES = {
    "skills page": "/staff/analytics/skills/",
    "categories page": "/staff/analytics/skills/?by=category",
    "page, Vietnamese graduates": "/staff/analytics/skills/?country=VN",
    "page, semiconductors in Gyeonggi": (
        "/staff/analytics/skills/?industry=semiconductors&region=gyeonggi"
    ),
    "chart JSON": "/staff/analytics/skills.json",
    "funnel page": "/staff/analytics/funnel/",
    "funnel, Vietnamese graduates in semiconductors": (
        "/staff/analytics/funnel/?country=VN&industry=semiconductors"
    ),
    "CSV": "/staff/analytics/skills.csv",
    "visa feasibility page": "/staff/analytics/visas/",
    "visa feasibility chart JSON": "/staff/analytics/visas.json",
}
BENCH_STAFF = "analytics-bench@staff.talentbridge.example"


class Command(BaseCommand):
    help = (
        "Time the skills summary job and the analytics pages (run with DJANGO_DEBUG=false on "
        "the loaded database). Prints JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
        parser.add_argument(
            "--no-compute", action="store_true", help="time the pages on the snapshot there is"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: run with DJANGO_DEBUG=false for real figures.")
        figures: dict[str, Any] = {}
        if not options["no_compute"]:
            run = skills_summary_compute()
            figures["summary job"] = {
                "seconds": round(run.seconds, 2),
                "graduates": run.graduates,
                "open postings": run.postings,
                "demand rows": DemandCell.objects.filter(week=run.week).count(),
                "supply rows": SupplyCell.objects.filter(week=run.week).count(),
                "funnel rows": FunnelCell.objects.filter(week=run.week).count(),
                "cells left out": run.suppressed_cells,
                "graduates' skills in them": run.suppressed_holdings,
                "visa rows": VisaCell.objects.filter(week=run.week).count(),
                "visa graduates left out": run.visa_left_out,
                "visa offer salary": run.visa_offer_salary,
            }
        client = Client()
        client.force_login(_bench_staff())
        figures["pages"] = {
            name: _time(client, url, options["requests"]) for name, url in PAGES.items()
        }
        self.stdout.write(json.dumps(figures, indent=2))


def _bench_staff() -> User:
    """A staff account for the timing, with the second sign-in step staff pages require."""
    user = User.objects.filter(email=BENCH_STAFF).first()
    if user is None:
        user = User.objects.create_user(
            BENCH_STAFF, None, role=Role.STAFF, is_staff=True, full_name="Analytics bench"
        )
        TOTP.activate(user, generate_totp_secret())
    return user


def _time(client: Client, url: str, count: int) -> dict[str, Any]:
    for _ in range(3):  # warm: the process's first requests load templates and translations
        client.get(url)
    queries: list[str] = []

    def noted(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(noted):
        answer = client.get(url)
    status = answer.status_code
    took = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url)
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return {
        "status": status,
        "queries": len(queries),
        "p50 ms": round(statistics.median(took), 1),
        "p95 ms": round(took[min(len(took) - 1, math.ceil(len(took) * 0.95) - 1)], 1),
        "kB": round(len(answer.content) / 1024, 1),
    }
