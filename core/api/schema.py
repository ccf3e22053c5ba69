"""drf-spectacular postprocessing: the headers every operation shares, in the schema.

Every response names its request (`X-Request-ID`, core.request_ids); every read answers with an
`ETag` and takes `If-None-Match`, answering 304 with no body when nothing changed
(core.middleware.ApiConditionalGetMiddleware); every POST takes an `Idempotency-Key`
(core.idempotency); rate-limited endpoints say what is left (`RateLimit-*`,
core.api.throttling).
"""

from typing import Any

REQUEST_ID = {
    "X-Request-ID": {
        "description": "This request's id (the caller's own when it sent a well-formed one, "
        "8-64 letters, digits and ._:-); quote it when asking about a call.",
        "schema": {"type": "string"},
    }
}
ETAG = {
    "ETag": {
        "description": "The body's validator: send it back in If-None-Match.",
        "schema": {"type": "string"},
    }
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag this read gave before: 304 with no body if the answer is the same.",
    "schema": {"type": "string"},
}
REQUEST_ID_PARAMETER = {
    "name": "X-Request-ID",
    "in": "header",
    "required": False,
    "description": "An id of the caller's own for this request, echoed in the response.",
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{8,64}$"},
}


RATE_LIMIT = {
    "RateLimit-Limit": {
        "description": "Requests allowed in the window (rate-limited endpoints).",
        "schema": {"type": "integer"},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the window.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the window frees a request.",
        "schema": {"type": "integer"},
    },
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any 1-255 printable characters (a UUID): a retry with the same key and body "
    "gets the first answer again (`Idempotent-Replayed: true`) and acts only once; the same key "
    "with another body is 409 `idempotency_conflict`. Kept a day.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}
IDEMPOTENCY_CONFLICT = {
    "description": "The Idempotency-Key was used with another body "
    "(`idempotency_conflict`), or its first request is still running "
    "(`idempotency_in_progress`, retry after `Retry-After`).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document_shared_headers(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    throttled = {
        (path, method.lower())
        for path, _regex, method, callback in getattr(generator, "endpoints", None) or ()
        if getattr(getattr(callback, "cls", None), "throttle_classes", None)
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            parameters = operation.setdefault("parameters", [])
            parameters.append(REQUEST_ID_PARAMETER)
            responses = operation["responses"]
            if method == "post":
                parameters.append(IDEMPOTENCY_KEY)
                responses.setdefault("409", {**IDEMPOTENCY_CONFLICT})
            if method == "get":
                parameters.append(IF_NONE_MATCH)
                responses.setdefault("304", {"description": "Not modified since the ETag sent."})
            for status, response in responses.items():
                response["headers"] = {**response.get("headers", {}), **REQUEST_ID}
                if method == "get" and str(status).startswith("2"):
                    response["headers"].update(ETAG)
                if (path, method) in throttled:
                    response["headers"].update(RATE_LIMIT)
    return result
