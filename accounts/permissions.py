"""Staff: who holds staff power, for the API (IsStaff), the pages and the admin
(accounts.middleware.StaffSecondStepMiddleware) alike. Staff power needs a second sign-in step
(an authenticator app, django-allauth's mfa) besides the staff flag."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.models import User

SECOND_STEP_NEEDED = _("Staff accounts need two-step sign-in: set up an authenticator app first.")


def has_second_step(user: User) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def staff_power(user: object) -> bool:
    """A signed-in, active staff account with its second step set up."""
    return bool(
        isinstance(user, User)
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and has_second_step(user)
    )


class IsStaff(BasePermission):
    message = _("Only staff with two-step sign-in can do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return staff_power(request.user)
