"""Who may open the staff pages: staff (their second sign-in step is the middleware's to ask,
accounts.middleware.StaffSecondStepMiddleware)."""

from django.core.exceptions import PermissionDenied

from accounts.http import AuthenticatedHttpRequest


def staff_only(request: AuthenticatedHttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied
