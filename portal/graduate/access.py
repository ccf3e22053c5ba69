"""What every graduate page needs: the signed-in graduate's own profile, or a redirect."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.http import signed_in_user
from profiles.permissions import signed_in_graduate
from profiles.services import graduate_profile_get_or_create

View = Callable[..., HttpResponse]


def graduate_required(view: View) -> View:
    """Signed-in graduates only (others go to their own dashboard); the view receives the
    graduate's profile as `profile`, created empty if there is none yet."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = signed_in_user(request)
        if not user.is_graduate:
            return redirect("dashboard")
        profile = signed_in_graduate(request) or graduate_profile_get_or_create(user=user)
        return view(request, *args, profile=profile, **kwargs)

    return wrapper
