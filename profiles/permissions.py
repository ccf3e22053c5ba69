"""Who is the signed-in graduate: one helper for pages and the API.

Pages reach it through `portal.graduate.access.graduate_required`, API views through the
`IsGraduate` permission and `graduate_profile_of`. Both end in `signed_in_graduate`.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.http import signed_in
from profiles.models import GraduateProfile

_CACHE = "_signed_in_graduate"


def signed_in_graduate(request: HttpRequest | Request) -> GraduateProfile | None:
    """The signed-in graduate's profile, or None when the caller is not a graduate or has no
    profile (sign-up makes one; staff may have removed it). Looked up once per request."""
    if not hasattr(request, _CACHE):
        user = signed_in(request)
        profile = None
        if user is not None and user.is_graduate:
            profile = GraduateProfile.objects.filter(user=user).first()
            if profile is not None:
                profile.user = user  # spares a query wherever the page shows the name
        setattr(request, _CACHE, profile)
    found: GraduateProfile | None = getattr(request, _CACHE)
    return found


def signed_in_graduate_if_read(request: HttpRequest | Request) -> GraduateProfile | None:
    """The signed-in graduate's profile if this request has looked it up already, else None
    (asks nothing: for parts of every page that need it only now and then)."""
    found: GraduateProfile | None = getattr(request, _CACHE, None)
    return found


def graduate_profile_of(request: Request) -> GraduateProfile:
    """The caller's own graduate profile, for API views behind `IsGraduate`."""
    profile = signed_in_graduate(request)
    assert profile is not None, "use IsGraduate on this view"
    return profile


class IsGraduateAccount(BasePermission):
    """A graduate's account, with or without a profile yet (the view says what is missing)."""

    message = _("Only graduates can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in(request)
        return bool(user and user.is_graduate)


class IsGraduate(BasePermission):
    message = _("Only graduates with a profile can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return signed_in_graduate(request) is not None
