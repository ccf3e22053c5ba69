"""Pages for any account: sign-up with a role, and the redirect to each role's dashboard."""

from allauth.account.views import SignupView as AllauthSignupView
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role


class SignupView(AllauthSignupView):
    """Allauth's sign-up, with the role preselected from `?role=graduate|employer`."""

    def get_initial(self) -> dict[str, object]:
        initial = super().get_initial()
        role = self.request.GET.get("role")
        if role in (Role.GRADUATE, Role.EMPLOYER):
            initial["role"] = role
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
