"""The developers' golden set (demo/data/golden_grades.json), loaded as grades of a staff user.

The grades were given by the developers from the demo data, not by recruiters; they are stored
with source "developers-seed" so that the report can keep them apart from recruiters' grades.
Postings are found by employer name and title, graduates by e-mail address; an entry whose
posting or graduate is not in this data set (another seed, a smaller size) is skipped and counted.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accounts.models import Role, User
from jobs.models import JobPosting
from matching.models import GradeSource
from matching.services import golden_grade_record
from profiles.models import GraduateProfile

GOLDEN_GRADES_PATH = Path(__file__).resolve().parent / "data" / "golden_grades.json"


@dataclass(frozen=True)
class GoldenSeedResult:
    graded: int  # grades in the data set after loading (new and already there)
    skipped: int  # entries whose posting or graduate this data set does not have
    graders: tuple[str, ...]


def golden_grader_ensure(*, email: str, full_name: str) -> User:
    """The staff user a pass of grades is stored under; nobody signs in as it (unusable
    password). An existing user is kept as it is."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name, role=Role.STAFF, is_staff=True)
        user.set_unusable_password()
        user.save()
    return user


def _posting_grades(*, grader: User, entry: dict[str, Any]) -> tuple[int, int]:
    grades = entry["grades"]
    posting = JobPosting.objects.filter(
        employer__name=entry["employer"], title=entry["title"]
    ).first()
    if posting is None:
        return 0, len(grades)
    emails = [grade["graduate"] for grade in grades]
    profiles = {
        p.user.email: p
        for p in GraduateProfile.objects.filter(user__email__in=emails).select_related("user")
    }
    graded = 0
    for grade in grades:
        graduate = profiles.get(grade["graduate"])
        if graduate is None:
            continue
        golden_grade_record(
            posting=posting,
            graduate=graduate,
            grader=grader,
            grade=int(grade["grade"]),
            note=grade.get("note", ""),
            source=GradeSource.DEVELOPERS_SEED,
        )
        graded += 1
    return graded, len(grades) - graded


def golden_grades_seed(*, path: Path = GOLDEN_GRADES_PATH) -> GoldenSeedResult:
    """Load every grader's pass from the file; running it again changes nothing."""
    document = json.loads(path.read_text(encoding="utf-8"))
    graded = skipped = 0
    graders = []
    for grader_entry in document["graders"]:
        grader = golden_grader_ensure(
            email=grader_entry["email"], full_name=grader_entry["full_name"]
        )
        graders.append(grader.email)
        for entry in grader_entry["postings"]:
            done, missing = _posting_grades(grader=grader, entry=entry)
            graded, skipped = graded + done, skipped + missing
    return GoldenSeedResult(graded=graded, skipped=skipped, graders=tuple(graders))
