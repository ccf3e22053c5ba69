"""Time the visa guidance engine on random people and print the figures as JSON."""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from visas.rules import benchmark
from visas.rules.snapshot import snapshot_from_fixture
from visas.selectors import rules_snapshot


class Command(BaseCommand):
    help = (
        "evaluate_all over random graduates (all routes, explanations, next steps) and "
        "pair_blocked; prints microseconds per call as JSON (target: under 5,000 per person)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--on", default=None, help="rules as of this day (YYYY-MM-DD)")
        parser.add_argument(
            "--database",
            action="store_true",
            help="read the rules from the database instead of the fixture file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--on: {exc}") from exc
        if options["persons"] < 1:
            raise CommandError("--persons must be at least 1")
        rules = rules_snapshot(on=on) if options["database"] else snapshot_from_fixture(None, on)
        if not rules.visa_types:
            raise CommandError("No visa rules in the database: run `manage.py load_visa_rules`.")
        figures = benchmark.run(
            persons=options["persons"], seed=options["seed"], on=on, rules=rules
        )
        figures["rules_from"] = "database" if options["database"] else "fixture"
        self.stdout.write(json.dumps(figures, indent=2))
