"""Benchmark the matching engine at scale and print the figures as JSON."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching import benchmark


class Command(BaseCommand):
    help = (
        "Full two-sided top-50 on synthetic data (build, score, write to PostgreSQL, memory, "
        "plain-Python comparison) and incremental edits; prints JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--graduates", type=int, default=100_000)
        parser.add_argument("--jobs", type=int, default=10_000, help="job postings")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--edits", type=int, default=200, help="incremental edits to time")
        parser.add_argument(
            "--no-write", action="store_true", help="skip the PostgreSQL write measurements"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        figures = benchmark.run(
            graduates=options["graduates"],
            postings=options["jobs"],
            seed=options["seed"],
            write=not options["no_write"],
            edits=options["edits"],
        )
        self.stdout.write(json.dumps(figures, indent=2))
