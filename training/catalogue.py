"""Course lists every reader alike sees, and what is kept of them in the shared cache under the
catalogue's version token: every write to courses, their skills and providers renews it
(training.services.course_catalogue_changed), so nothing kept outlives a change. Other apps read
them through training.selectors."""

from collections.abc import Callable

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from core.fragments import kept_values
from core.versions import version_token
from training.models import Course, CourseKind

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
