"""Throughput of a running site over HTTP: requests per second and latency for chosen pages.

Start the site as it is deployed (gunicorn, DJANGO_DEBUG=false) on the database to measure,
then, e.g.:

    manage.py load_test --base http://127.0.0.1:8000 --seconds 10 --concurrency 8

Each target is driven by `--concurrency` client threads for `--seconds`, one target after the
other; the table gives requests per second, p50 and p95 latency, errors, and each target's
throughput as a share of /healthz's (the cheapest page: the ceiling of the server itself).
"""

import itertools
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandParser

# The Vietnamese bachelor of the visa issue, with an offer: a realistic checker request.
_PERSONA = {
    "nationality": "VN", "age": "26", "education_level": "bachelor", "field_stem": "on",
    "degree_country": "VN", "topik": "3", "annual_salary_krw": "35000000",
    "employer_size": "sme", "goal": "professional",
}  # fmt: skip
_EVALUATE = {
    "person": {"nationality": "VN", "age": 26, "education_level": "bachelor", "topik": 3},
    "offer": {"annual_salary_krw": 35_000_000},
}
# name -> (method, path, body); a path with "{n}" gets a new number on every request, so no
# two requests ask the same (what a cache of answers cannot help with).
TARGETS: dict[str, tuple[str, str, bytes | None]] = {
    "healthz": ("GET", "/healthz", None),
    "visa-check": ("GET", "/visas/check/?" + urlencode(_PERSONA), None),
    "visa-check-past-date": (
        "GET", "/visas/check/?" + urlencode({**_PERSONA, "as_of": "2025-06-01"}), None,
    ),
    "visa-check-each-different": (
        "GET",
        "/visas/check/?"
        + urlencode({k: v for k, v in _PERSONA.items() if k != "annual_salary_krw"})
        + "&annual_salary_krw={n}",
        None,
    ),
    "visa-evaluate-api": ("POST", "/api/v1/visas/evaluate/", json.dumps(_EVALUATE).encode()),
    "jobs": ("GET", "/jobs/", None),
}  # fmt: skip


def _drive(
    base: str, target: tuple[str, str, bytes | None], seconds: float, concurrency: int
) -> dict[str, Any]:
    method, path, body = target
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    counter = itertools.count(10_000_000)

    def client() -> None:
        while time.monotonic() < deadline:
            request = urllib.request.Request(  # noqa: S310 (the URL is the operator's)
                base + path.replace("{n}", str(next(counter))), data=body, method=method,
                headers={"Content-Type": "application/json"} if body else {},
            )  # fmt: skip
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status < 400
            except (urllib.error.URLError, OSError):
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "requests_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
        "requests": len(ordered),
        "errors": errors[0],
    }


class Command(BaseCommand):
    help = "Requests per second and latency of pages of a running site, against /healthz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base", default="http://127.0.0.1:8000")
        parser.add_argument("--seconds", type=float, default=10.0)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument(
            "--target", action="append", choices=sorted(TARGETS), help="repeat; default: all"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["target"] or list(TARGETS)
        if "healthz" not in names:
            names = ["healthz", *names]
        base = options["base"].rstrip("/")
        results = {
            name: _drive(base, TARGETS[name], options["seconds"], options["concurrency"])
            for name in names
        }
        ceiling = results["healthz"]["requests_per_s"] or 1.0
        for figures in results.values():
            figures["share_of_healthz"] = round(figures["requests_per_s"] / ceiling, 2)
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2))
            return
        self.stdout.write(f"{'target':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
                          f"{'vs healthz':>10}")  # fmt: skip
        for name, f in results.items():
            self.stdout.write(
                f"{name:24} {f['requests_per_s']:>8} {f['p50_ms']!s:>8} {f['p95_ms']!s:>8} "
                f"{f['errors']:>7} {f['share_of_healthz']:>10}"
            )
