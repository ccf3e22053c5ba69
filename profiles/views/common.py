"""What every graduate page needs: the signed-in graduate's own profile, or a redirect."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import User
from profiles.services import graduate_profile_get_or_create

View = Callable[..., HttpResponse]


def graduate_required(view: View) -> View:
    """Signed-in graduates only (others go to their own dashboard); the view receives the
    graduate's profile as `profile`, created empty if sign-up did not make one."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not isinstance(user, User) or not user.is_graduate:
            return redirect("dashboard")
        profile = graduate_profile_get_or_create(user=user)
        profile.user = user  # spares a query wherever the page shows the name
        return view(request, *args, profile=profile, **kwargs)

    return wrapper
