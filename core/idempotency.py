"""`Idempotency-Key` on the API's POSTs: a retried request does not act twice.

A partner whose connection broke after sending "apply" or "create posting" cannot know whether it
happened. Sent again with the same `Idempotency-Key` (any string of 1-255 printable characters,
a UUID for instance) and the same body, the request gets the first answer again, marked
`Idempotent-Replayed: true`, and nothing is done twice. The same key with another body is a
mistake: 409 `idempotency_conflict`. While the first is still running, a second gets 409
`idempotency_in_progress` with `Retry-After: 1`.

Keys belong to the caller (a digest of their token or session; without either, of their
address), so nobody can replay another's answer. Answers are kept a day
(`idempotent_requests_prune`). A server error (5xx), a refusal of the credentials (401, 403) or
a throttled request (429) is not kept: a retry runs again. A claim whose request never finished
(its process died) is taken over after CLAIM_STALE_SECONDS; if that process had committed its
change before dying, the retry runs again and the service's own rules (applying twice is
refused) keep it from acting twice.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.request import RawPostDataException
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException, NotAuthenticated, ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings

from core.api.errors import error_body
from core.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEY_MAX = 255
CLAIM_STALE_SECONDS = 60
KEPT = timedelta(days=1)
# Answers about the credentials (a missing CSRF token, an expired session) or the moment (too
# many requests, a key in use) are not kept: a retry with that put right must run.
NOT_KEPT_STATUSES = frozenset({401, 403, 409, 429})


class _Conflict(APIException):
    """A key sent before with another body (or, with its own code, one still running)."""

    status_code = 409
    default_code = "idempotency_conflict"


def _error(refusal: APIException) -> JsonResponse:
    """The refusal in the API's one error shape (core.api.errors), with its status."""
    return JsonResponse({"error": error_body(refusal)}, status=refusal.status_code)


def _caller(request: HttpRequest) -> str:
    credentials = request.headers.get("Authorization", "")
    session = request.COOKIES.get("sessionid", "")
    who = (
        f"token:{credentials}"
        if credentials
        else f"session:{session}"
        if session
        else f"address:{request.META.get('REMOTE_ADDR', '')}"
    )
    return hashlib.sha256(who.encode()).hexdigest()


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    try:
        digest.update(request.body)
    except RawPostDataException:  # a multipart upload, parsed already (fields and files)
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, uploads in sorted(request.FILES.lists()):
            for upload in uploads:
                digest.update(repr((name, upload.name, upload.size)).encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    return digest.hexdigest()


def _authenticators(request: HttpRequest) -> list[Any]:
    """The authentication classes of the endpoint asked for (the partner API has its own)."""
    try:
        view = getattr(resolve(request.path_info).func, "cls", None)
    except Resolver404:
        view = None
    default: list[Any] = list(api_settings.DEFAULT_AUTHENTICATION_CLASSES)
    classes: list[Any] = list(getattr(view, "authentication_classes", default))
    return [cls() for cls in classes]


def _credentials_refused(request: HttpRequest) -> JsonResponse | None:
    """A replay goes only to a caller the endpoint would still let in: its own authenticators
    decide (a revoked token or an ended session gets their refusal, not the kept answer)."""
    drf_request = Request(request, authenticators=_authenticators(request))
    try:
        user, auth = drf_request.user, drf_request.auth
    except APIException as refusal:
        return _error(refusal)
    signed = request.headers.get("Authorization") or request.COOKIES.get("sessionid")
    # A partner's access token speaks for an organisation, not a user: `auth` is set, `user` not.
    if signed and not ((user and user.is_authenticated) or auth is not None):
        return _error(NotAuthenticated(_("Sign in again to send this request.")))
    return None


def _replay(kept: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(
        bytes(kept.body), status=kept.status_code, content_type=kept.content_type
    )
    response[REPLAYED] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/v1/"):
            return self.get_response(request)
        if not (0 < len(key) <= KEY_MAX and key.isprintable()):
            return _error(ValidationError({HEADER: [_("Send 1 to 255 printable characters.")]}))
        caller, fingerprint = _caller(request), _fingerprint(request)
        claim, earlier = _claim(caller, key, fingerprint)
        if claim is None:
            assert earlier is not None
            if earlier.fingerprint != fingerprint:
                return _error(
                    _Conflict(
                        _("This Idempotency-Key was used with another request."),
                        code="idempotency_conflict",
                    )
                )
            refused = _credentials_refused(request)
            if refused is not None:
                return refused
            if earlier.status_code is None:
                running = _error(
                    _Conflict(
                        _("A request with this Idempotency-Key is still running."),
                        code="idempotency_in_progress",
                    )
                )
                running["Retry-After"] = "1"
                return running
            return _replay(earlier)
        response = self.get_response(request)
        _settle(claim, response)
        return response


def _claim(
    caller: str, key: str, fingerprint: str
) -> tuple[IdempotentRequest | None, IdempotentRequest | None]:
    """(our claim, None) when this request may run; (None, the earlier one) otherwise."""
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(
                caller=caller, key=key, fingerprint=fingerprint
            ), None
    except IntegrityError:
        pass
    earlier = IdempotentRequest.objects.get(caller=caller, key=key)
    stale = timezone.now() - timedelta(seconds=CLAIM_STALE_SECONDS)
    abandoned = earlier.status_code is None and earlier.created_at < stale
    if abandoned and earlier.fingerprint == fingerprint:
        taken = IdempotentRequest.objects.filter(
            pk=earlier.pk, status_code__isnull=True, created_at=earlier.created_at
        ).update(created_at=timezone.now())
        if taken:  # the abandoned claim is ours now (a racing retry found it taken)
            earlier.refresh_from_db()
            return earlier, None
    return None, earlier


def _settle(claim: IdempotentRequest, response: HttpResponseBase) -> None:
    """Keep the answer, or give the key back when a retry should run again."""
    status = response.status_code
    if status >= 500 or status in NOT_KEPT_STATUSES or response.streaming:
        IdempotentRequest.objects.filter(pk=claim.pk).delete()
        return
    IdempotentRequest.objects.filter(pk=claim.pk).update(
        status_code=status,
        content_type=response.get("Content-Type", ""),
        body=response.content,  # type: ignore[attr-defined]
    )


def idempotent_requests_prune(*, now: datetime | None = None) -> int:
    """Forget answers kept longer than a day; how many."""
    cutoff = (now or timezone.now()) - KEPT
    deleted, _kinds = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
