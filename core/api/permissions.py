"""Who may call what: the rules that need no domain model.

Every API view names its permission classes explicitly; the default (DenyAll, in settings) makes
a view that forgets them fail closed, and a test walks the URLs. The rules about roles live with
the model they read: `accounts.permissions.IsStaff`, `profiles.permissions.IsGraduate`,
`employers.permissions.IsEmployerMember` and its kin.

Ownership is not a permission here: views build their querysets from the caller's own profile or
company (`graduate_profile_of`, `membership_of`), so another's object is simply not found (404).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class DenyAll(BasePermission):
    """The default: nobody, until the view says who."""

    message = _("This endpoint has no access rule.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return False
