"""Who may call what. Every API view names its permission classes explicitly; the default
(DenyAll, in settings) makes a view that forgets them fail closed, and a test walks the URLs.

Ownership is not a permission here: views build their querysets from the caller's own profile or
company (`graduate_profile_of`, `membership_of`), so another's object is simply not found (404).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.models import Role, User
from employers.models import EmployerMember
from profiles.models import GraduateProfile


class DenyAll(BasePermission):
    """The default: nobody, until the view says who."""

    message = _("This endpoint has no access rule.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return False


def _signed_in(request: Request) -> User | None:
    user = request.user
    return user if user is not None and user.is_authenticated else None


def signed_in_user(request: Request) -> User:
    """The caller; for views whose permission classes let no anonymous caller in."""
    user = _signed_in(request)
    assert user is not None, "use a permission that needs a signed-in caller on this view"
    return user


def graduate_profile_of(request: Request) -> GraduateProfile:
    """The caller's own graduate profile; 404-free because IsGraduate has found it."""
    profile = _graduate_profile(request)
    assert profile is not None, "use IsGraduate on this view"
    return profile


def membership_of(request: Request) -> EmployerMember:
    """The caller's own company membership (with the company); IsEmployerMember has found it."""
    membership = _membership(request)
    assert membership is not None, "use IsEmployerMember on this view"
    return membership


def _graduate_profile(request: Request) -> GraduateProfile | None:
    if not hasattr(request, "_api_graduate_profile"):
        user = _signed_in(request)
        request._api_graduate_profile = (  # type: ignore[attr-defined]
            GraduateProfile.objects.select_related("user").filter(user=user).first()
            if user is not None and user.role == Role.GRADUATE
            else None
        )
    return request._api_graduate_profile  # type: ignore[attr-defined,no-any-return]


def _membership(request: Request) -> EmployerMember | None:
    if not hasattr(request, "_api_membership"):
        user = _signed_in(request)
        request._api_membership = (  # type: ignore[attr-defined]
            EmployerMember.objects.select_related("employer", "user").filter(user=user).first()
            if user is not None and user.role == Role.EMPLOYER
            else None
        )
    return request._api_membership  # type: ignore[attr-defined,no-any-return]


class IsGraduate(BasePermission):
    message = _("Only graduates with a profile can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return _graduate_profile(request) is not None


class IsEmployerRole(BasePermission):
    """An employer's representative, with or without a company yet (to create one)."""

    message = _("Only employers' representatives can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = _signed_in(request)
        return bool(user and user.role == Role.EMPLOYER)


class IsEmployerMember(BasePermission):
    message = _("Only members of a company can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return _membership(request) is not None


class IsVerifiedEmployerMember(IsEmployerMember):
    """A member of a company that staff have verified (candidates' personal data, publishing)."""

    message = _("Your company is pending verification; this opens once staff verify it.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and membership_of(request).employer.is_verified


class IsStaff(BasePermission):
    message = _("Only staff can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = _signed_in(request)
        return bool(user and user.is_staff and user.is_active)
