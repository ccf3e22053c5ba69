"""Writes for training: the CSV import of courses and employers' sponsorship interest."""

import csv
import io
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from core.versions import version_token_renew_around_commit
from jobs.models import JobPosting
from profiles.models import FieldOfStudy
from skills.models import Skill
from training.catalogue import COURSE_CATALOGUE_VERSION_KEY
from training.csv_format import (
    CourseRow,
    RowInvalid,
    header_errors,
    row_parse,
)
from training.models import Course, CourseSkill, SponsorshipInterest, TrainingProvider

MAX_IMPORT_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    line: int  # line of the file where the row starts (the header is line 1)
    column: str  # "" when about the whole row or file
    message: str


@dataclass
class ImportReport:
    """What an import did, or (dry run) would do. Nothing is written when `errors` is not empty."""

    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    providers_created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> bool:
        return self.ok and not self.dry_run


def _text(file: IO[bytes] | IO[str]) -> str:
    content = file.read()
    if isinstance(content, bytes):
        return content.decode("utf-8-sig")
    return content.removeprefix("\ufeff")


def _parsed_rows(text: str, report: ImportReport) -> list[tuple[int, CourseRow]]:
    """Every row checked; each problem recorded in `report.errors` with its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        report.errors.append(RowError(1, "", "the file is empty"))
        return []
    problems = header_errors(header)
    if problems:
        report.errors.extend(RowError(1, "", problem) for problem in problems)
        return []
    names = [name.strip() for name in header]
    fields = {f.code: f for f in FieldOfStudy.objects.all()}
    rows: list[tuple[int, CourseRow]] = []
    first_line: dict[tuple[str, str], int] = {}
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        report.rows += 1
        if report.rows > MAX_IMPORT_ROWS:
            report.errors.append(RowError(start, "", f"more than {MAX_IMPORT_ROWS} rows"))
            break
        if len(cells) != len(names):
            message = f"{len(cells)} cells where the header has {len(names)}"
            report.errors.append(RowError(start, "", message))
            continue
        try:
            row = row_parse(dict(zip(names, cells, strict=True)), fields)
        except RowInvalid as invalid:
            report.errors.extend(RowError(start, c, m) for c, m in invalid.errors.items())
            continue
        if row.key in first_line:
            message = f"the same provider and title as line {first_line[row.key]}"
            report.errors.append(RowError(start, "title", message))
            continue
        first_line[row.key] = start
        rows.append((start, row))
    return rows


def _course_for(row: CourseRow, providers: dict[str, TrainingProvider]) -> Course:
    """The existing course (provider and title, ignoring case) with the row's values, or a new
    one; not saved."""
    provider = providers.get(str(row.provider["name"]).casefold())
    course = None
    if provider is not None:
        # The first title's column (training/translation.py adds it: a name mypy cannot see).
        first_title = {"title_en__iexact": row.course["title_en"]}
        course = Course.objects.filter(provider=provider, **first_title).first()
    if course is None:
        course = Course(provider=provider) if provider is not None else Course()
    for name, value in row.course.items():
        setattr(course, name, value)
    return course


def _row_check(course: Course, provider: TrainingProvider, line: int) -> list[RowError]:
    errors = []
    try:
        if provider.pk is None:  # existing providers are used as they are
            provider.full_clean(validate_unique=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            column = "provider" if name == "name" else f"provider_{name}"
            errors.append(RowError(line, column, " ".join(messages)))
    try:
        course.full_clean(exclude=["provider"] if provider.pk is None else None)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            column = "" if name == "__all__" else name
            errors.append(RowError(line, column, " ".join(messages)))
    return errors


def course_import_csv(*, file: IO[bytes] | IO[str], dry_run: bool) -> ImportReport:
    """Check every row of a course CSV (docs/training-csv.md) and, unless `dry_run` or any row
    is bad, write them all in one transaction: all or nothing.

    Providers are found by name (ignoring case) or created from the provider columns; courses
    are updated in place when their provider already has a course of that title (ignoring case),
    else created, so importing the same file again creates nothing. A course's skills become
    exactly those of its row."""
    report = ImportReport(dry_run=dry_run)
    try:
        text = _text(file)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "", "the file is not UTF-8 text"))
        return report
    rows = _parsed_rows(text, report)
    providers = {p.name.casefold(): p for p in TrainingProvider.objects.all()}
    planned: list[tuple[CourseRow, Course, TrainingProvider]] = []
    new_providers: dict[str, TrainingProvider] = {}
    for line, row in rows:
        key = str(row.provider["name"]).casefold()
        provider = providers.get(key) or new_providers.get(key)
        if provider is None:
            provider = TrainingProvider(**row.provider)
            new_providers[key] = provider
        course = _course_for(row, providers)
        report.errors.extend(_row_check(course, provider, line))
        planned.append((row, course, provider))
    report.errors.sort(key=lambda e: (e.line, e.column))
    if report.errors:
        return report
    report.providers_created = len(new_providers)
    report.updated = sum(1 for _, course, _ in planned if course.pk is not None)
    report.created = len(planned) - report.updated
    if not dry_run:
        _write(planned, list(new_providers.values()))
    return report


@transaction.atomic
def _write(
    planned: list[tuple[CourseRow, Course, TrainingProvider]],
    new_providers: list[TrainingProvider],
) -> None:
    for provider in new_providers:
        provider.save()
    for row, course, provider in planned:
        course.provider = provider
        course.save()
        levels = {skill.pk: level for skill, level in row.skills}
        CourseSkill.objects.filter(course=course).exclude(skill_id__in=levels).delete()
        for skill_id, level in levels.items():
            CourseSkill.objects.update_or_create(
                course=course, skill_id=skill_id, defaults={"level_reached": level}
            )


# --- sponsorship interest ----------------------------------------------------------------------


class SponsorshipRefused(Exception):
    """The employer may not record interest (yet): the message says why."""


def sponsorship_interest_record(
    *,
    user: User,
    posting: JobPosting,
    course: Course | None = None,
    skill: Skill | None = None,
    note: str = "",
) -> SponsorshipInterest:
    """Record that the user's company would sponsor a course (or training in a skill) for the
    posting's candidates. Only members of the posting's verified employer may; an unverified
    company is refused until staff verify it (SponsorshipRefused)."""
    membership = getattr(user, "employer_membership", None)
    if membership is None or membership.employer_id != posting.employer_id:
        raise PermissionDenied("Only members of the posting's employer may record interest.")
    if not posting.employer.is_verified:
        raise SponsorshipRefused(
            "Your company must be verified by our staff before it can sponsor training."
        )
    if (course is None) == (skill is None):
        raise ValidationError("Choose either a course or a skill.")
    if course is not None and not course.is_active:
        raise ValidationError({"course": "This course is no longer offered."})
    interest = SponsorshipInterest(
        employer=posting.employer,
        posting=posting,
        course=course,
        skill=skill,
        note=note.strip(),
        created_by=user,
    )
    interest.full_clean()
    interest.save()
    return interest


def course_catalogue_changed(**_signal: object) -> None:
    """The catalogue changed: the courses kept per skill are read again (a new version token in
    the shared cache, now and once more after commit, so nothing read before the commit stays
    kept). Connected to saves and deletes of courses, their skills and providers (apps.py);
    writers that bypass them (bulk inserts) call it themselves."""
    version_token_renew_around_commit(COURSE_CATALOGUE_VERSION_KEY)
