"""Reads for the golden set: whom a grader grades for a posting (blind to the engine's score),
how far the grading has come, and the grades with the engine's order for the report."""

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from jobs.models import JobPosting, PostingSkill
from matching.models import GoldenGrade, PostingMatchList
from matching.selectors.lists import candidates_for_posting, current_run, decoded_list
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    Visibility,
    WorkExperience,
    role_years,
)

RANKED_SHOWN = 20  # the engine's best discoverable candidates a grader sees per posting
UNRANKED_SHOWN = 5  # plus this many the engine did not list that share a skill with the posting
UNRANKED_POOL = 500  # the unranked are drawn from at most this many (lowest ids first)


def blind_key(*, grader_id: int, posting_id: int, graduate_id: int) -> bytes:
    """The sort key of the grading order: a hash, so that the order says nothing about the score
    and is the same on every visit (and in every process) for the same grader."""
    return hashlib.sha256(f"{grader_id}:{posting_id}:{graduate_id}".encode()).digest()


def golden_postings() -> QuerySet[JobPosting]:
    """Postings that can be graded: every public posting, and any posting already graded."""
    graded = GoldenGrade.objects.values("posting_id")
    return (
        JobPosting.objects.filter(
            Q(pk__in=JobPosting.objects.public().values("pk")) | Q(pk__in=graded)
        )
        .select_related("employer")
        .order_by("employer__name", "title", "pk")
    )


def golden_posting(*, pk: int) -> JobPosting:
    """A gradable posting with what it asks for (raises JobPosting.DoesNotExist otherwise)."""
    skills = PostingSkill.objects.select_related("skill").order_by(
        "requirement", "-min_level", "skill__name"
    )
    return (
        golden_postings()
        .prefetch_related(Prefetch("skills", queryset=skills), "accepted_fields")
        .get(pk=pk)
    )


def _discoverable(ids: Sequence[int]) -> set[int]:
    return set(
        GraduateProfile.objects.filter(id__in=ids, visibility=Visibility.DISCOVERABLE).values_list(
            "id", flat=True
        )
    )


def golden_candidate_ids(
    *, posting: JobPosting, ranked: int = RANKED_SHOWN, unranked: int = UNRANKED_SHOWN
) -> set[int]:
    """Whom to grade for the posting: the engine's best `ranked` discoverable candidates in the
    current run, up to `unranked` discoverable graduates outside the engine's list who share at
    least one skill with the posting (the same ones for every grader), and everyone already
    graded for it, so that graders overlap."""
    listed = [c.graduate.pk for c in candidates_for_posting(posting=posting, limit=10_000)]
    pool = list(
        GraduateProfile.objects.filter(
            visibility=Visibility.DISCOVERABLE,
            skills__skill__in=PostingSkill.objects.filter(posting=posting).values("skill"),
        )
        .exclude(id__in=listed)
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()[:UNRANKED_POOL]
    )
    pool.sort(key=lambda gid: blind_key(grader_id=0, posting_id=posting.pk, graduate_id=gid))
    graded = GoldenGrade.objects.filter(posting=posting).values_list("graduate_id", flat=True)
    return set(listed[:ranked]) | set(pool[:unranked]) | _discoverable(list(graded))


@dataclass(frozen=True)
class ExperienceLine:
    title: str
    employer_name: str
    start: date
    end: date | None
    years: float


@dataclass(frozen=True)
class GradingCandidate:
    """A candidate as a grader sees them: the profile's facts and the grader's own grade, never
    a score, a rank or a match explanation."""

    graduate: GraduateProfile  # user, education, skills prefetched
    experience: tuple[ExperienceLine, ...]
    experience_years: float
    grade: GoldenGrade | None  # this grader's, if any


def _experience(profile: GraduateProfile, today: date) -> tuple[ExperienceLine, ...]:
    return tuple(
        ExperienceLine(
            title=job.title,
            employer_name=job.employer_name,
            start=job.start_date,
            end=job.end_date,
            years=round(role_years(job.start_date, job.end_date, on=today), 1),
        )
        for job in profile.experience.all()
    )


def _profiles(ids: set[int]) -> dict[int, GraduateProfile]:
    education = EducationRecord.objects.select_related("field_of_study")
    skills = GraduateSkill.objects.select_related("skill")
    return (
        GraduateProfile.objects.select_related("user")
        .prefetch_related(
            Prefetch("education", queryset=education),
            Prefetch("experience", queryset=WorkExperience.objects.all()),
            Prefetch("skills", queryset=skills),
        )
        .in_bulk(list(ids))
    )


def golden_candidates(
    *,
    posting: JobPosting,
    grader: User,
    ranked: int = RANKED_SHOWN,
    unranked: int = UNRANKED_SHOWN,
) -> list[GradingCandidate]:
    """The posting's candidates to grade (`golden_candidate_ids`) in the grader's blind order,
    each with the grader's grade so far."""
    ids = golden_candidate_ids(posting=posting, ranked=ranked, unranked=unranked)
    profiles = _profiles(ids)
    grades = {
        g.graduate_id: g
        for g in GoldenGrade.objects.filter(
            posting=posting, grader=grader, graduate_id__in=ids
        ).select_related("grader")
    }
    order = sorted(
        profiles,
        key=lambda gid: blind_key(grader_id=grader.pk, posting_id=posting.pk, graduate_id=gid),
    )
    today = timezone.localdate()
    result = []
    for gid in order:
        lines = _experience(profiles[gid], today)
        years = round(sum(line.years for line in lines), 1)
        result.append(GradingCandidate(profiles[gid], lines, years, grades.get(gid)))
    return result


@dataclass(frozen=True)
class PostingProgress:
    posting: JobPosting
    total: int  # candidates to grade (golden_candidate_ids)
    graded: int  # of them, graded by anyone
    mine: int  # of them, graded by the grader who asks
    graders: tuple[str, ...]  # everyone who graded for the posting, by name


def golden_progress(*, postings: Sequence[JobPosting], grader: User) -> list[PostingProgress]:
    """How far the grading of each posting has come (a few queries per posting: show a page of
    postings at a time)."""
    rows = GoldenGrade.objects.filter(posting__in=postings).values_list(
        "posting_id", "graduate_id", "grader_id", "grader__full_name", "grader__email"
    )
    graded: dict[int, set[int]] = defaultdict(set)
    mine: dict[int, set[int]] = defaultdict(set)
    names: dict[int, set[str]] = defaultdict(set)
    for posting_id, graduate_id, grader_id, full_name, email in rows:
        graded[posting_id].add(graduate_id)
        names[posting_id].add(full_name or email)
        if grader_id == grader.pk:
            mine[posting_id].add(graduate_id)
    result = []
    for posting in postings:
        ids = golden_candidate_ids(posting=posting)
        result.append(
            PostingProgress(
                posting=posting,
                total=len(ids),
                graded=len(ids & graded[posting.pk]),
                mine=len(ids & mine[posting.pk]),
                graders=tuple(sorted(names[posting.pk])),
            )
        )
    return result


@dataclass(frozen=True)
class PostingGrades:
    """A posting's golden grades and the engine's order, for the report."""

    posting: JobPosting
    grades: dict[int, dict[int, int]]  # graduate id -> grader id -> grade
    engine_order: list[int] | None  # the stored list, best first; None without a current run


def golden_grades_by_posting(
    *, sources: Sequence[str], posting_id: int | None = None
) -> list[PostingGrades]:
    """Every graded posting (or the one asked) with its grades from `sources`, and the current
    run's stored order of its candidates (two queries and one per posting)."""
    rows = GoldenGrade.objects.filter(source__in=sources)
    if posting_id is not None:
        rows = rows.filter(posting_id=posting_id)
    grades: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for pid, gid, grader_id, grade in rows.values_list(
        "posting_id", "graduate_id", "grader_id", "grade"
    ):
        grades[pid][gid][grader_id] = grade
    postings = JobPosting.objects.select_related("employer").in_bulk(list(grades))
    run = current_run()
    result = []
    for pid in sorted(grades):
        order = None
        if run is not None:
            stored = PostingMatchList.objects.filter(run=run, posting_id=pid).first()
            order = [] if stored is None else [int(i) for i in decoded_list(stored)["id"]]
        by_graduate = {gid: dict(by_grader) for gid, by_grader in grades[pid].items()}
        result.append(PostingGrades(postings[pid], by_graduate, order))
    return result
