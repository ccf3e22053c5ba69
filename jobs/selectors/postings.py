"""Reads of postings: the public catalogue and its search, a member's own posting, and the
E-7 salary check for a posting that sponsors a visa."""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from accounts.models import User
from employers.models import Employer
from jobs.models import (
    Application,
    JobPosting,
    PostingSkill,
    Requirement,
    SavedJob,
    ScreeningQuestion,
)
from profiles.models import GraduateProfile
from skills.selectors import skill_ids_named, taxonomy_snapshot
from visas.models import ThresholdScope
from visas.rules import OfferFacts
from visas.rules.graduate import offer_facts
from visas.selectors import gni_for_year, salary_threshold_in_force

# What a posting asks of applicants, read with it where a page shows or checks all of it.
REQUIREMENTS = ("skills__skill", "accepted_fields", "screening_questions")


def posting_list_public() -> QuerySet[JobPosting]:
    """The public postings (JobPostingQuerySet.public), newest first: what anyone may browse."""
    return JobPosting.objects.public().select_related("employer").order_by("-published_at", "-id")


def postings_changed_public(*, since: datetime.datetime | None = None) -> QuerySet[JobPosting]:
    """Every posting ever published (drafts never), changed after `since` (all without it), each
    marked `listed` when it is in the public catalogue now: the public change feed (its
    pagination orders them). Closed, expired and withdrawn-company postings stay in it, unlisted,
    so a copy elsewhere can take them down."""
    postings = JobPosting.objects.filter(published_at__isnull=False)
    if since is not None:
        postings = postings.filter(updated_at__gt=since)
    listed = JobPosting.objects.public().filter(pk=OuterRef("pk"))
    return postings.select_related("employer").annotate(listed=Exists(listed))


def posting_detail_public(
    *, pk: int, requirements: bool = True, reader: GraduateProfile | None = None
) -> JobPosting:
    """An open public posting with its company; JobPosting.DoesNotExist otherwise.
    `requirements`: with its skills, fields of study and screening questions, read at once
    (the job page keeps its rendered requirements and reads them only to render them).
    `reader`: a graduate whose relation to the posting (saved it, applied) is read in the same
    query (`posting_reader_relation`)."""
    postings = posting_list_public()
    if requirements:
        postings = postings.prefetch_related(*REQUIREMENTS)
    if reader is not None:
        postings = postings.annotate(
            has_screening_questions=Exists(
                ScreeningQuestion.objects.filter(posting=OuterRef("pk"))
            ),
            reader_id=Value(reader.pk),
            reader_saved=Exists(SavedJob.objects.filter(graduate=reader, posting=OuterRef("pk"))),
            reader_application_id=Subquery(
                Application.objects.filter(graduate=reader, posting=OuterRef("pk")).values("pk")[:1]
            ),
        )
    return postings.get(pk=pk)


def posting_screening_questions(*, posting: JobPosting) -> list[ScreeningQuestion]:
    """The posting's screening questions in order: no query when the posting was read knowing
    it has none (`posting_detail_public(reader=...)`; most postings ask none)."""
    if getattr(posting, "has_screening_questions", True) is False:
        return []
    return list(posting.screening_questions.all())


@dataclass(frozen=True)
class ReaderRelation:
    """A graduate's relation to a posting: whether they saved it, and their application."""

    saved: bool
    application: Application | None


def posting_reader_relation(*, graduate: GraduateProfile, posting: JobPosting) -> ReaderRelation:
    """Whether the graduate saved the posting, and their application to it: no query when the
    posting was read for them (`posting_detail_public(reader=...)`) and they have not applied,
    one for their application when they have; two otherwise."""
    if getattr(posting, "reader_id", None) == graduate.pk:
        application_id = posting.reader_application_id  # type: ignore[attr-defined]
        saved = bool(posting.reader_saved)  # type: ignore[attr-defined]
    else:
        application_id = (
            Application.objects.filter(graduate=graduate, posting=posting)
            .values_list("pk", flat=True)
            .first()
        )
        saved = SavedJob.objects.filter(graduate=graduate, posting=posting).exists()
    application = None if application_id is None else Application.objects.get(pk=application_id)
    return ReaderRelation(saved=saved, application=application)


@dataclass(frozen=True)
class ListedSkill:
    name: str
    min_level: int
    requirement: str  # Requirement


@dataclass(frozen=True)
class SkillGroups:
    """A posting's skills as pages list them: deal breakers, required, nice to have, each by the
    employer's weight, then name."""

    breaker: list[ListedSkill]
    required: list[ListedSkill]
    nice: list[ListedSkill]

    def __bool__(self) -> bool:
        return bool(self.breaker or self.required or self.nice)

    @property
    def required_all(self) -> list[ListedSkill]:
        """Deal breakers and required skills in one list (that marks each deal breaker)."""
        return self.breaker + self.required


def posting_skills_listed(*, posting: JobPosting) -> SkillGroups:
    """The posting's skills grouped as pages list them, their names in the active language from
    the taxonomy each process keeps (skills.selectors.taxonomy_snapshot): from the rows the
    caller prefetched, else one query of four columns, no skill row read."""
    prefetched = getattr(posting, "_prefetched_objects_cache", {}).get("skills")
    rows = (
        [(s.requirement, s.min_level, s.weight, s.skill_id) for s in prefetched]
        if prefetched is not None
        else posting.skills.order_by().values_list("requirement", "min_level", "weight", "skill_id")
    )
    names = taxonomy_snapshot().names()
    groups: dict[str, list[tuple[float, str, int]]] = {r.value: [] for r in Requirement}
    for requirement, min_level, weight, skill_id in rows:
        groups[requirement].append((-weight, names.get(skill_id, ""), min_level))
    listed = {
        requirement: [ListedSkill(name, level, requirement) for _w, name, level in sorted(found)]
        for requirement, found in groups.items()
    }
    return SkillGroups(
        breaker=listed[Requirement.DEAL_BREAKER],
        required=listed[Requirement.REQUIRED],
        nice=listed[Requirement.NICE],
    )


def posting_text_search(*, postings: QuerySet[JobPosting], text: str) -> QuerySet[JobPosting]:
    """Postings whose title, description, employer name or skill names match the text.

    On PostgreSQL a full-text search (English configuration, web-search syntax) over title and
    description (the stored, GIN-indexed `search_vector`) and the employer's name, or any listed
    skill whose name (in any language) or alias contains the text; elsewhere (SQLite) every word
    must appear in one of those fields. The matching employers and skills are looked up first,
    in their own small tables, and the postings the text finds through the GIN index: the
    postings are then filtered by ids in one pass.
    """
    text = " ".join(text.split())[:200]
    if not text:
        return postings
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config="english")
        employer_ids = list(
            Employer.objects.annotate(found=SearchVector("name", config="english"))
            .filter(found=query)
            .values_list("pk", flat=True)
        )
        # The text's postings by the GIN index, as a set of ids: `search_vector @@ query`
        # within the OR was tested row by row (a count of a search took 48 ms, now 7).
        by_text = JobPosting.objects.filter(search_vector=query).values("pk")
        return postings.filter(
            Q(pk__in=by_text) | Q(employer_id__in=employer_ids) | _with_skill_named(text)
        )
    for word in text.split()[:8]:
        postings = postings.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(employer__name__icontains=word)
            | Q(employer__name_ko__icontains=word)
            | _with_skill_named(word)
        )
    return postings


def _with_skill_named(text: str) -> Q:
    """Postings listing a skill whose name in any language, or an alias, contains the text."""
    skill_ids = skill_ids_named(text=text)
    return Q(pk__in=PostingSkill.objects.filter(skill_id__in=skill_ids).values("posting"))


# --- what employers may see of graduates ---------------------------------------------------


def posting_for_member(
    *, user: User, pk: int, requirements: bool = True, listed: bool = False
) -> JobPosting:
    """The posting if it belongs to the user's company; JobPosting.DoesNotExist otherwise.
    `requirements`: with its skills, fields of study and screening questions, read at once
    (pages about the candidates need none of them). `listed`: whether it is public, in the same
    query (`JobPosting.is_public`), for a page that only reads the posting."""
    postings = JobPosting.objects.select_related("employer")
    if requirements:
        postings = postings.prefetch_related(*REQUIREMENTS)
    if listed:
        postings = postings.annotate(
            listed=Exists(JobPosting.objects.public().filter(pk=OuterRef("pk")))
        )
    return postings.get(pk=pk, employer__members__user=user)


@dataclass(frozen=True)
class SalaryWarning:
    threshold_krw: int
    whole_range_below: bool
    label: str
    uncertain: bool


def posting_e7_salary_warning(
    *, posting: JobPosting, on: datetime.date | None = None
) -> SalaryWarning | None:
    """A warning when a posting that sponsors an E-7 visa offers less than the E-7-1 minimum
    salary in force (for the company's size), from the dated rules in visas; None when the salary
    is enough, the posting sponsors no E-7 visa (none, or an EPS/E-9 job) or no rule is known."""
    if not posting.visa_sponsorship or posting.is_eps_job:
        return None
    on = on or timezone.localdate()
    size = posting.employer.size_class if posting.employer_id else ""
    scope = ThresholdScope.SME_OR_VENTURE if size == "sme" else ThresholdScope.ALL
    threshold = salary_threshold_in_force(visa_code="E-7-1", on=on, applies_to=scope)
    if threshold is None:
        return None
    amount = threshold.amount_krw
    if amount is None and threshold.gni_multiplier is not None:
        gni = gni_for_year(year=on.year - 1, on=on)
        amount = int(gni.value_krw * threshold.gni_multiplier) if gni else None
    if amount is None or posting.salary_min_krw is None or posting.salary_min_krw >= amount:
        return None
    return SalaryWarning(
        threshold_krw=amount,
        whole_range_below=(posting.salary_max_krw or 0) < amount,
        label=threshold.label,
        uncertain=threshold.uncertain,
    )


def offer_facts_for_posting(*, posting: JobPosting) -> OfferFacts:
    """A job posting as a job offer (see visas.rules.graduate.offer_facts)."""
    return offer_facts(
        salary_max_krw=posting.salary_max_krw,
        e7_code=posting.e7_code,
        employer_size=posting.employer.size_class,
        sponsorship=posting.visa_sponsorship,
        eps_job=posting.is_eps_job,
    )
