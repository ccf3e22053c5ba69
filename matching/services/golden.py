"""Writes for the golden set: a grader's 0-3 grades of a posting's candidates.

A grader grades a pair once; grading it again updates the same row, so the row always says who
graded and when they last changed it (`updated_at`). Only staff grade: the grades are the
platform's yardstick, and the grading page shows candidates' profiles.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from jobs.models import JobPosting
from matching.models import GoldenGrade, Grade, GradeSource
from profiles.models import GraduateProfile

NOTE_MAX_LENGTH = GoldenGrade._meta.get_field("note").max_length or 300


@dataclass(frozen=True)
class GradeEntry:
    """One grade as a grader entered it on the page."""

    graduate: GraduateProfile
    grade: int
    note: str = ""


def _grade_validate(
    *, posting: JobPosting, graduate: GraduateProfile, grader: User, grade: int, source: str
) -> None:
    if not (grader.is_active and grader.is_staff):
        raise PermissionDenied("Only staff may grade candidates for the golden set.")
    errors: dict[str, str] = {}
    if isinstance(grade, bool) or grade not in Grade.values:
        errors["grade"] = f"A grade is one of {', '.join(map(str, Grade.values))}; not {grade!r}."
    if source not in GradeSource.values:
        errors["source"] = f"Unknown source {source!r}."
    if posting.pk is None or not JobPosting.objects.filter(pk=posting.pk).exists():
        errors["posting"] = "The posting does not exist (any more)."
    if graduate.pk is None or not GraduateProfile.objects.filter(pk=graduate.pk).exists():
        errors["graduate"] = "The graduate does not exist (any more)."
    if errors:
        raise ValidationError(errors)


def golden_grade_record(
    *,
    posting: JobPosting,
    graduate: GraduateProfile,
    grader: User,
    grade: int,
    note: str = "",
    source: str = GradeSource.RECRUITER,
) -> GoldenGrade:
    """Record the grader's grade of the graduate for the posting, or update their earlier one.

    Raises PermissionDenied for a grader who is not active staff and ValidationError for a grade
    outside 0-3, an unknown source, a note over 300 characters or a posting or graduate that does
    not exist; nothing is written then. An unchanged grade and note leave the row (and its
    `updated_at`) as they were.
    """
    _grade_validate(posting=posting, graduate=graduate, grader=grader, grade=grade, source=source)
    note = note.strip()
    existing = GoldenGrade.objects.filter(posting=posting, graduate=graduate, grader=grader).first()
    if existing is not None and (existing.grade, existing.note) == (grade, note):
        return existing
    row = existing or GoldenGrade(posting=posting, graduate=graduate, grader=grader)
    row.grade, row.note, row.source = grade, note, source
    row.full_clean(
        exclude=["posting", "graduate", "grader"], validate_unique=False, validate_constraints=False
    )
    row.save()
    return row


@transaction.atomic
def golden_grades_record(
    *, posting: JobPosting, grader: User, entries: Sequence[GradeEntry]
) -> list[GoldenGrade]:
    """Record several of a grader's grades for one posting (the page's one Save): all of them,
    or, when one fails, none."""
    return [
        golden_grade_record(
            posting=posting,
            graduate=entry.graduate,
            grader=grader,
            grade=entry.grade,
            note=entry.note,
        )
        for entry in entries
    ]
