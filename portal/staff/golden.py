"""The golden set's staff pages: postings with their grading progress, and the grading page of
one posting, where candidates are shown with the facts a recruiter reads and no score."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthenticatedHttpRequest
from jobs.models import JobPosting
from matching.selectors import golden_candidates, golden_posting, golden_postings, golden_progress
from matching.services import golden_grades_record
from portal.staff.access import staff_only
from portal.staff.forms import GoldenGradingForm

POSTINGS_PER_PAGE = 20


@login_required
@require_GET
def golden_posting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    staff_only(request)
    page = Paginator(golden_postings(), POSTINGS_PER_PAGE).get_page(request.GET.get("page"))
    progress = golden_progress(postings=list(page.object_list), grader=request.user)
    return render(request, "staff/golden_list.html", {"page": page, "progress": progress})


@login_required
@require_http_methods(["GET", "POST"])
def golden_grading(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET: the candidates in the grader's blind order. POST: save every grade entered; on an
    error nothing is saved and the page comes back with everything as it was entered."""
    staff_only(request)
    try:
        posting = golden_posting(pk=pk)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such posting") from exc
    candidates = golden_candidates(posting=posting, grader=request.user)
    form = GoldenGradingForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        entries = form.entries()
        try:
            golden_grades_record(posting=posting, grader=request.user, entries=entries)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                ngettext("%(count)d grade saved.", "%(count)d grades saved.", len(entries))
                % {"count": len(entries)}
                if entries
                else _("Nothing to save: choose a grade for at least one candidate."),
            )
            return redirect("staff:golden_grading", pk=posting.pk)
    graded = sum(1 for c in candidates if c.grade is not None)
    return render(
        request,
        "staff/golden_grading.html",
        {"posting": posting, "form": form, "graded": graded, "total": len(candidates)},
        status=400 if form.errors else 200,
    )
