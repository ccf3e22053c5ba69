"""Who may use the employer portal, and one ownership helper per object kind.

Someone else's posting or application gives 404, never 403: the portal does not confirm that an
object of another company exists."""

from collections.abc import Callable
from functools import wraps
from math import ceil
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedHttpRequest
from employers.models import EmployerMember
from employers.permissions import CompanyNotVerified, signed_in_member
from employers.services import CandidateReadsThrottled
from jobs.models import Application, JobPosting
from jobs.selectors import application_for_member, posting_for_member

View = Callable[..., HttpResponseBase]


def employer_account(view: View) -> View:
    """Signed-in employer accounts only (others get 404; anonymous visitors sign in first)."""

    @login_required
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_employer_member:
            raise Http404("Not an employer account")
        return view(request, *args, **kwargs)

    return wrapper


def company_member(view: View) -> View:
    """Employer accounts that belong to a company (`membership(request)` is theirs). Those
    without a company are sent to set one up; a company that may not see graduates' data
    (employers.permissions.require_verified) gets a page that says why."""

    @employer_account
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        membership = signed_in_member(request)
        if membership is None:
            return redirect("employer:company_create")
        try:
            return view(request, *args, **kwargs)
        except CompanyNotVerified:  # employers.permissions decides; this page explains
            context = {"employer": membership.employer}
            return render(request, "employer/not_verified.html", context, status=403)
        except CandidateReadsThrottled as throttled:
            wait = int(getattr(throttled, "wait", None) or 60)
            page = {"message": throttled.detail, "wait_minutes": ceil(wait / 60)}
            response = render(request, "employer/too_many_reads.html", page, status=429)
            response["Retry-After"] = str(wait)
            return response

    return wrapper


def membership(request: HttpRequest) -> EmployerMember:
    """The member's company membership, in views behind `company_member`."""
    found = signed_in_member(request)
    assert found is not None, "use company_member on this view"
    return found


def posting_or_404(
    request: AuthenticatedHttpRequest, pk: int, *, requirements: bool = True, listed: bool = False
) -> JobPosting:
    """The member's company's posting (`requirements`, `listed`:
    jobs.selectors.posting_for_member)."""
    try:
        return posting_for_member(
            user=request.user, pk=pk, requirements=requirements, listed=listed
        )
    except JobPosting.DoesNotExist as exc:
        raise Http404("No such posting") from exc


def application_or_404(request: AuthenticatedHttpRequest, pk: int) -> Application:
    try:
        return application_for_member(user=request.user, pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404("No such application") from exc


def form_errors(error: Exception) -> list[str]:
    """The user-facing messages of a ValidationError (or its subclasses)."""
    return list(getattr(error, "messages", [str(error)]))
