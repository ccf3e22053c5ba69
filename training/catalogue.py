"""Course lists every reader alike sees, and what is kept of them in the shared cache under the
catalogue's version token: every write to courses, their skills and providers renews it
(training.services.course_catalogue_changed), so nothing kept outlives a change. Other apps read
them through training.selectors. The courses that help with the next steps of visa guidance
are counted here too, and kept in each process."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from core.fragments import kept_values
from core.versions import version_token
from training.models import Course, CourseKind
from visas.rules import Guidance

COURSE_CATALOGUE_VERSION_KEY = "training:catalogue:version"
CATALOGUE_LISTS_KEPT_SECONDS = 3600


def catalogue_list_kept(name: tuple[object, ...], read: Callable[[], list[Course]]) -> list[Course]:
    """A list of courses every reader alike sees (`read`, named by `name`), kept under the
    catalogue's version and the day (courses end). Read every time when the version cannot be
    known (the shared cache is down)."""
    version = version_token(COURSE_CATALOGUE_VERSION_KEY)
    key = (
        None
        if version is None
        else repr(("training-list", *name, version, timezone.localdate().isoformat()))
    )
    return kept_values([key], lambda _indexes: [read()], seconds=CATALOGUE_LISTS_KEPT_SECONDS)[0]


def course_list_public() -> QuerySet[Course]:
    """Active courses, soonest start first (undated last), with provider, field and skills:
    three queries for a page of any length."""
    return (
        Course.objects.filter(is_active=True)
        .for_cards()
        .select_related("field_of_study")
        .order_by(F("start_date").asc(nulls_last=True), "title_en", "id")
    )


def courses_for_topik(*, level: int) -> QuerySet[Course]:
    """Active Korean-language courses preparing for TOPIK `level` or higher that have not ended,
    soonest first (undated last), then the lower target and fewer hours."""
    today = timezone.localdate()
    return (
        Course.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            kind=CourseKind.KOREAN_LANGUAGE,
            is_active=True,
            topik_target__gte=level,
        )
        .for_cards()
        .order_by(F("start_date").asc(nulls_last=True), "topik_target", "hours", "id")
    )


def topik_courses_kept(*, level: int, limit: int = 3) -> list[Course]:
    """The first `limit` of `courses_for_topik(level=...)`, kept (`catalogue_list_kept`)."""
    return catalogue_list_kept(
        ("topik", level, limit), lambda: list(courses_for_topik(level=level)[:limit])
    )


# --- courses for the next steps of visa guidance ----------------------------------------


@dataclass(frozen=True, slots=True)
class StepCourses:
    """Courses in the training catalogue that help with a next step, and where to list them."""

    count: int
    url: str


# The counts are kept in each process as long as the visa answers that link to them (the
# "answers" cache, settings): a checker question a visitor has not asked before then costs
# no query for them.
STEP_COURSES_KEPT_IN = "answers"


def courses_for_next_steps(*, guidance: Guidance) -> dict[str, StepCourses]:
    """For each next step the catalogue can help with (reach a TOPIK level, earn a degree in
    Korea), keyed by the step's `skill_hint`: how many courses there are and the catalogue
    filtered to them. One count per distinct hint, kept per process (STEP_COURSES_KEPT_IN)."""
    catalogue = reverse("training:catalogue")
    hints = {step.skill_hint for p in guidance.pathways for step in p.next_steps}
    steps = {hint: step for hint in sorted(hints) if (step := _step_courses(hint)) is not None}
    kept = caches[STEP_COURSES_KEPT_IN]
    found = {}
    for hint, (query, courses) in steps.items():
        key = f"training:step-courses:{hint}"
        count = kept.get(key)
        if count is None:
            count = courses.count()
            kept.set(key, count)
        found[hint] = StepCourses(count=count, url=f"{catalogue}?{urlencode(query)}")
    return found


def _step_courses(hint: str) -> tuple[dict[str, str], QuerySet[Course]] | None:
    """For a next step's hint, the catalogue's filters that list its courses and the courses
    counted (not read yet); None for a step the catalogue cannot help with."""
    kind, _sep, value = hint.partition(":")
    if kind == "topik" and value.isdigit():
        query = {"kind": CourseKind.KOREAN_LANGUAGE, "topik": value}
        return query, courses_for_topik(level=int(value))
    if kind == "degree" and value in ("master", "doctorate"):
        degrees = course_list_public().filter(kind=CourseKind.DEGREE, degree_level=value)
        return {"kind": CourseKind.DEGREE}, degrees
    return None
