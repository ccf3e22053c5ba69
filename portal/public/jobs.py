"""The public job search and job pages; a signed-in graduate also sees their match, the visa
box and the courses for their gaps, and applies here."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import signed_in
from jobs.filters import SEARCH_PARAMS, SORT_DATE, SORT_MATCH, PostingFilter
from jobs.models import JobPosting
from jobs.selectors import (
    posting_detail_public,
    posting_list_public,
    posting_rank_by_match,
    posting_screening_questions,
    posting_skills_listed,
    saved_job_ids,
)
from jobs.services import ApplicationRefused, ProfileNotReadyRefused, application_submit
from matching.models import ListKind
from matching.selectors import current_run, graduate_ranked_posting_ids
from matching.services import impression_record, outcome_record
from portal.graduate.apply_forms import ApplicationForm
from portal.graduate.forms import SavedSearchForm
from portal.graduate.selectors import (
    job_course_plan_for_graduate,
    job_page_for_graduate,
    search_scores,
)
from portal.public.job_cards import SaveButtons, job_cards
from portal.public.visas import OFFICIAL_SOURCES
from profiles.models import GraduateProfile
from profiles.permissions import signed_in_graduate

PAGE_SIZE = 20
FILTER_FIELDS = ("industry", "region", "job_type", "salary", "topik", "sponsorship")


@require_GET
def posting_list(request: HttpRequest) -> HttpResponse:
    """Search the open postings; a graduate sees each one's match score and may sort by it.
    A graduate's page of results is logged as an impression (anonymous visitors' never)."""
    profile = signed_in_graduate(request)
    search = PostingFilter(request.GET or None, queryset=posting_list_public(), request=request)
    sort = search.sort_order() if profile is not None else SORT_DATE
    ranked = (
        graduate_ranked_posting_ids(graduate=profile)
        if sort == SORT_MATCH and profile is not None
        else []
    )
    pages = posting_rank_by_match(postings=search.qs, ranked_ids=ranked, search=search.search_key())
    page = Paginator(pages.id_pages(), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    scores = search_scores(profile=profile, posting_ids=ids) if profile else {}
    saved = saved_job_ids(graduate=profile, posting_ids=ids)
    buttons = (
        SaveButtons(
            csrf_token=get_token(request), next_url=request.get_full_path(), saved_ids=saved
        )
        if profile is not None
        else None
    )
    cards = job_cards(posting_ids=ids, scores=scores, save=buttons)
    if profile is not None:
        impression_record(
            user=profile.user,
            list_kind=ListKind.JOB_SEARCH,
            subject_id=profile.pk,
            item_ids=ids,
            offset=(page.number - 1) * PAGE_SIZE,
            run=current_run() if sort == SORT_MATCH and ids else None,
        )
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
            "cards": cards,
            "sort": sort,
            "querystring": query.urlencode(),
            "is_graduate": profile is not None,
            "save_search_form": SavedSearchForm() if profile is not None else None,
            "search_params": [(k, v) for k in SEARCH_PARAMS if (v := request.GET.get(k, ""))],
            "filters_active": sum(1 for name in FILTER_FIELDS if request.GET.get(name)),
        },
    )


def _posting_or_404(pk: int, reader: GraduateProfile | None = None) -> JobPosting:
    try:
        return posting_detail_public(pk=pk, requirements=False, reader=reader)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such open posting") from exc


@require_GET
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    graduate = user is not None and user.is_graduate
    profile = signed_in_graduate(request) if graduate else None
    posting = _posting_or_404(pk, reader=profile)
    # Found among the public postings: the apply box need not ask the database again.
    context: dict[str, Any] = {
        "posting": posting,
        # Called by the template only where the kept part is rendered.
        "posting_skills": partial(posting_skills_listed, posting=posting),
        "posting_is_public": True,
        "official_sources": OFFICIAL_SOURCES,
    }
    if graduate:
        form = ApplicationForm(questions=posting_screening_questions(posting=posting))
        context.update(job_page_for_graduate(profile=profile, posting=posting, form=form))
        outcome_record(user=user, graduate=profile, posting=posting)
    return render(request, "jobs/posting_detail.html", context)


@require_GET
def posting_course_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The job page's courses for the signed-in graduate's gaps, with the plan of fewest hours
    (the page asks for it once it has loaded)."""
    profile = signed_in_graduate(request)
    if profile is None:
        raise Http404("Only graduates have a plan")
    posting = _posting_or_404(pk)
    context = job_course_plan_for_graduate(profile=profile, posting=posting)
    return render(request, "jobs/_gap_courses.html", context)


@require_POST
def posting_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply with a cover letter. A refusal (already applied, closed) is a message, not an
    error page; an invalid cover letter shows the page again with the text kept."""
    user = signed_in(request)
    if user is None:
        return redirect_to_login(reverse("jobs:detail", args=[pk]))
    if not user.is_graduate:
        raise Http404("Only graduates apply")
    posting = _posting_or_404(pk)
    profile = signed_in_graduate(request)
    form = ApplicationForm(request.POST, questions=posting.screening_questions.all())
    missing = None
    if profile is not None and form.is_valid():
        try:
            application = application_submit(
                graduate=profile,
                posting=posting,
                cover_letter=form.cleaned_data["cover_letter"],
                without_cv=form.cleaned_data["without_cv"],
                answers=form.answers(),
            )
        except ProfileNotReadyRefused as refused:
            form.add_error(None, refused.messages)
            missing = refused.missing
        except ApplicationRefused as refused:
            messages.warning(request, " ".join(refused.messages))
            return redirect("jobs:detail", pk=posting.pk)
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your application is sent. You can follow it here."))
            return redirect("graduate:application_detail", pk=application.pk)
    context: dict[str, Any] = {
        "posting": posting,
        "posting_skills": partial(posting_skills_listed, posting=posting),
        "official_sources": OFFICIAL_SOURCES,
    }
    context.update(job_page_for_graduate(profile=profile, posting=posting, form=form))
    if missing is not None:
        context["apply_missing"] = missing
    return render(request, "jobs/posting_detail.html", context, status=400)
