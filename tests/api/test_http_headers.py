"""Headers partners rely on: each response names its request (X-Request-ID, also in the log
lines), and the API's reads carry an ETag that turns a repeated poll into 304 Not Modified."""

import logging

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from core.request_ids import RequestIdLogFilter, RequestIdMiddleware, current_request_id
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db
POSTINGS = "/api/v1/postings/"


def test_every_response_names_its_request_and_a_well_formed_id_is_kept(anon_api: APIClient):
    first, second = anon_api.get(POSTINGS), anon_api.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    given = anon_api.get(POSTINGS, HTTP_X_REQUEST_ID="partner-7f3a.42")
    assert given["X-Request-ID"] == "partner-7f3a.42"


@pytest.mark.parametrize("bad", ["short", "x" * 65, "has space in it", "line\r\nbreak-123"])
def test_an_ill_formed_id_is_replaced(client: Client, bad: str):
    response = client.get("/", HTTP_X_REQUEST_ID=bad)
    assert response["X-Request-ID"] != bad and len(response["X-Request-ID"]) == 32


def test_log_lines_written_during_a_request_carry_its_id():
    seen: list[str] = []
    handler = logging.Handler()
    handler.addFilter(RequestIdLogFilter())
    handler.emit = lambda record: seen.append(record.request_id)  # type: ignore[method-assign]
    logger = logging.getLogger("tests.request_ids")
    logger.addHandler(handler)

    def view(request):
        logger.warning("inside")
        return HttpResponse(current_request_id())

    try:
        response = RequestIdMiddleware(view)(
            RequestFactory().get("/", HTTP_X_REQUEST_ID="abc-12345")
        )
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    assert response.content == b"abc-12345" and seen == ["abc-12345", "-"]


def test_a_read_has_an_etag_and_an_unchanged_one_answers_304(graduate_api: APIClient):
    JobPostingFactory(title="First")
    first = graduate_api.get(POSTINGS)
    etag = first["ETag"]
    again = graduate_api.get(POSTINGS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    JobPostingFactory(title="Second")
    changed = graduate_api.get(POSTINGS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert {p["title"] for p in changed.json()["results"]} == {"First", "Second"}


def test_writes_and_pages_have_no_etag(graduate_api: APIClient, client: Client):
    posting = JobPostingFactory()
    saved = graduate_api.post("/api/v1/graduate/saved-jobs/", {"posting": posting.pk})
    assert saved.status_code == 201 and not saved.has_header("ETag")
    assert not client.get("/jobs/").has_header("ETag")


def test_the_schema_documents_the_shared_headers(client: Client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    read = schema["paths"][POSTINGS]["get"]
    assert {"If-None-Match", "X-Request-ID"} <= {p["name"] for p in read["parameters"]}
    assert {"ETag", "X-Request-ID"} <= read["responses"]["200"]["headers"].keys()
    assert "304" in read["responses"]
    write = schema["paths"]["/api/v1/graduate/saved-jobs/"]["post"]
    assert "ETag" not in write["responses"]["201"]["headers"]
