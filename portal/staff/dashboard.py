"""The staff dashboard: what needs attention (companies to verify, matching's state)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from accounts.http import AuthenticatedHttpRequest
from portal.public.selectors import platform_figures
from portal.staff.selectors import background_work, staff_overview


@login_required
def staff_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    return render(
        request,
        "staff/dashboard.html",
        {"figures": platform_figures(), "overview": staff_overview(), "work": background_work()},
    )
