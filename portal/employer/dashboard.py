"""The employer's dashboard: open postings, new applications, the pipeline's figures."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from employers.permissions import signed_in_member
from jobs.selectors import employer_dashboard_figures
from portal.employer.selectors import employer_postings_overview


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_employer_member:
        return redirect("dashboard")
    membership = signed_in_member(request)
    if membership is None:
        return render(request, "employer/dashboard.html", {"membership": None})
    employer = membership.employer
    postings = employer_postings_overview(employer_id=employer.pk).filter(status="open")[:20]
    return render(
        request,
        "employer/dashboard.html",
        {
            "membership": membership,
            "postings": postings,
            "figures": employer_dashboard_figures(employer=employer),
        },
    )
