"""Session lifetimes, and no caching of signed-in pages.

Session lifetimes (ASVS 3.3.2, level 2): a signed-in session ends after SESSION_IDLE_SECONDS
without a request and SESSION_ABSOLUTE_SECONDS after signing in, whichever comes first; the
user signs in again. Last activity is written at most once a minute, not on every request."""

import logging
import time
from collections.abc import Callable
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control

from accounts.http import signed_in
from accounts.models import User
from accounts.permissions import SECOND_STEP_NEEDED, has_second_step

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN = "_last_seen"
_WRITE_EVERY = 60  # seconds between writes of the last activity


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session, now = request.session, time.time()
        signed_in = session.setdefault(SIGNED_IN_AT, now)  # a session from before this check
        last_seen = session.get(LAST_SEEN, signed_in)
        if (
            now - last_seen > settings.SESSION_IDLE_SECONDS
            or now - signed_in >= settings.SESSION_ABSOLUTE_SECONDS
        ):
            logout(request)  # flushes the session; the request goes on signed out
            return
        if now - last_seen >= _WRITE_EVERY or LAST_SEEN not in session:
            session[LAST_SEEN] = now


def session_stamp(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """On signing in (Django's user_logged_in signal): when the session's clock starts."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = time.time()


class PrivateNoStoreMiddleware:
    """Pages for a signed-in user hold their personal data: no cache (a browser's, a proxy's)
    may keep them (`Cache-Control: private, no-store`), unless the view said otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


# Where staff power is used: the admin, the staff pages and the staff API.
STAFF_PATHS = ("/admin/", "/staff/", "/api/v1/staff/")


class StaffSecondStepMiddleware:
    """Staff accounts reach the admin, the staff pages and the staff API only once they have a
    second sign-in step (an authenticator app); until then pages send them to set one up and
    the API answers 403. With one, allauth asks for its code at every sign-in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = signed_in(request)
        if (
            request.path.startswith(STAFF_PATHS)
            and user is not None
            and user.is_staff
            and not has_second_step(user)
        ):
            message = str(SECOND_STEP_NEEDED)
            if request.path.startswith("/api/"):
                body = {"error": {"code": "permission_denied", "message": message, "fields": {}}}
                return JsonResponse(body, status=403)
            messages.warning(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)


audit = logging.getLogger("talentbridge.audit")  # ids only: no name or address


def sign_in_audit(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    """Django's user_logged_in signal: the sign-in in the audit log (staff read it in the
    admin, filtered by action "access") and on the audit stream."""
    audit.info("sign-in of user %s", getattr(user, "pk", None))
    if isinstance(user, User):
        _access_record(user, "sign-in")


def sign_in_failed_audit(
    sender: object, credentials: dict[str, Any] | None = None, **kwargs: object
) -> None:
    """Django's user_login_failed signal: a failed sign-in on the audit stream, and in the
    audit log against the account it tried, if there is one (the address is not logged; the
    lockout counts failures in the shared cache)."""
    audit.warning("failed sign-in")
    tried = (credentials or {}).get("email") or (credentials or {}).get("username")
    user = User.objects.filter(email__iexact=tried).first() if isinstance(tried, str) else None
    if user is not None:
        _access_record(user, "failed sign-in")


def _access_record(user: User, event: str) -> None:
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={"event": ["", event]},
        actor=user if event == "sign-in" else None,
        actor_email=None,
        object_repr=f"user {user.pk}",
    )


class UserLanguageMiddleware:
    """A signed-in user reads the site in the language of their account; LocaleMiddleware's
    choice (the language cookie, then the browser's Accept-Language) stands for visitors and for
    accounts that have not chosen one. Placed after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_language_activate(request, user)
        return self.get_response(request)


def user_language_activate(request: HttpRequest, user: User) -> None:
    """Switch this request to the user's language, if they chose one (the API's token
    authentication calls it too, since DRF authenticates after the middleware)."""
    if user.language and user.language != getattr(request, "LANGUAGE_CODE", None):
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
