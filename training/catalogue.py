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
    queries = {hint: query for hint in sorted(hints) if (query := _step_query(hint)) is not None}
    kept = caches[STEP_COURSES_KEPT_IN]
    counts = {}
    for hint in queries:
        key = f"training:step-courses:{hint}"
        counts[hint] = kept.get(key)
        if counts[hint] is None:
            counts[hint] = _step_courses(hint).count()
            kept.set(key, counts[hint])
    return {
        hint: StepCourses(count=counts[hint], url=f"{catalogue}?{urlencode(query)}")
        for hint, query in queries.items()
    }


def _step_query(hint: str) -> dict[str, str] | None:
    """The catalogue's filters for a next step's hint, or None for a step it cannot help with."""
    kind, _sep, value = hint.partition(":")
    if kind == "topik" and value.isdigit():
        return {"kind": CourseKind.KOREAN_LANGUAGE, "topik": value}
    if kind == "degree" and value in ("master", "doctorate"):
        return {"kind": CourseKind.DEGREE}
    return None


def _step_courses(hint: str) -> QuerySet[Course]:
    kind, _sep, value = hint.partition(":")
    if kind == "topik":
        return courses_for_topik(level=int(value))
    return Course.objects.filter(is_active=True, kind=CourseKind.DEGREE, degree_level=value)
