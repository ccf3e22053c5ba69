"""Training pages: the public catalogue and course pages, a graduate's plans and suggestions, and
an employer's "sponsor a course" page for one of their postings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import signed_in_user
from employers.permissions import signed_in_member
from jobs.models import JobPosting
from jobs.selectors import posting_list_public
from profiles.models import GraduateProfile
from profiles.permissions import signed_in_graduate
from skills.models import Skill
from training.filters import CourseFilter
from training.forms import PlanObjectiveForm, SponsorshipForm
from training.models import Course
from training.plans import topik_visa_effects
from training.selectors import (
    course_detail_public,
    course_list_public,
    course_plan_for_posting,
    course_suggestions_for_graduate,
    courses_for_topik,
    degree_pathways_for_graduate,
    sponsor_gaps_for_posting,
    sponsorship_interests_for_posting,
)
from training.services import SponsorshipRefused, sponsorship_interest_record

PAGE_SIZE = 20
UNVERIFIED_MESSAGE = gettext_lazy(
    "Your company must be verified by our staff before it can sponsor training."
)


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


def _graduate_profile(request: HttpRequest) -> GraduateProfile | None:
    """The signed-in graduate's profile (None before they create one); other roles get 403."""
    if not signed_in_user(request).is_graduate:
        raise PermissionDenied
    return signed_in_graduate(request)


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
        context["suggestions"] = course_suggestions_for_graduate(graduate=profile)
        context["pathways"] = degree_pathways_for_graduate(graduate=profile)
        if profile.topik_level < 6:
            context["topik_courses"] = list(courses_for_topik(level=profile.topik_level + 1)[:3])
    return render(request, "training/for_me.html", context)


def _posting_for_employer(request: HttpRequest, pk: int) -> JobPosting:
    """One of the signed-in member's company's postings; 404 for anyone else's or anyone else."""
    membership = signed_in_member(request)
    if membership is None:
        raise Http404("No such posting")
    try:
        return JobPosting.objects.select_related("employer").get(
            pk=pk, employer_id=membership.employer_id
        )
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such posting") from exc


@login_required
@require_http_methods(["GET", "POST"])
def sponsor(request: HttpRequest, posting_pk: int) -> HttpResponse:
    posting = _posting_for_employer(request, posting_pk)
    gaps = sponsor_gaps_for_posting(posting=posting)
    form = SponsorshipForm(request.POST or None, gaps=gaps)
    status = 200
    if request.method == "POST":
        if not posting.employer.is_verified:
            status = 403
            form.is_valid()
            form.add_error(
                None,
                _("Your company must be verified by our staff before it can sponsor training."),
            )
        elif form.is_valid():
            kind, pk = form.target_ids()
            course = Course.objects.filter(pk=pk).first() if kind == "course" else None
            skill = Skill.objects.filter(pk=pk).first() if kind == "skill" else None
            try:
                sponsorship_interest_record(
                    user=signed_in_user(request),
                    posting=posting,
                    course=course,
                    skill=skill,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except SponsorshipRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Thank you: our staff will contact you about sponsoring it.")
                )
                return redirect("training:sponsor", posting_pk=posting.pk)
    context = {
        "posting": posting,
        "gaps": gaps,
        "form": form,
        "interests": sponsorship_interests_for_posting(posting_id=posting.pk),
    }
    return render(request, "training/sponsor_form.html", context, status=status)
