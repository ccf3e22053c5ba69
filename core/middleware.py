"""Refusing input no page or API can take: text with NUL characters, and bodies too large.

PostgreSQL text cannot hold NUL (0x00), and no real name, search or cover letter contains one, yet
a NUL in any field that reaches a query (a search word, a field-of-study code) turned a bad
request into a server error. This middleware answers 400 before any view runs, in the API's error
shape under /api/ and as a plain page elsewhere.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    JsonResponse,
)
from django.middleware.gzip import GZipMiddleware
from django.middleware.http import ConditionalGetMiddleware
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from core import hangul_face
from core.api.errors import ALL, error_body
from core.request_memo import request_memo_begin, request_memo_end

NUL = "\x00"
JSON_NUL = b"\\u0000"


def _carries_nul(request: HttpRequest) -> bool:
    if any(
        NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
    ):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.POST.lists()
        )
    return request.content_type == "application/json" and JSON_NUL in request.body.lower()


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _carries_nul(request):
            return self.get_response(request)
        message = _("The request contains a NUL character, which no field accepts.")
        if request.path.startswith("/api/"):
            body = error_body(ValidationError({ALL: [message]}))
            return JsonResponse({"error": body}, status=400)
        return HttpResponseBadRequest(message)


class RequestSizeLimitMiddleware:
    """Refuse a body larger than settings.REQUEST_MAX_BYTES with 413, from its Content-Length,
    before any of it is read (Django would read it, or spool it to disk, first). The limit is
    above the largest upload the site takes (a CV); a body without a length is limited by
    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE and the upload handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= settings.REQUEST_MAX_BYTES:
            return self.get_response(request)
        message = _("The request is too large: at most %(size)s.") % {
            "size": filesizeformat(settings.REQUEST_MAX_BYTES)
        }
        if request.path.startswith("/api/"):
            body = {"error": {"code": "too_large", "message": message, "fields": {}}}
            response: HttpResponse = JsonResponse(body, status=413)
        else:
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        response["Connection"] = "close"  # the unread body must not be taken for a next request
        return response


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip for pages and API answers (HTML shrinks about eightfold), except under
    settings.UNCOMPRESSED_PATHS, the pages that show a secret (BREACH). Static files never reach
    it: WhiteNoise serves them, compressed ahead, before this middleware."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path.startswith(settings.UNCOMPRESSED_PATHS):
            return response
        return super().process_response(request, response)


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """ETag on the API's reads (a digest of the body), and 304 Not Modified to a GET whose
    If-None-Match names it: a partner polling an unchanged list gets no body. Pages do not
    take part (they change with the session, the messages and the time). A private answer
    (no-store: no cache may keep it) has its ETag too: the partner's own sync keeps it."""

    def needs_etag(self, response: HttpResponseBase) -> bool:
        return not response.streaming

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path.startswith("/api/v1/"):
            return response
        return super().process_response(request, response)


class RateLimitHeadersMiddleware:
    """`RateLimit-Limit`, `-Remaining` and `-Reset` on the answers of throttled API endpoints,
    from what their throttle noted (core.api.throttling)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        noted = getattr(request, "rate_limit", None)
        if noted is not None:
            limit, remaining, reset = noted
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response


class RequestMemoMiddleware:
    """Keeps core.request_memo reads for the length of each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = request_memo_begin()
        try:
            return self.get_response(request)
        finally:
            request_memo_end(token)


class HangulFaceMiddleware:
    """Links the Korean face an HTML page needs (core.hangul_face): the pieces of Noto Sans KR
    for a page in Korean or with much Korean text, a face of just its characters for a page
    with a little (a company's Korean name), nothing for a page with none. The link goes at the
    end of the head, or at the end of an htmx fragment, which has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            not isinstance(response, HttpResponse)
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Encoding")
        ):
            return response
        content = response.content
        head_end = content.find(b"</head>")
        if head_end < 0 and not request.headers.get("HX-Request"):
            return response
        if getattr(request, "LANGUAGE_CODE", "") == "ko":
            href = staticfiles_storage.url(hangul_face.PIECES_CSS)
        else:
            chars = hangul_face.korean_chars(content)
            if not chars:
                return response
            if len(chars) > hangul_face.MAX_CHARS:
                href = staticfiles_storage.url(hangul_face.PIECES_CSS)
            else:
                href = reverse("hangul-face-css", args=[hangul_face.face_token(chars)])
        link = f'<link rel="stylesheet" href="{href}">'.encode()
        at = head_end if head_end >= 0 else len(content)
        response.content = content[:at] + link + content[at:]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
