"""Training pages: the public catalogue and course pages, a graduate's plans and suggestions, and
an employer's "sponsor a course" page for one of their postings."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from profiles.permissions import signed_in_graduate
from training.filters import CourseFilter
from training.models import Course
from training.plans import topik_visa_effects
from training.selectors import (
    course_detail_public,
    course_list_public,
)

PAGE_SIZE = 20


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    filterset = CourseFilter(request.GET or None, queryset=course_list_public())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/course_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": _querystring_without_page(request),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        course = course_detail_public(pk=pk)
    except Course.DoesNotExist as exc:
        raise Http404("No such course") from exc
    context: dict[str, Any] = {"course": course}
    profile = signed_in_graduate(request)
    if course.topik_target and profile is not None and profile.topik_level < course.topik_target:
        context["visa_effects"] = topik_visa_effects(graduate=profile, level=course.topik_target)
        context["topik_now"] = profile.topik_level
    return render(request, "training/course_detail.html", context)
