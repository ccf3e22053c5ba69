"""Staff: who holds staff power, for the API (IsStaff, StaffWith), the pages and the admin
(accounts.middleware.StaffSecondStepMiddleware) alike. Staff power needs a second sign-in step
(an authenticator app, django-allauth's mfa) besides the staff flag; what a staff member may do
is their model permissions, the admin's own, given through the four STAFF_GROUPS."""

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


def staff_with(*perms: str) -> type[BasePermission]:
    """A permission class: staff power and these model permissions (as the admin asks)."""

    class StaffWith(IsStaff):
        message = _("Your staff role does not include this.")

        def has_permission(self, request: Request, view: Any) -> bool:
            return staff_power(request.user) and request.user.has_perms(perms)

    return StaffWith


# The staff roles: a group each, kept in step with these lists at every migrate
# (accounts.apps). "app.*" is every permission of the app's models.
STAFF_GROUPS: dict[str, tuple[str, ...]] = {
    "Verifiers": (
        "employers.view_employer", "employers.change_employer",
        "employers.view_employermember", "employers.view_candidateaccess",
    ),
    "Visa editors": ("visas.*",),
    "Catalogue editors": ("training.*",),
    "Support": (
        "accounts.view_user", "profiles.view_graduateprofile", "profiles.view_unmatchedskill",
        "profiles.change_unmatchedskill", "jobs.view_jobposting", "jobs.view_application",
        "employers.view_employer", "matching.view_matchrun", "auditlog.view_logentry",
        "interviews.view_interview",
    ),
}  # fmt: skip


def staff_groups_ensure(**kwargs: object) -> None:
    """Create the staff groups and set their permissions (a post_migrate receiver)."""
    from django.contrib.auth.models import Group, Permission

    for name, wanted in STAFF_GROUPS.items():
        chosen = Permission.objects.none()
        for entry in wanted:
            app, codename = entry.split(".", 1)
            match = Permission.objects.filter(content_type__app_label=app)
            chosen |= match if codename == "*" else match.filter(codename=codename)
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(chosen)
