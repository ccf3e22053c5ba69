"""Sessions, API tokens and ids for the load test: `loadtest_prepare --out var/loadtest.json`.

The file holds live sessions and tokens: it is written readable by its owner only, and is for
demo and benchmark databases (like seed_scale, the command asks before using another)."""

import json
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.loadtest import LoadtestSize, loadtest_fixture_build
from demo.management.demo_only import demo_database_require


class Command(BaseCommand):
    help = (
        "Sign in graduates and employer members for a load test and write their sessions, "
        "tokens and the ids the pages need to a file (see loadtest/). Demo databases only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="the JSON file to write")
        parser.add_argument("--graduates", type=int, default=LoadtestSize.graduates)
        parser.add_argument("--employers", type=int, default=LoadtestSize.employers)
        parser.add_argument("--seed", type=int, default=LoadtestSize.seed)
        parser.add_argument("--yes", action="store_true", help="Do not ask about real accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["graduates"], options["employers"]) < 1:
            raise CommandError("--graduates and --employers must be at least 1.")
        demo_database_require(
            command="loadtest_prepare", purpose="signs accounts in", yes=options["yes"]
        )
        fixture = loadtest_fixture_build(
            size=LoadtestSize(
                graduates=options["graduates"],
                employers=options["employers"],
                seed=options["seed"],
            )
        )
        if not fixture["graduates"] or not fixture["employers"] or not fixture["jobs"]:
            raise CommandError(
                "The database needs graduates, public postings and a verified employer whose "
                "postings have ranked candidates: run seed_demo or seed_scale, then matching."
            )
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(fixture, handle, indent=1)
        self.stdout.write(
            f"{len(fixture['graduates'])} graduates, {len(fixture['employers'])} employer members "
            f"signed in; {len(fixture['jobs'])} postings, {len(fixture['companies'])} companies, "
            f"{len(fixture['courses'])} courses. Written to {out}."
        )
