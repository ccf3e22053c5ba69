"""The graduate's training pages: the plan of courses for one posting, and the courses and
degree pathways for the jobs that nearly fit them."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from accounts.http import signed_in_user
from jobs.models import JobPosting
from jobs.selectors import posting_list_public
from portal.graduate.forms import PlanObjectiveForm
from portal.graduate.selectors import course_suggestions
from profiles.models import GraduateProfile
from profiles.permissions import signed_in_graduate
from training.selectors import (
    course_plan_for_posting,
    degree_pathways_for_graduate,
    topik_courses_kept,
)


def _graduate_profile(request: HttpRequest) -> GraduateProfile | None:
    """The signed-in graduate's profile (None before they create one); other roles get 403."""
    if not signed_in_user(request).is_graduate:
        raise PermissionDenied
    return signed_in_graduate(request)


@login_required
@require_GET
def plan_for_posting(request: HttpRequest, posting_pk: int) -> HttpResponse:
    profile = _graduate_profile(request)
    try:
        posting = posting_list_public().get(pk=posting_pk)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such open posting") from exc
    form = PlanObjectiveForm(request.GET or None)
    context: dict[str, Any] = {"posting": posting, "form": form, "profile": profile}
    if profile is not None:
        context["plan"] = course_plan_for_posting(
            graduate=profile, posting=posting, objective=form.objective_value()
        )
    template = "training/_plan.html" if request.htmx else "training/plan_detail.html"  # type: ignore[attr-defined]
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def for_me(request: HttpRequest) -> HttpResponse:
    profile = _graduate_profile(request)
    context: dict[str, Any] = {"profile": profile}
    if profile is not None:
        context["suggestions"] = course_suggestions(profile=profile)
        context["pathways"] = degree_pathways_for_graduate(graduate=profile)
        if profile.topik_level < 6:
            context["topik_courses"] = topik_courses_kept(level=profile.topik_level + 1)
    return render(request, "training/for_me.html", context)
