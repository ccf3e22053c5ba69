"""What a graduate keeps: saving postings (from job cards and pages, htmx or a plain POST), the
saved jobs page, saving a search with its alerts, the job alerts page (saved searches and the
match digest's frequency), and the e-mail's link that stops a search's alerts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.choices import AlertFrequency
from jobs.filters import search_filters_summary, search_query
from jobs.selectors import (
    posting_list_public,
    saved_jobs_for_graduate,
    saved_search_for_graduate,
    saved_search_from_token,
    saved_searches_for_graduate,
)
from jobs.services import (
    saved_job_add,
    saved_job_remove,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)
from portal.graduate.access import graduate_required
from portal.graduate.forms import DigestFrequencyForm, SavedSearchForm
from portal.templatetags.save_button import save_button_html
from profiles.models import GraduateProfile
from profiles.services import graduate_digest_frequency_set

SAVED_PAGE_SIZE = 20


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on (`next`, on this site only), else `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@require_POST
@graduate_required
def posting_save(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    """Save a public posting, or (`action=remove`) forget any saved one. htmx swaps the button;
    without JavaScript the page comes back."""
    if request.POST.get("action") == "remove":
        saved_job_remove(graduate=profile, posting_id=pk)
        saved = False
    else:
        posting = posting_list_public().filter(pk=pk).first()
        if posting is None:
            raise Http404("No such open posting")
        saved_job_add(graduate=profile, posting=posting)
        saved = True
    if getattr(request, "htmx", False):
        next_url = request.POST.get("next", "")
        token = get_token(request)
        return HttpResponse(
            save_button_html(posting_pk=pk, saved=saved, csrf_token=token, next_url=next_url)
        )
    messages.success(request, _("Job saved.") if saved else _("Job removed from your saved jobs."))
    return _back(request, "graduate:saved_jobs")


@require_GET
@graduate_required
def saved_job_list(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    page = Paginator(saved_jobs_for_graduate(graduate=profile), SAVED_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = list(page.object_list)
    public = set(
        posting_list_public()
        .filter(pk__in=[saved.posting_id for saved in items])
        .values_list("pk", flat=True)
    )
    rows = [(saved, saved.posting_id in public) for saved in items]
    return render(request, "graduate/saved_jobs.html", {"page": page, "rows": rows})


@require_POST
@graduate_required
def search_save(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    """Save the search on the results page (its filters come with the form) and its alerts."""
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how often to hear of new jobs for this search."))
        return _back(request, "graduate:alerts")
    try:
        search = saved_search_create(
            graduate=profile,
            params=request.POST,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return _back(request, "graduate:alerts")
    messages.success(
        request,
        _("Search saved as “%(name)s”. Manage it under Job alerts.") % {"name": search.name},
    )
    return _back(request, "graduate:alerts")


@require_GET
@graduate_required
def alerts(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    """The job alerts page: each saved search (rename, frequency, delete) and the digest."""
    searches = list(saved_searches_for_graduate(graduate=profile))
    rows = [
        {
            "search": search,
            "summary": search_filters_summary(search.filters),
            "results_url": f"{reverse('jobs:list')}?{search_query(search.filters)}",
            "form": SavedSearchForm(instance=search, prefix=f"s{search.pk}"),
        }
        for search in searches
    ]
    return render(
        request,
        "graduate/alerts.html",
        {"rows": rows, "digest_form": DigestFrequencyForm(instance=profile)},
    )


@require_POST
@graduate_required
def saved_search_edit(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    search = saved_search_for_graduate(graduate=profile, pk=pk)
    form = SavedSearchForm(request.POST, prefix=f"s{search.pk}")
    if form.is_valid():
        try:
            saved_search_update(
                search=search,
                name=form.cleaned_data["name"] or search.name,
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Saved search “%(name)s” updated.") % {"name": search.name})
    else:
        messages.error(request, _("Choose how often to hear of new jobs for this search."))
    return redirect("graduate:alerts")


@require_POST
@graduate_required
def saved_search_remove(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    search = saved_search_for_graduate(graduate=profile, pk=pk)
    saved_search_delete(search=search)
    messages.success(request, _("Saved search “%(name)s” deleted.") % {"name": search.name})
    return redirect("graduate:alerts")


@require_POST
@graduate_required
def digest_frequency(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    form = DigestFrequencyForm(request.POST, instance=profile)
    if form.is_valid():
        graduate_digest_frequency_set(
            profile=profile, frequency=form.cleaned_data["match_digest_frequency"]
        )
        messages.success(request, _("Your e-mail of matching jobs is updated."))
    else:
        messages.error(request, _("Choose daily, weekly or off."))
    return redirect("graduate:alerts")


@require_http_methods(["GET", "POST"])
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's link: a page that asks, then turns the search's alerts off (a GET changes
    nothing, so a mail scanner that opens links does not unsubscribe anyone)."""
    search = saved_search_from_token(token=token)
    if search is None:
        raise Http404("No such saved search")
    done = request.method == "POST"
    if done and search.frequency != AlertFrequency.OFF:
        saved_search_update(search=search, frequency=AlertFrequency.OFF)
    return render(
        request, "graduate/saved_search_unsubscribe.html", {"search": search, "done": done}
    )
