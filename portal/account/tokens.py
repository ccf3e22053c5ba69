"""/accounts/tokens/: a signed-in user lists, creates and revokes their personal API tokens.

One view, one URL: POST with `action=create` (a name) shows the new key once on the page that
answers the POST (it is never stored, so it cannot be shown again); POST with `action=revoke`
and `token` revokes one of the user's own tokens (someone else's id gives 404).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from accounts.models import ApiToken, TokenScope
from accounts.token_services import (
    TOKEN_DAYS,
    TOKEN_DAYS_DEFAULT,
    NewApiToken,
    api_token_create,
    api_token_revoke,
)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=60,
        help_text=gettext_lazy("Where you will use it, e.g. “University placement office”."),
    )
    # Not given (an older form): the service's defaults, as in the API.
    scope = forms.ChoiceField(
        label=gettext_lazy("It can"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        required=False,
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("It works for"),
        choices=[(days, gettext_lazy("%(n)s days") % {"n": days}) for days in TOKEN_DAYS],
        coerce=int,
        initial=TOKEN_DAYS_DEFAULT,
        required=False,
        empty_value=None,
    )

    def choices(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if value}


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm()
    created: NewApiToken | None = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            token = get_object_or_404(
                ApiToken, pk=_int(request.POST.get("token")), user=request.user
            )
            api_token_revoke(token=token, by=request.user)
            messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
            return redirect("api_tokens")
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                created = api_token_create(user=request.user, **form.choices())
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    response = render(
        request,
        "account/api_tokens.html",
        {"form": form, "created": created, "tokens": tokens},
    )
    if created is not None:
        response["Cache-Control"] = "no-store"  # the page shows a secret
    return response


def _int(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0
