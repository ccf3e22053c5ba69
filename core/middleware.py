"""Refusing input no page or API can take: text with NUL characters.

PostgreSQL text cannot hold NUL (0x00), and no real name, search or cover letter contains one, yet
a NUL in any field that reaches a query (a search word, a field-of-study code) turned a bad
request into a server error. This middleware answers 400 before any view runs, in the API's error
shape under /api/ and as a plain page elsewhere.
"""

from collections.abc import Callable

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from core.api.errors import ALL, error_body

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
