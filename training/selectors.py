"""Reads for training: the public catalogue, its search, TOPIK courses and degree pathways.

The gap-closing plans (one posting: training.plans; the gaps in demand: training.demand) are
re-exported here, so other apps import every training read from this module:

    course_plan_for_posting(*, graduate, posting, objective="hours") -> CoursePlan
    course_suggestions_for_graduate(*, graduate, limit=6) -> list[CourseSuggestion]
    courses_for_topik(*, level) -> QuerySet[Course]
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext

from core.choices import EducationLevel
from core.fragments import kept_values
from core.versions import version_token
from jobs.models import JobPosting, PostingSkill
from matching.explain import CourseOffer, Explanation
from matching.facts import GraduateFacts, PostingFacts
from matching.selectors import (
    CourseOffers,
    explanations_for,
    explanations_from_facts,
    person_facts_kept,
)
from profiles.models import FieldOfStudy, GraduateProfile
from skills.selectors import skill_name_q
from training.catalogue import (
    COURSE_CATALOGUE_VERSION_KEY,
    StepCourses,
    catalogue_list_kept,
    course_list_public,
    courses_for_next_steps,
    courses_for_topik,
    topik_courses_kept,
)
from training.demand import (
    CourseSuggestion,
    SponsorGap,
    course_suggestions_for_graduate,
    sponsor_gaps_for_posting,
)
from training.models import (
    Course,
    CourseKind,
    CourseSkill,
    DegreeLevel,
    SponsorshipInterest,
    TrainingProvider,
)
from training.plans import (
    CoursePlan,
    GapItem,
    PlannedCourse,
    VisaEffect,
    course_plan_for_posting,
)
from visas.rules import PathwayResult, RuleInputError
from visas.selectors import own_answers_key, visa_routes

__all__ = [
    "CoursePlan",
    "CourseSuggestion",
    "DegreePathways",
    "GapItem",
    "PlannedCourse",
    "SponsorGap",
    "StepCourses",
    "VisaEffect",
    "course_detail_public",
    "course_list_public",
    "course_offers_by_skill",
    "course_plan_for_posting",
    "course_search",
    "course_suggestions_for_graduate",
    "courses_for_next_steps",
    "courses_for_topik",
    "degree_pathways_for_graduate",
    "explanation_with_courses",
    "provider_list_public",
    "sponsor_gaps_for_posting",
    "sponsorship_interests_for_posting",
    "topik_courses_kept",
]

DEGREE_ROUTES = ("D-2", "F-2 (K-STAR)")
DEGREE_ROUTES_KEPT_SECONDS = 6 * 3600


def course_detail_public(*, pk: int) -> Course:
    """An active course; raises Course.DoesNotExist otherwise."""
    return course_list_public().get(pk=pk)


def provider_list_public() -> QuerySet[TrainingProvider]:
    return TrainingProvider.objects.order_by("name", "id")


def course_search(*, courses: QuerySet[Course], text: str) -> QuerySet[Course]:
    """Courses matching `text` in their title, description, provider name or a skill's name.

    PostgreSQL: full-text search (title weighted above provider and description, stemmed, web
    search syntax) or a skill name containing the text. Elsewhere (SQLite): the text contained
    in any of those, ignoring case. Either way one query, no duplicate rows.
    """
    text = text.strip()
    if not text:
        return courses
    by_skill = Exists(
        CourseSkill.objects.filter(course=OuterRef("pk")).filter(
            skill_name_q("icontains", text, path="skill__")
        )
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = (
            SearchVector("title_en", weight="A", config="english")
            + SearchVector("provider__name", weight="B", config="english")
            + SearchVector("description", weight="C", config="english")
        )
        query = SearchQuery(text, search_type="websearch", config="english")
        # `title` is the title in the reader's language (modeltranslation), where one is given.
        in_language = Q(title__icontains=text)
        return courses.annotate(search=vector).filter(Q(search=query) | by_skill | in_language)
    return courses.filter(
        Q(title_en__icontains=text)
        | Q(title__icontains=text)
        | Q(description__icontains=text)
        | Q(provider__name__icontains=text)
        | by_skill
    )


def sponsorship_interests_for_posting(*, posting_id: int) -> QuerySet[SponsorshipInterest]:
    return SponsorshipInterest.objects.filter(posting_id=posting_id).select_related(
        "course__provider", "skill", "created_by"
    )


# --- degree pathways ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DegreePathways:
    """Korean graduate study for a graduate with a STEM bachelor's or higher.

    `eligible` is False (with `reason`) for others; `programmes` are master's and doctoral
    programmes in their broad field, closest field first; `scholarships` those they may apply
    for (nationality, age, the degree level they would study for, and field when the scholarship
    names one); `routes` the D-2 and K-STAR verdicts from the visa guidance (empty when the rules
    are not loaded or the profile has no nationality)."""

    eligible: bool
    reason: str = ""
    field_of_study: FieldOfStudy | None = None
    levels: tuple[str, ...] = ()
    programmes: list[Course] = field(default_factory=list)
    scholarships: list[Course] = field(default_factory=list)
    routes: list[PathwayResult] = field(default_factory=list)


def _next_levels(highest: str) -> tuple[str, ...]:
    if highest == EducationLevel.BACHELOR:
        return (DegreeLevel.MASTER, DegreeLevel.DOCTORATE)
    if highest == EducationLevel.MASTER:
        return (DegreeLevel.DOCTORATE,)
    return ()


def _field_closeness(course_code: str, own_code: str) -> int:
    """0: same detailed field, 1: same narrow field, 2: same broad field, 3: other."""
    for rank, length in enumerate((4, 3, 2)):
        if len(course_code) >= length and course_code[:length] == own_code[:length]:
            return rank
    return 3


def degree_pathways_for_graduate(*, graduate: GraduateProfile) -> DegreePathways:
    """See DegreePathways. A few queries, plus the visa guidance (rules cached per process)."""
    records = [
        r
        for r in graduate.education.select_related("field_of_study")
        if r.level in (EducationLevel.BACHELOR, EducationLevel.MASTER, EducationLevel.DOCTORATE)
        and r.field_of_study.is_stem
    ]
    if not records:
        return DegreePathways(
            False, gettext("Degree pathways need a bachelor's or higher in a STEM field.")
        )
    best = max(records, key=lambda r: EducationLevel.rank(r.level))
    levels = _next_levels(best.level)
    if not levels:
        return DegreePathways(False, gettext("You already hold a doctorate."), best.field_of_study)
    own_code = best.field_of_study.code
    courses = catalogue_list_kept(
        ("degrees", *levels),
        lambda: list(
            course_list_public()
            .filter(kind__in=(CourseKind.DEGREE, CourseKind.SCHOLARSHIP), degree_level__in=levels)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        ),
    )
    programmes = [
        c
        for c in courses
        if c.kind == CourseKind.DEGREE
        and c.field_of_study is not None
        and _field_closeness(c.field_of_study.code, own_code) < 3
    ]
    programmes.sort(
        key=lambda c: (
            _field_closeness(c.field_of_study.code, own_code),  # type: ignore[union-attr]
            levels.index(c.degree_level),
            c.title,
        )
    )
    age = _age(graduate)
    scholarships = [
        c
        for c in courses
        if c.kind == CourseKind.SCHOLARSHIP
        and c.open_to(nationality=str(graduate.nationality), age=age)
        # A scholarship naming a field asks for that field (a narrow code accepts its details).
        and (c.field_of_study is None or own_code.startswith(c.field_of_study.code))
    ]
    return DegreePathways(
        True,
        "",
        best.field_of_study,
        levels,
        programmes,
        scholarships,
        _degree_routes(graduate),
    )


def _age(graduate: GraduateProfile) -> int | None:
    born = graduate.date_of_birth
    if born is None:
        return None
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _degree_routes(graduate: GraduateProfile) -> list[PathwayResult]:
    """The study routes' answers for the graduate's own facts: kept in the shared cache under
    those facts, the day, the language and the rules' version (as their visa guidance page keeps
    its answers), so a revisit works none of them out again."""
    try:
        person = person_facts_kept(profile=graduate)
    except RuleInputError:
        return []
    today = timezone.localdate()
    key = own_answers_key(part="degree-routes", person=person, on=today)

    def routes(_indexes: list[int]) -> list[tuple[PathwayResult, ...]]:
        return [visa_routes(person=person, codes=DEGREE_ROUTES, on=today)]

    return list(kept_values([key], routes, seconds=DEGREE_ROUTES_KEPT_SECONDS)[0])


# --- courses for the gaps a match explanation shows --------------------------------------------


# The courses that teach each skill change only when the catalogue does (an import, the admin):
# every page that explains a match lists them, so they are kept in the shared cache per skill
# under the catalogue's version token (training.catalogue).
COURSE_OFFERS_KEPT_SECONDS = 6 * 3600


def course_offers_by_skill(*, skill_ids: Collection[int]) -> CourseOffers:
    """The active courses that teach each skill, cheapest in hours first, as the match
    explanation lists them (matching.explain picks up to three that reach the level asked).
    Kept per skill and language under the catalogue's version: one round trip to the shared
    cache, and one query for the skills not kept (all of them when the cache is down)."""
    ids = sorted(set(skill_ids))
    token = version_token(COURSE_CATALOGUE_VERSION_KEY) if ids else None
    language = get_language()
    keys = [None if token is None else f"course-offers:{token}:{language}:{i}" for i in ids]

    def read(indexes: list[int]) -> list[tuple[CourseOffer, ...]]:
        read_now = _course_offers_read([ids[i] for i in indexes])
        return [tuple(read_now.get(ids[i], ())) for i in indexes]

    kept = kept_values(keys, read, seconds=COURSE_OFFERS_KEPT_SECONDS)
    return {skill_id: list(offers) for skill_id, offers in zip(ids, kept, strict=True) if offers}


def _course_offers_read(skill_ids: list[int]) -> CourseOffers:
    offers: CourseOffers = defaultdict(list)
    rows = (
        CourseSkill.objects.filter(skill_id__in=skill_ids, course__is_active=True)
        .select_related("course__provider")
        .order_by("course__hours", "course__cost_usd", "course_id")
    )
    for row in rows:
        course = row.course
        offers[row.skill_id].append(
            CourseOffer(
                course_id=course.pk,
                title=course.title,
                provider=course.provider.name,
                level_reached=row.level_reached,
                hours=course.hours,
                cost_usd=float(course.cost_usd),
                funding=course.funding,
                kind=course.kind,
            )
        )
    return dict(offers)


def explanation_with_courses(
    *,
    graduate: GraduateProfile,
    posting: JobPosting,
    facts: tuple[GraduateFacts, PostingFacts] | None = None,
) -> Explanation:
    """How the graduate matches the posting (matching.selectors.explanations_for), with the
    courses that close each skill still short of the level asked. `facts`: the pair's matching
    facts, when the caller has read them already."""
    if facts is None:
        needed = PostingSkill.objects.filter(posting=posting).values_list("skill_id", flat=True)
        explained = explanations_for(
            graduate_ids=[graduate.pk],
            posting_ids=[posting.pk],
            courses_by_skill=course_offers_by_skill(skill_ids=list(needed)),
        )
    else:
        explained = explanations_from_facts(
            graduates=[facts[0]],
            postings=[facts[1]],
            courses_by_skill=course_offers_by_skill(
                skill_ids=[s.skill_id for s in facts[1].skills]
            ),
        )
    return explained.pair(graduate.pk, posting.pk)
