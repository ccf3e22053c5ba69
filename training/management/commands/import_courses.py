from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from training.services import ImportReport, course_import_csv


def report_lines(report: ImportReport) -> list[str]:
    """The report as plain lines, one per problem ("line 4, skills: unknown skill ...")."""
    lines = [
        f"line {e.line}, {e.column}: {e.message}" if e.column else f"line {e.line}: {e.message}"
        for e in report.errors
    ]
    verb = "would create" if report.dry_run else "created"
    lines.append(
        f"{report.rows} row(s): {verb} {report.created} course(s), "
        f"{'would update' if report.dry_run else 'updated'} {report.updated}, "
        f"{verb} {report.providers_created} provider(s)."
    )
    return lines


class Command(BaseCommand):
    help = (
        "Import training courses from a CSV file (format: docs/training-csv.md). All or nothing: "
        "with any bad row nothing is imported and every problem is listed with its line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and report; write nothing."
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as file:
            report = course_import_csv(file=file, dry_run=bool(options["dry_run"]))
        if not report.ok:
            for line in report_lines(report)[:-1]:
                self.stderr.write(line)
            raise CommandError(f"{len(report.errors)} problem(s) in {path}; nothing was imported.")
        self.stdout.write(report_lines(report)[-1])
        if report.dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: the file is good; nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))
