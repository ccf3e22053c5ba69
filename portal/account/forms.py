"""Sign-up with a role and consent, and deleting an account (asked again for the password)."""

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from accounts.services import signup_consents_record, user_onboard
from portal.account.invitations import invitation_accept_on_signup, invitation_signup_email
from portal.account.language import language_choices
from profiles.services import graduate_profile_get_or_create


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
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        required=False,  # left out: the language the page was shown in
        help_text=_("Pages and e-mails are written in it. You can change it at any time."),
    )
    agree_terms = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy notice"),
        help_text=_(
            "We keep your profile to match you with jobs and show it only as you choose. "
            "You can download or delete your data at any time."
        ),
        error_messages={"required": _("Tick the box to agree to the terms and privacy notice.")},
    )

    field_order = [
        "role", "full_name", "email", "password1", "password2", "language", "agree_terms"
    ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()  # the browser's, or the one chosen
        # The label links the pages it agrees to (each opens in a new tab: nothing typed is lost).
        self.fields["agree_terms"].label = format_html(
            gettext('I agree to the <a href="{}" target="_blank" rel="noopener">terms of use</a> '
                    'and the <a href="{}" target="_blank" rel="noopener">privacy notice</a>'),
            reverse("terms"),
            reverse("privacy"),
        )  # fmt: skip

    @transaction.atomic
    def save(self, request: HttpRequest) -> User:
        invitation_signup_email(request, email=self.cleaned_data["email"])
        user: User = super().save(request)
        user_onboard(
            user=user,
            role=self.cleaned_data["role"],
            full_name=self.cleaned_data["full_name"],
            language=self.cleaned_data.get("language") or get_language(),
        )
        translation.activate(user.language)  # the confirmation e-mail and the next page, too
        if user.is_graduate:
            graduate_profile_get_or_create(user=user)  # an empty profile to fill in
        signup_consents_record(user=user)
        invitation_accept_on_signup(request, user=user)
        return user


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again and a typed confirmation."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    confirm = forms.BooleanField(
        label=_("I understand that my profile, CV, applications and matches are deleted for good"),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
