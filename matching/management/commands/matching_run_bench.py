"""End-to-end matching figures on the database as loaded (`seed_scale`), printed as JSON."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from matching import run_benchmark


class Command(BaseCommand):
    help = (
        "A full run through the Celery workers (start them with the same DATABASE_URL and "
        "REDIS_URL, and DJANGO_DEBUG=false: with DEBUG on, every query's text is kept and "
        "memory grows), then graduate and posting edits timed until both sides' lists hold "
        "them (the first one cold), and the workers' peak memory. Prints JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edits", type=int, default=20, help="edits of each side to time")
        parser.add_argument("--timeout", type=float, default=600.0, help="seconds per step")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            self.stderr.write(
                "DEBUG is on: run this and the workers with DJANGO_DEBUG=false for real figures."
            )
        figures = run_benchmark.run(edits=options["edits"], timeout=options["timeout"])
        self.stdout.write(json.dumps(figures, indent=2))
