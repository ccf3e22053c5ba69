"""Pages for any account: sign-up with a role, the redirect to each role's dashboard, and the
admin's sign-in handed to the site's."""

from allauth.account.views import SignupView as AllauthSignupView
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from portal.account.invitations import invitation_pending


class SignupView(AllauthSignupView):
    """Allauth's sign-up, with the role preselected from `?role=graduate|employer`, or as an
    employer when the visitor came from a colleague's invitation (portal.account.invitations)."""

    def get_initial(self) -> dict[str, object]:
        initial = super().get_initial()
        role = self.request.GET.get("role")
        if role in (Role.GRADUATE, Role.EMPLOYER):
            initial["role"] = role
        if invitation_pending(self.request) is not None:
            initial["role"] = Role.EMPLOYER
        return initial


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each role to its own dashboard."""
    user = request.user
    if user.is_staff:
        return redirect("staff_dashboard")
    if user.is_employer_member:
        return redirect("employer:dashboard")
    return redirect("graduate:dashboard")


def admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin's sign-in, replaced: everyone signs in through the site's form (allauth), with
    its rate limits and lockout in the shared cache; the admin's own form, which has neither,
    is never shown. Signed-in staff go on to the admin, other signed-in accounts get 403."""
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect(target)
        raise PermissionDenied("The admin is for staff accounts.")
    return redirect_to_login(target, login_url=reverse("account_login"))
