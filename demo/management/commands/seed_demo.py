from django.core.management.base import BaseCommand, CommandParser

from analytics.services import skills_summary_compute
from demo.services import demo_seed
from matching.models import MatchRun
from matching.services import match_run_request


class Command(BaseCommand):
    help = (
        "Fill the database with the fictional demo data set (employers, postings, graduates, "
        "courses, applications) and print the demo logins. Idempotent; demo databases only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Random seed: the same seed gives the same data; another seed adds a second set.",
        )

    def handle(self, *args: object, **options: object) -> None:
        seed = options["seed"]
        assert isinstance(seed, int)
        result = demo_seed(seed=seed)
        width = max(len(label) for label in result.counts)
        for label, count in sorted(result.counts.items()):
            if count or result.created[label]:
                self.stdout.write(f"  {label:<{width}}  {count:>6}  (+{result.created[label]})")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (seed {seed})."))
        if result.golden is not None:
            self.stdout.write(
                f"Golden set: {result.golden.graded} grades given by the developers from the demo "
                f"data (not by recruiters), {result.golden.skipped} not in this data set."
            )
        if not MatchRun.objects.filter(is_current=True).exists():
            run = match_run_request()
            run.refresh_from_db()
            if run.status == "succeeded":
                self.stdout.write(f"Matches computed (run #{run.pk}, {run.results_count} entries).")
            else:
                self.stdout.write(f"Matching run #{run.pk} queued: the Celery workers compute it.")
        # The staff's analytics read a weekly summary: one now, so the pages have figures.
        summary = skills_summary_compute()
        self.stdout.write(f"Analytics summary for the week of {summary.week} computed.")
        self.stdout.write("Demo logins (demo databases only; the password is public):")
        for login in result.logins:
            self.stdout.write(f"  {login.email:<38} {login.password}  {login.description}")
