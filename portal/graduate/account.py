"""The graduate's account: every part of the profile, consents, data export and deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.http import signed_in_user
from accounts.models import ConsentPurpose
from accounts.selectors import consent_current, consents_for_user
from portal.account.deletion import graduate_account_delete_everywhere
from portal.account.forms import AccountDeleteForm
from portal.account.selectors import user_data_export
from portal.graduate.steps import STEPS
from profiles.selectors import graduate_profile_for_user, profile_completeness
from profiles.services import graduate_profile_get_or_create


@require_GET
@login_required
def graduate_account(request: HttpRequest) -> HttpResponse:
    """The graduate's account page: links to edit every part, consents, export, deletion."""
    user = signed_in_user(request)
    if not user.is_graduate:
        return redirect("dashboard")
    graduate_profile_get_or_create(user=user)
    profile = graduate_profile_for_user(user=user)
    completeness, _missing = profile_completeness(profile=profile)
    return render(
        request,
        "account/graduate_account.html",
        {
            "profile": profile,
            "steps": STEPS,
            "completeness": completeness,
            "consents": list(consents_for_user(user=user)),
            "discovery_consent": consent_current(user=user, purpose=ConsentPurpose.DISCOVERY),
        },
    )


@never_cache
@require_GET
@login_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Everything about the signed-in user as a JSON download (their own data only)."""
    user = signed_in_user(request)
    body = json.dumps(user_data_export(user=user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="talent-bridge-data-{stamp}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the account after the password and a tick-box confirm it."""
    user = signed_in_user(request)
    if not user.is_graduate:
        return redirect("dashboard")
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        graduate_account_delete_everywhere(user=user)
        logout(request)
        messages.success(request, _("Your account and everything in it are deleted. Goodbye!"))
        return redirect("home")
    return render(request, "account/graduate_account_delete.html", {"form": form})
