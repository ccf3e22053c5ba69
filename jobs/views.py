from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobs.models import JobPosting
from jobs.selectors import posting_detail_public, posting_list_public


@require_GET
def posting_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(posting_list_public(), 20).get_page(request.GET.get("page"))
    return render(request, "jobs/posting_list.html", {"page": page})


@require_GET
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        posting = posting_detail_public(pk=pk)
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such open posting") from exc
    return render(request, "jobs/posting_detail.html", {"posting": posting})
