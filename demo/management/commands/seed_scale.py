"""Load realistic volume for measurements: `seed_scale --graduates 100000 --postings 10000`.

The rows are the demo data set's, at the size asked (through the models, in bulk), so every
measurement at scale runs on the same kind of graduates and postings the demo shows. Like
seed_demo it is idempotent for a given seed; it asks before writing into a database that holds
real accounts beyond the demo's.
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from demo.management.demo_only import demo_database_require
from demo.services import DemoSize, demo_seed


class Command(BaseCommand):
    help = (
        "Fill the database with demo graduates and postings at the size given, for benchmarks "
        "(100,000 x 10,000 takes a few minutes on PostgreSQL). Demo and benchmark databases only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--graduates", type=int, default=100_000)
        parser.add_argument("--postings", type=int, default=10_000)
        parser.add_argument("--applications", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask, even when real accounts exist."
        )

    def handle(self, *args: object, **options: object) -> None:
        graduates, postings, applications, seed = (
            options["graduates"], options["postings"], options["applications"], options["seed"],
        )  # fmt: skip
        assert isinstance(graduates, int) and isinstance(postings, int)
        assert isinstance(applications, int) and isinstance(seed, int)
        if min(graduates, postings) < 1 or applications < 0:
            raise CommandError("--graduates and --postings must be at least 1.")
        demo_database_require(
            command="seed_scale", purpose="writes demo rows", yes=bool(options["yes"])
        )
        started = time.perf_counter()
        result = demo_seed(
            seed=seed,
            size=DemoSize(postings=postings, graduates=graduates, applications=applications),
        )
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: until autovacuum gets round to the new rows, it
            # would plan every page's queries for empty tables (a search took seconds, not ms);
            # and the visibility map, without which no index-only scan skips the heap (VACUUM
            # cannot run in a transaction: a caller's transaction gets the statistics alone).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        seconds = time.perf_counter() - started
        for label in ("profiles.GraduateProfile", "profiles.GraduateSkill", "jobs.JobPosting"):
            self.stdout.write(f"  {label:<26} {result.counts.get(label, 0):>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"Loaded in {seconds:.1f} s. Run matching with `make worker` and ")
            + "the admin's 'Start a full recompute now', or `manage.py matching_run_bench`."
        )
