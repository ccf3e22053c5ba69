"""Who is the signed-in employer member: one helper for pages and the API.

Pages reach it through `portal.employer.access.company_member`, API views through the
permission classes below and `membership_of`. Both end in `signed_in_member`.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.http import signed_in
from employers.models import Employer, EmployerMember

_CACHE = "_signed_in_member"

NOT_VERIFIED = _(
    "Your company is not verified (or its verification was withdrawn): applicants and "
    "candidates stay hidden, and they cannot be contacted, until our staff verify it."
)


# --- what a company may do with graduates' personal data ---------------------------------------
# One rule, used by pages, the API, selectors and services alike: only a company that staff
# have verified sees applicants and candidates, moves applications, invites or writes to
# graduates. Revoking the verification ends all of it at once.


def employer_may_see_graduates(employer: Employer) -> bool:
    return employer.is_verified


class CompanyNotVerified(PermissionDenied):
    """A company that is not verified asked for graduates' personal data or to act on them."""


def require_verified(employer: Employer) -> None:
    if not employer_may_see_graduates(employer):
        raise CompanyNotVerified(str(NOT_VERIFIED))


def signed_in_member(request: HttpRequest | Request) -> EmployerMember | None:
    """The signed-in user's company membership (with the company), or None when the caller is
    not an employer's representative or belongs to no company yet. Looked up once per request."""
    if not hasattr(request, _CACHE):
        user = signed_in(request)
        membership = None
        if user is not None and user.is_employer_member:
            membership = EmployerMember.objects.select_related("employer").filter(user=user).first()
            if membership is not None:
                membership.user = user
        setattr(request, _CACHE, membership)
    found: EmployerMember | None = getattr(request, _CACHE)
    return found


def membership_of(request: Request) -> EmployerMember:
    """The caller's own company membership, for API views behind `IsEmployerMember`."""
    membership = signed_in_member(request)
    assert membership is not None, "use IsEmployerMember on this view"
    return membership


class IsEmployerRole(BasePermission):
    """An employer's representative, with or without a company yet (to create one)."""

    message = _("Only employers' representatives can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in(request)
        return bool(user and user.is_employer_member)


class IsEmployerMember(BasePermission):
    message = _("Only members of a company can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return signed_in_member(request) is not None


class IsVerifiedEmployerMember(IsEmployerMember):
    """A member of a company that staff have verified (candidates' personal data, publishing)."""

    message = NOT_VERIFIED

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and employer_may_see_graduates(
            membership_of(request).employer
        )
