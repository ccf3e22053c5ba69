"""Reads for matching: the facts the engine scores, and the stored lists the pages show."""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.choices import EducationLevel
from jobs.models import JobPosting, PostingSkill
from matching.explain import CourseOffer, Explanation, explain_pair
from matching.facts import (
    ALL_ROUTES,
    GraduateFacts,
    PostingFacts,
    PostingSkillFacts,
    SkillRelationFacts,
)
from matching.models import (
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    PostingMatchList,
)
from profiles.models import (
    EducationRecord,
    GraduateProfile,
    GraduateSkill,
    Visibility,
    WorkExperience,
)
from skills.models import Skill, SkillRelation
from visas.rules import RulesSnapshot, offer_routes, person_routes, work_routes_loaded
from visas.rules.graduate import DegreeRow, JobRow, offer_facts, person_facts
from visas.selectors import rules_snapshot_cached


def current_run() -> MatchRun | None:
    return MatchRun.objects.filter(is_current=True).first()


_EDUCATION_RANK = {level: EducationLevel.rank(level) for level in EducationLevel.values}


def _field_codes(code: str) -> set[str]:
    """A detailed ISCED-F field also counts as its narrow field (0714 -> 071)."""
    return {code, code[:3]} if len(code) == 4 else {code}


def _visa_rules() -> RulesSnapshot | None:
    """Today's visa rules, or None when no work route is loaded (an empty database): then the
    route masks stay "any" and matching works without them."""
    rules = rules_snapshot_cached(on=timezone.localdate())
    return rules if work_routes_loaded(rules) else None


def graduate_facts(
    *, ids: Iterable[int] | None = None, id_range: tuple[int, int] | None = None
) -> list[GraduateFacts]:
    """Facts of graduates (all, the given ids, or an inclusive id range), ordered by id.

    Four queries whatever the number of graduates (plus the visa rules, cached per process)."""
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
            "nationality", "date_of_birth", "kiip_stage", "current_visa",
        )
    )  # fmt: skip
    wanted = [r[0] for r in rows]
    skills: dict[int, dict[int, int]] = defaultdict(dict)
    education: dict[int, int] = {}
    fields: dict[int, set[str]] = defaultdict(set)
    degrees: dict[int, list[DegreeRow]] = defaultdict(list)
    jobs: dict[int, list[JobRow]] = defaultdict(list)
    if wanted:
        lo, hi = wanted[0], wanted[-1]
        in_range = {"profile_id__gte": lo, "profile_id__lte": hi}
        wanted_set = set(wanted)
        for pid, skill_id, level in GraduateSkill.objects.filter(**in_range).values_list(
            "profile_id", "skill_id", "level"
        ):
            if pid in wanted_set:
                skills[pid][skill_id] = level
        for pid, degree, code, stem, country, year in EducationRecord.objects.filter(
            **in_range
        ).values_list(
            "profile_id", "level", "field_of_study__code", "field_of_study__is_stem", "country",
            "graduation_year",
        ):  # fmt: skip
            if pid in wanted_set:
                education[pid] = max(education.get(pid, -1), _EDUCATION_RANK[degree])
                fields[pid] |= _field_codes(code)
                degrees[pid].append(DegreeRow(degree, stem, country, year))
        for pid, start, end, country in WorkExperience.objects.filter(**in_range).values_list(
            "profile_id", "start_date", "end_date", "country"
        ):
            if pid in wanted_set:
                jobs[pid].append(JobRow(start, end, country))
    rules, today = _visa_rules(), timezone.localdate()
    facts = []
    for (pid, topik, needs, visibility, industries, regions, job_types, sizes, min_salary,
         relocate, nationality, born, kiip, visa) in rows:  # fmt: skip
        routes = ALL_ROUTES
        if rules is not None:
            person = person_facts(
                nationality=nationality, born=born, topik=topik, kiip_stage=kiip,
                current_visa=visa, degrees=degrees.get(pid, ()), jobs=jobs.get(pid, ()), on=today,
            )  # fmt: skip
            routes = ALL_ROUTES if person is None else person_routes(person, rules)
        facts.append(
            GraduateFacts(
                id=pid,
                skills=skills.get(pid, {}),
                topik=topik,
                education_rank=education.get(pid, -1),
                fields=frozenset(fields.get(pid, ())),
                needs_sponsorship=needs,
                visa_routes=routes,
                discoverable=visibility == Visibility.DISCOVERABLE,
                industries=frozenset(industries or ()),
                regions=frozenset(regions or ()),
                job_types=frozenset(job_types or ()),
                company_sizes=frozenset(sizes or ()),
                min_salary_krw=min_salary or 0,
                willing_to_relocate=relocate,
            )
        )
    return facts


def matchable_postings() -> QuerySet[JobPosting]:
    """Postings that take part in matching: the public ones (JobPostingQuerySet.public)."""
    return JobPosting.objects.public()


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
            "region", "job_type", "employer__size_class", "salary_max_krw", "e7_code",
            "is_eps_job",
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
    rules = _visa_rules()
    return [
        PostingFacts(
            id=pid,
            skills=tuple(sorted(skills.get(pid, []), key=lambda s: s.skill_id)),
            min_topik=topik,
            min_education_rank=EducationLevel.rank(education) if education else -1,
            accepted_fields=frozenset(fields.get(pid, ())),
            sponsors_visa=sponsors,
            visa_routes=_posting_routes(rules, salary_max, e7_code, size, sponsors, eps_job),
            industry=industry,
            region=region,
            job_type=job_type,
            company_size=size,
            salary_max_krw=salary_max,
        )
        for (pid, topik, education, sponsors, industry, region, job_type, size, salary_max,
             e7_code, eps_job) in rows
        if pid in wanted
    ]  # fmt: skip


def _posting_routes(
    rules: RulesSnapshot | None,
    salary_max: int,
    e7_code: str,
    size: str,
    sponsors: bool,
    eps_job: bool,
) -> int | None:
    if rules is None:
        return None
    offer = offer_facts(
        salary_max_krw=salary_max,
        e7_code=e7_code,
        employer_size=size,
        sponsorship=sponsors,
        eps_job=eps_job,
    )
    return offer_routes(offer, rules)


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


# --- why a pair scores what it scores ----------------------------------------------------------

CourseOffers = dict[int, list[CourseOffer]]


@dataclass(frozen=True)
class Explained:
    """Explanations keyed by (graduate id, posting id)."""

    pairs: dict[tuple[int, int], Explanation]

    def pair(self, graduate_id: int, posting_id: int) -> Explanation:
        return self.pairs[(graduate_id, posting_id)]

    def by_posting(self) -> dict[int, Explanation]:
        """For one graduate: their explanation per posting id."""
        return {posting_id: e for (_graduate_id, posting_id), e in self.pairs.items()}

    def by_graduate(self) -> dict[int, Explanation]:
        """For one posting: each graduate's explanation, by graduate id."""
        return {graduate_id: e for (graduate_id, _posting_id), e in self.pairs.items()}


def explanations_for(
    *,
    graduate_ids: Collection[int],
    posting_ids: Collection[int],
    courses_by_skill: CourseOffers | None = None,
) -> Explained:
    """Why each graduate and each posting match (or not), term by term, keyed by
    (graduate id, posting id): the one way every page and API explains a match.

    Computed on read from the current rows (about 20 microseconds of arithmetic per pair) in a
    constant number of queries, so ask for one graduate and many postings, or one posting and
    many graduates, in one call. Postings need not be public (an employer explains their drafts).
    `courses_by_skill`: course offers per skill id, listed on the skills still short of the level
    asked (training.selectors.course_offers_by_skill loads them)."""
    if not graduate_ids or not posting_ids:
        return Explained({})
    return explanations_from_facts(
        graduates=graduate_facts(ids=graduate_ids),
        postings=posting_facts(ids=posting_ids, only_matchable=False),
        courses_by_skill=courses_by_skill,
    )


def explanations_from_facts(
    *,
    graduates: Sequence[GraduateFacts],
    postings: Sequence[PostingFacts],
    courses_by_skill: CourseOffers | None = None,
) -> Explained:
    """`explanations_for` on facts the caller already holds, possibly changed (a training plan
    explains the graduate as they would be after the courses). Loads the skill relations, names
    and requirement kinds the facts need: three queries."""
    own = {skill for g in graduates for skill in g.skills}
    needed = {s.skill_id for p in postings for s in p.skills}
    relations: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for skill_id, related_id, credit in SkillRelation.objects.filter(
        skill_id__in=list(own)
    ).values_list("skill_id", "related_skill_id", "credit"):
        relations[skill_id].append((related_id, credit))
    names = dict(Skill.objects.filter(id__in=needed | own).values_list("id", "name"))
    requirements: dict[int, dict[int, str]] = defaultdict(dict)
    for posting_id, skill_id, requirement in PostingSkill.objects.filter(
        posting_id__in=[p.id for p in postings]
    ).values_list("posting_id", "skill_id", "requirement"):
        requirements[posting_id][skill_id] = requirement
    table = dict(relations)
    pairs = {
        (g.id, p.id): explain_pair(
            graduate=g,
            posting=p,
            relations=table,
            skill_names=names,
            courses_by_skill=courses_by_skill,
            requirements=requirements.get(p.id, {}),
        )
        for g in graduates
        for p in postings
    }
    return Explained(pairs)
