"""Assertions shared by the API tests."""

from typing import Any


def assert_error(response: Any, status: int, code: str, *fields: str) -> dict[str, Any]:
    """The response is the one error shape with this status and code (and these field keys)."""
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()["error"]
    assert body["code"] == code, body
    assert isinstance(body["message"], str) and body["message"]
    for name in fields:
        assert name in body["fields"], body
    return body


def run_full_match(capture: Any) -> None:
    """A full match run, done in-process (tasks run eagerly once the request commits)."""
    from matching.services import match_run_request

    with capture(execute=True):
        match_run_request()
