"""The public company pages: the directory of verified companies and one company's page, with
what it offers foreign hires, its locations and its open roles."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from employers.models import Employer
from employers.selectors import employer_detail_public
from portal.public.forms import CompanyFilterForm
from portal.public.selectors import company_directory, company_open_roles

COMPANIES_PER_PAGE = 20
ROLES_PER_PAGE = 10


@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    form = CompanyFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(company_directory(**filters), COMPANIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/company_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "filters_active": any(filters.values()),
        },
    )


@require_GET
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A verified company's page; any other company (pending, rejected, closed) is a 404."""
    try:
        employer = employer_detail_public(pk=pk)
    except Employer.DoesNotExist as exc:
        raise Http404("No such company") from exc
    roles = Paginator(company_open_roles(employer=employer), ROLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "companies/company_detail.html", {"employer": employer, "roles": roles})
