from allauth.account.views import SignupView as AllauthSignupView

from accounts.models import Role


class SignupView(AllauthSignupView):
    """Allauth's sign-up, with the role preselected from `?role=graduate|employer`."""

    def get_initial(self) -> dict[str, object]:
        initial = super().get_initial()
        role = self.request.GET.get("role")
        if role in (Role.GRADUATE, Role.EMPLOYER):
            initial["role"] = role
        return initial
