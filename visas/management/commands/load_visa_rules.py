"""Load (or re-load) the visa rules fixture into the database: `manage.py load_visa_rules`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from visas.services import VisaRulesFixtureError, visa_rules_load


class Command(BaseCommand):
    help = "Load visas/data/visa_rules.json into the database (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=None, help="another fixture file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = visa_rules_load(path=options["path"])
        except VisaRulesFixtureError as exc:
            raise CommandError(str(exc)) from exc
        width = max(len(kind) for kind in result.totals)
        self.stdout.write(f"{'kind':<{width}}  {'rows':>5}  {'written':>7}")
        for kind, total in result.totals.items():
            self.stdout.write(f"{kind:<{width}}  {total:>5}  {result.written.get(kind, 0):>7}")
        verdict = "Visa rules loaded." if result.changed_anything else "Visa rules already current."
        self.stdout.write(self.style.SUCCESS(verdict))
