"""Reads kept for one request, and only within it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import RequestMemoMiddleware
from core.request_memo import request_memo
from matching.selectors import current_run

pytestmark = pytest.mark.django_db


def test_a_kept_read_runs_once_per_request_and_again_in_the_next():
    calls = []

    @request_memo
    def read() -> int:
        calls.append(1)
        return len(calls)

    def view(request):
        assert read() == read() == len(calls)
        return HttpResponse()

    middleware = RequestMemoMiddleware(view)
    middleware(RequestFactory().get("/"))
    middleware(RequestFactory().get("/"))
    assert len(calls) == 2
    read()
    read()  # outside a request every call reads
    assert len(calls) == 4


def test_the_current_run_is_read_once_in_a_request(django_assert_num_queries):
    def view(request):
        with django_assert_num_queries(1):
            current_run()
            current_run()
        return HttpResponse()

    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    with django_assert_num_queries(2):
        current_run()
        current_run()
