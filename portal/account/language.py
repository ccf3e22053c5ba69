"""The language a person reads the site in: the header's switch (any visitor; a signed-in
person's choice is also kept on their account) and the account's language setting, which
e-mails and notifications follow too."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.http import AuthenticatedHttpRequest
from accounts.services import user_language_set


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself ("Tiếng Việt", "한국어"), as its readers look for it."""
    return [
        (code, translation.get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
    ]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=language_choices,
        widget=forms.RadioSelect,
        help_text=_("Pages, e-mails and notifications are written in it."),
    )


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie, back to `next`); a signed-in person's account keeps
    the choice, so e-mails follow it and the next sign-in opens in it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)  # type: ignore[arg-type]
    return response


@login_required
def language_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = request.user.language or translation.get_language() or settings.LANGUAGE_CODE
    form = LanguageForm(request.POST or None, initial={"language": current})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        user_language_set(user=request.user, language=language)
        translation.activate(language)
        messages.success(request, gettext("Your language is saved."))
        response = redirect("account_language")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response
    return render(request, "account/language.html", {"form": form})
