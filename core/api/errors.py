"""One JSON shape for every API error, and its place in the OpenAPI schema.

    {"error": {"code": "validation_error", "message": "...", "fields": {"title": ["..."]}}}

`code` is stable and machine-readable (validation_error, refused, not_authenticated,
authentication_failed, permission_denied, not_found, method_not_allowed, unsupported_media_type,
parse_error, throttled ...); `message` is for people; `fields` maps a field (nested fields by
dotted path, e.g. "skills.0.level"; errors about the whole body under "__all__") to its messages,
and is empty for errors that are not about the input. Services raise Django's ValidationError;
it becomes a 400 with the same field messages the HTML forms show.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

ALL = NON_FIELD_ERRORS  # "__all__": messages about the whole body
Fields = dict[str, list[str]]


class Refused(exceptions.ValidationError):
    """A service refused the request (e.g. applying twice): 400 with code "refused"."""

    default_code = "refused"


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, then the body rewritten into the one error shape (see module doc)."""
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # never the model's name from get_object_or_404
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None  # not an API error: Django's 500 handling (and logging) takes over
    response = drf_exception_handler(exc, context)
    assert response is not None
    response.data = {"error": error_body(exc)}
    return response


def error_body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_detail(exc.detail)
        code = "refused" if isinstance(exc, Refused) else "validation_error"
        general = fields.get(ALL)
        message = general[0] if general else _("Some fields are not valid.")
        if isinstance(exc, Refused):
            fields = {k: v for k, v in fields.items() if k != ALL}
        return {"code": code, "message": message, "fields": fields}
    detail = exc.detail
    code = getattr(detail, "code", None) or exc.default_code
    return {"code": str(code), "message": str(detail), "fields": {}}


def flatten_detail(detail: Any, path: str = "") -> Fields:
    """DRF's nested error detail as {dotted.path: [messages]} ("__all__" for the whole body)."""
    fields: Fields = {}

    def merge(found: Fields) -> None:
        for key, messages in found.items():
            fields.setdefault(key, []).extend(messages)

    if isinstance(detail, Mapping):
        for name, value in detail.items():
            if str(name) in (api_settings.NON_FIELD_ERRORS_KEY, ALL):
                merge(flatten_detail(value, path))  # about the object at `path` itself
            else:
                merge(flatten_detail(value, f"{path}.{name}" if path else str(name)))
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list | tuple):
                merge(flatten_detail(item, f"{path}.{index}" if path else str(index)))
            else:
                merge({path or ALL: [str(item)]})
    else:
        merge({path or ALL: [str(detail)]})
    return fields


def _from_django(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail: Any = {name: list(messages) for name, messages in error.message_dict.items()}
    else:
        detail = {ALL: list(error.messages)}
    # Services say "no" to a well-formed request with ValidationError subclasses named
    # <Thing>Refused (ApplicationRefused, PostingRefused, MembershipRefused ...).
    if type(error).__name__.endswith("Refused"):
        return Refused(detail)
    return exceptions.ValidationError(detail)


# --- the schema -------------------------------------------------------------------------------

# Every `code` the API answers with (tests/api/test_infrastructure.py checks DRF's own).
ERROR_CODES = (
    "validation_error", "refused", "parse_error", "not_authenticated", "authentication_failed",
    "permission_denied", "not_found", "method_not_allowed", "not_acceptable",
    "unsupported_media_type", "throttled", "idempotency_conflict", "idempotency_in_progress",
)  # fmt: skip
ERROR_COMPONENTS = {
    "ErrorCode": {
        "type": "string",
        "enum": list(ERROR_CODES),
        "description": "Stable and machine-readable: branch on it, never on `message`.",
    },
    "ErrorDetail": {
        "type": "object",
        "properties": {
            "code": {"$ref": "#/components/schemas/ErrorCode"},
            "message": {"type": "string", "description": "For people, in the request's language."},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": 'Messages by field (dotted path for nested ones; "__all__" '
                "for the whole body); empty when the error is not about the input.",
            },
        },
        "required": ["code", "message", "fields"],
    },
    "Error": {
        "type": "object",
        "properties": {"error": {"$ref": "#/components/schemas/ErrorDetail"}},
        "required": ["error"],
    },
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer", "minimum": 0},
    }
}
ERROR_RESPONSES = {
    "400": "The input is not valid, or the request was refused (fields say why).",
    "401": "No valid credentials: send a session cookie or `Authorization: Bearer <token>`.",
    "403": "Signed in, but this role or company may not do this.",
    "404": "No such object, or it is not yours.",
    "429": "Too many requests; retry after the `Retry-After` header's seconds.",
}


def document_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents the error responses.

    An operation's own documented response for a status (e.g. the visa endpoint's 400) wins."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_COMPONENTS)
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, description in ERROR_RESPONSES.items():
                response = operation["responses"].setdefault(
                    status, {"description": description, "content": ref}
                )
                if status == "429":
                    response.setdefault("headers", {}).update(RETRY_AFTER)
    return result
