from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from jobs.filters import SORT_DATE, SORT_MATCH, PostingFilter
from jobs.models import Application, JobPosting
from jobs.selectors import posting_detail_public, posting_list_public, posting_rank_by_match
from jobs.services import ApplicationRefused, application_submit
from profiles.forms import ApplicationForm
from profiles.models import GraduateProfile
from profiles.permissions import signed_in_graduate
from profiles.selectors import graduate_profile_for_user
from visas.rules import RuleInputError
from visas.selectors import offer_facts_for_posting, person_facts_for_graduate, visa_offer_verdict
from visas.views import OFFICIAL_SOURCES

PAGE_SIZE = 20
FILTER_FIELDS = ("industry", "region", "job_type", "salary", "topik", "sponsorship")


@require_GET
def posting_list(request: HttpRequest) -> HttpResponse:
    """Search the open postings; a graduate sees each one's match score and may sort by it."""
    profile = signed_in_graduate(request)
    search = PostingFilter(request.GET or None, queryset=posting_list_public(), request=request)
    postings = search.qs
    sort = search.sort_order() if profile is not None else SORT_DATE
    if sort == SORT_MATCH and profile is not None:
        postings = posting_rank_by_match(postings=postings, ranked_ids=_ranked_ids(profile))
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    postings_on_page = list(page.object_list)
    scores = _scores(profile, postings_on_page) if profile is not None else {}
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "jobs/_posting_results.html"
        if getattr(request, "htmx", False)
        else "jobs/posting_list.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "filter": search,
            "results": [(p, scores.get(p.pk)) for p in postings_on_page],
            "sort": sort,
            "querystring": query.urlencode(),
            "is_graduate": profile is not None,
            "filters_active": any(request.GET.get(name) for name in FILTER_FIELDS),
        },
    )


def _ranked_ids(profile: GraduateProfile) -> list[int]:
    from matching.models import GraduateMatchList
    from matching.selectors import current_run, decoded_list

    run = current_run()
    stored = GraduateMatchList.objects.filter(run=run, graduate=profile).first() if run else None
    return [] if stored is None else [int(pid) for pid in decoded_list(stored)["id"]]


def _scores(profile: GraduateProfile, postings: list[JobPosting]) -> dict[int, Any]:
    """Per posting on the page: the graduate's score and main gap (computed live)."""
    from matching.reasons import main_gap
    from matching.selectors import explanations_for

    explanations = explanations_for(
        graduate_ids=[profile.pk], posting_ids=[p.pk for p in postings]
    ).by_posting()
    return {
        pid: {"score": e.score, "excluded": e.excluded, "gap": main_gap(e)}
        for pid, e in explanations.items()
    }


def _posting_or_404(pk: int) -> JobPosting:
    try:
        return posting_detail_public(pk=pk)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such open posting") from exc


@require_GET
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = _posting_or_404(pk)
    context: dict[str, Any] = {"posting": posting, "official_sources": OFFICIAL_SOURCES}
    if isinstance(request.user, User) and request.user.is_graduate:
        context.update(_visa_box(request.user, posting))
        context.update(_graduate_context(request.user, posting, ApplicationForm()))
    return render(request, "jobs/posting_detail.html", context)


@require_POST
def posting_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply with a cover letter. A refusal (already applied, closed) is a message, not an
    error page; an invalid cover letter shows the page again with the text kept."""
    user = request.user
    if not isinstance(user, User):
        return redirect_to_login(reverse("jobs:detail", args=[pk]))
    if not user.is_graduate:
        raise Http404("Only graduates apply")
    posting = _posting_or_404(pk)
    profile = signed_in_graduate(request)
    form = ApplicationForm(request.POST)
    if profile is not None and form.is_valid():
        try:
            application = application_submit(
                graduate=profile, posting=posting, cover_letter=form.cleaned_data["cover_letter"]
            )
        except ApplicationRefused as refused:
            messages.warning(request, " ".join(refused.messages))
            return redirect("jobs:detail", pk=posting.pk)
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your application is sent. You can follow it here."))
            return redirect("profiles:application_detail", pk=application.pk)
    context: dict[str, Any] = {"posting": posting, "official_sources": OFFICIAL_SOURCES}
    context.update(_visa_box(user, posting))
    context.update(_graduate_context(user, posting, form))
    return render(request, "jobs/posting_detail.html", context, status=400)


def _graduate_context(user: User, posting: JobPosting, form: ApplicationForm) -> dict[str, Any]:
    """How the graduate matches (met / partial / missing), courses for the gaps, and applying."""
    from matching.reasons import checklist
    from training.selectors import explanation_with_courses

    profile = GraduateProfile.objects.filter(user=user).first()
    if profile is None:
        return {"apply_form": form}
    explanation = explanation_with_courses(graduate=profile, posting=posting)
    skills, constraints = checklist(explanation)
    gap_courses = []
    seen: set[int] = set()
    for term in explanation.skills:
        for course in term.courses:
            if course.course_id not in seen:
                seen.add(course.course_id)
                gap_courses.append({"skill": term.name, "course": course})
    return {
        "apply_form": form,
        "application": Application.objects.filter(graduate=profile, posting=posting).first(),
        "explanation": explanation,
        "skill_checks": skills,
        "constraint_checks": constraints,
        "gap_courses": gap_courses,
        "course_plan": _course_plan(profile, posting),
    }


def _course_plan(profile: GraduateProfile, posting: JobPosting) -> Any:
    """The training app's plan of fewest hours for this posting, when it offers one."""
    from profiles.training_links import training_function

    plan = training_function("course_plan_for_posting")
    return plan(graduate=profile, posting=posting) if plan is not None else None


def _visa_box(graduate: User, posting: JobPosting) -> dict[str, Any]:
    """Whether the posting, as an offer, opens a visa route for the signed-in graduate."""
    try:
        profile = graduate_profile_for_user(user=graduate)
        person = person_facts_for_graduate(profile=profile)
    except GraduateProfile.DoesNotExist:
        return {"visa_gaps": {"nationality": "Your profile has no nationality yet."}}
    except RuleInputError as error:
        return {"visa_gaps": error.errors}
    verdict = visa_offer_verdict(
        person=person, offer=offer_facts_for_posting(posting=posting), on=timezone.localdate()
    )
    if not verdict.routes:  # no rules loaded: no answer rather than a misleading "no"
        return {"visa_verdict": None}
    threshold = verdict.salary_threshold_krw
    return {
        "visa_verdict": verdict,
        "visa_salary_floor_below": threshold is not None
        and posting.salary_min_krw < threshold <= posting.salary_max_krw,
    }
