from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User


class SignupForm(AllauthSignupForm):
    """Allauth's sign-up with the two public roles: a graduate or an employer's representative."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[
            (Role.GRADUATE, _("a graduate looking for work in Korea")),
            (Role.EMPLOYER, _("representing an employer in Korea")),
        ],
        widget=forms.RadioSelect,
        initial=Role.GRADUATE,
    )

    field_order = ["role", "full_name", "email", "password1", "password2"]

    def save(self, request: HttpRequest) -> User:
        from accounts.services import user_onboard

        user: User = super().save(request)
        user_onboard(
            user=user, role=self.cleaned_data["role"], full_name=self.cleaned_data["full_name"]
        )
        return user
