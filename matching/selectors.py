"""Reads for matching: the facts the engine scores, and the stored lists the pages show."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.choices import EducationLevel
from employers.models import VerificationStatus
from jobs.models import JobPosting, PostingSkill, PostingStatus
from matching.explain import CourseOffer, Explanation, explain_pair
from matching.facts import GraduateFacts, PostingFacts, PostingSkillFacts, SkillRelationFacts
from matching.models import (
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    PostingMatchList,
)
from profiles.models import EducationRecord, GraduateProfile, GraduateSkill, Visibility
from skills.models import Skill, SkillRelation
from training.models import CourseSkill


def current_run() -> MatchRun | None:
    return MatchRun.objects.filter(is_current=True).first()


def _field_codes(code: str) -> set[str]:
    """A detailed ISCED-F field also counts as its narrow field (0714 -> 071)."""
    return {code, code[:3]} if len(code) == 4 else {code}


def graduate_facts(
    *, ids: Iterable[int] | None = None, id_range: tuple[int, int] | None = None
) -> list[GraduateFacts]:
    """Facts of graduates (all, the given ids, or an inclusive id range), ordered by id."""
    profiles = GraduateProfile.objects.order_by("id")
    if ids is not None:
        profiles = profiles.filter(id__in=list(ids))
    if id_range is not None:
        profiles = profiles.filter(id__gte=id_range[0], id__lte=id_range[1])
    rows = list(
        profiles.values_list(
            "id", "topik_level", "needs_visa_sponsorship", "visibility",
            "preferred_industries", "preferred_regions", "preferred_job_types",
            "preferred_company_sizes", "min_salary_krw", "willing_to_relocate",
        )
    )  # fmt: skip
    wanted = [r[0] for r in rows]
    skills: dict[int, dict[int, int]] = defaultdict(dict)
    education: dict[int, int] = {}
    fields: dict[int, set[str]] = defaultdict(set)
    if wanted:
        lo, hi = wanted[0], wanted[-1]
        in_range = {"profile_id__gte": lo, "profile_id__lte": hi}
        wanted_set = set(wanted)
        for pid, skill_id, level in GraduateSkill.objects.filter(**in_range).values_list(
            "profile_id", "skill_id", "level"
        ):
            if pid in wanted_set:
                skills[pid][skill_id] = level
        for pid, level, code in EducationRecord.objects.filter(**in_range).values_list(
            "profile_id", "level", "field_of_study__code"
        ):
            if pid in wanted_set:
                education[pid] = max(education.get(pid, -1), EducationLevel.rank(level))
                fields[pid] |= _field_codes(code)
    return [
        GraduateFacts(
            id=pid,
            skills=skills.get(pid, {}),
            topik=topik,
            education_rank=education.get(pid, -1),
            fields=frozenset(fields.get(pid, ())),
            needs_sponsorship=needs,
            discoverable=visibility == Visibility.DISCOVERABLE,
            industries=frozenset(industries or ()),
            regions=frozenset(regions or ()),
            job_types=frozenset(job_types or ()),
            company_sizes=frozenset(sizes or ()),
            min_salary_krw=min_salary or 0,
            willing_to_relocate=relocate,
        )
        for (pid, topik, needs, visibility, industries, regions, job_types, sizes, min_salary,
             relocate) in rows
    ]  # fmt: skip


def matchable_postings() -> QuerySet[JobPosting]:
    """Postings that take part in matching: open, not past the deadline, employer verified."""
    today = timezone.localdate()
    return JobPosting.objects.filter(
        Q(deadline__isnull=True) | Q(deadline__gte=today),
        status=PostingStatus.OPEN,
        employer__verification_status=VerificationStatus.VERIFIED,
    )


def posting_facts(
    *, ids: Iterable[int] | None = None, only_matchable: bool = True
) -> list[PostingFacts]:
    """Facts of matchable postings (all, or those of the given ids that are matchable)."""
    postings = (matchable_postings() if only_matchable else JobPosting.objects.all()).order_by("id")
    if ids is not None:
        postings = postings.filter(id__in=list(ids))
    rows = list(
        postings.values_list(
            "id", "min_topik", "min_education", "visa_sponsorship", "employer__industry",
            "region", "job_type", "employer__size_class", "salary_max_krw",
        )
    )  # fmt: skip
    wanted = {r[0] for r in rows}
    skills: dict[int, list[PostingSkillFacts]] = defaultdict(list)
    for pid, skill_id, min_level, weight in PostingSkill.objects.filter(
        posting_id__in=postings.values("id")
    ).values_list("posting_id", "skill_id", "min_level", "weight"):
        skills[pid].append(PostingSkillFacts(skill_id, min_level, weight))
    fields: dict[int, set[str]] = defaultdict(set)
    through = JobPosting.accepted_fields.through
    for pid, code in through.objects.filter(jobposting_id__in=postings.values("id")).values_list(
        "jobposting_id", "fieldofstudy__code"
    ):
        fields[pid].add(code)
    return [
        PostingFacts(
            id=pid,
            skills=tuple(sorted(skills.get(pid, []), key=lambda s: s.skill_id)),
            min_topik=topik,
            min_education_rank=EducationLevel.rank(education) if education else -1,
            accepted_fields=frozenset(fields.get(pid, ())),
            sponsors_visa=sponsors,
            industry=industry,
            region=region,
            job_type=job_type,
            company_size=size,
            salary_max_krw=salary_max,
        )
        for pid, topik, education, sponsors, industry, region, job_type, size, salary_max in rows
        if pid in wanted
    ]


def relation_facts() -> list[SkillRelationFacts]:
    return [
        SkillRelationFacts(skill_id, related_id, credit)
        for skill_id, related_id, credit in SkillRelation.objects.values_list(
            "skill_id", "related_skill_id", "credit"
        )
    ]


def pending_changes(*, limit: int) -> list[MatchingChange]:
    from django.db.models import F

    return list(
        MatchingChange.objects.filter(
            Q(applied_at__isnull=True) | Q(applied_at__lt=F("requested_at"))
        ).order_by("requested_at")[:limit]
    )


# --- what pages show -------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchEntry:
    rank: int
    score: float
    fit: float
    preference: float


def _entries(
    stored: GraduateMatchList | PostingMatchList | None, limit: int
) -> list[tuple[int, MatchEntry]]:
    if stored is None:
        return []
    records = stored.decoded()[: min(limit, stored.length)]
    return [
        (int(r["id"]), MatchEntry(n + 1, float(r["score"]), float(r["fit"]), float(r["pref"])))
        for n, r in enumerate(records)
    ]


@dataclass(frozen=True)
class PostingMatch:
    posting: JobPosting
    match: MatchEntry


def matches_for_graduate(*, graduate: GraduateProfile, limit: int = 50) -> list[PostingMatch]:
    """The graduate's best open postings, best first (two queries, whatever the limit)."""
    run = current_run()
    if run is None:
        return []
    stored = GraduateMatchList.objects.filter(run=run, graduate=graduate).first()
    entries = _entries(stored, limit)
    postings = matchable_postings().select_related("employer").in_bulk([pid for pid, _ in entries])
    return [PostingMatch(postings[pid], m) for pid, m in entries if pid in postings]


@dataclass(frozen=True)
class CandidateMatch:
    graduate: GraduateProfile
    match: MatchEntry


@dataclass(frozen=True)
class CandidateFilters:
    nationality: str = ""
    min_topik: int | None = None
    min_education: str = ""
    min_score: float | None = None
    order_by: str = "score"  # or "fit"


def candidates_for_posting(
    *, posting: JobPosting, filters: CandidateFilters | None = None, limit: int = 50
) -> list[CandidateMatch]:
    """A posting's best discoverable graduates, best first, filtered (two queries)."""
    filters = filters or CandidateFilters()
    run = current_run()
    if run is None:
        return []
    stored = PostingMatchList.objects.filter(run=run, posting=posting).first()
    entries = _entries(stored, limit)
    profiles = GraduateProfile.objects.select_related("user").filter(
        id__in=[gid for gid, _ in entries], visibility=Visibility.DISCOVERABLE
    )
    if filters.nationality:
        profiles = profiles.filter(nationality=filters.nationality)
    if filters.min_topik is not None:
        profiles = profiles.filter(topik_level__gte=filters.min_topik)
    if filters.min_education:
        allowed = EducationLevel.values[EducationLevel.rank(filters.min_education) :]
        profiles = profiles.filter(education__level__in=allowed).distinct()
    found = {p.id: p for p in profiles}
    result = [
        CandidateMatch(found[gid], m)
        for gid, m in entries
        if gid in found and (filters.min_score is None or m.score >= filters.min_score)
    ]
    if filters.order_by == "fit":
        result.sort(key=lambda c: (-c.match.fit, -c.match.score, c.graduate.id))
    return result


def graduate_matches_refreshing(*, graduate: GraduateProfile) -> bool:
    """True while an edit of this graduate waits in the outbox to be re-scored."""
    from django.db.models import F

    return MatchingChange.objects.filter(
        Q(applied_at__isnull=True) | Q(applied_at__lt=F("requested_at")),
        kind="graduate",
        entity_id=graduate.pk,
    ).exists()


def decoded_list(stored: GraduateMatchList | PostingMatchList) -> np.ndarray:
    return stored.decoded()[: stored.length]


def pair_explanation(*, graduate: GraduateProfile, posting: JobPosting) -> Explanation:
    """Why this graduate and this posting match (or not), term by term, with courses for gaps.

    Computed on read from the current data (about 20 microseconds of arithmetic, a few queries).
    """
    g = graduate_facts(ids=[graduate.pk])[0]
    p = posting_facts(ids=[posting.pk], only_matchable=False)[0]
    needed = {s.skill_id for s in p.skills}
    relations: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for r in SkillRelation.objects.filter(skill_id__in=list(g.skills)).values_list(
        "skill_id", "related_skill_id", "credit"
    ):
        relations[r[0]].append((r[1], r[2]))
    names = dict(Skill.objects.filter(id__in=needed | set(g.skills)).values_list("id", "name"))
    requirements = dict(
        PostingSkill.objects.filter(posting=posting).values_list("skill_id", "requirement")
    )
    courses: dict[int, list[CourseOffer]] = defaultdict(list)
    for row in (
        CourseSkill.objects.filter(skill_id__in=needed, course__is_active=True)
        .select_related("course__provider")
        .order_by("course__hours", "course__cost_usd", "course_id")
    ):
        c = row.course
        courses[row.skill_id].append(
            CourseOffer(
                course_id=c.pk,
                title=c.title,
                provider=c.provider.name,
                level_reached=row.level_reached,
                hours=c.hours,
                cost_usd=float(c.cost_usd),
                funding=c.funding,
                kind=c.kind,
            )
        )
    return explain_pair(
        graduate=g,
        posting=p,
        relations=dict(relations),
        skill_names=names,
        courses_by_skill=dict(courses),
        requirements=requirements,
    )
