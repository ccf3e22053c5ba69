"""The load test: its fixture signs the right people in, every page of its catalogue answers
as the load test expects, and the locust client itself runs against a live site without an
error (sessions, tokens and CSRF as it sends them)."""

import json
from collections.abc import Iterator
from pathlib import Path
from random import Random

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, TestCase
from pytest_django import DjangoDbBlocker

from accounts.models import ApiToken
from config.celery import app as celery_app
from demo.loadtest import TOKEN_NAME, LoadtestSize, loadtest_fixture_build
from demo.services import DemoSize, demo_seed
from loadtest.pages import ANONYMOUS, PAGES, PAGES_BY_NAME, Request
from matching.services import match_run_request
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def matched_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    eager = celery_app.conf.task_always_eager  # the autouse in-process switch is per test
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            demo_seed(size=DemoSize.small())
            with TestCase.captureOnCommitCallbacks(execute=True):  # the run starts after commit
                match_run_request()
            yield
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = eager


def _client_for(fixture: dict, request: Request) -> Client:
    client = Client(HTTP_ACCEPT_ENCODING="identity")
    if request.role != ANONYMOUS:
        account = fixture[request.role + "s"][request.account]
        if request.api:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {account['token']}"
        else:
            client.cookies[fixture["session_cookie"]] = account["session"]
    return client


@pytest.mark.django_db
def test_the_fixture_signs_in_graduates_and_employers_with_their_ids(matched_demo: None) -> None:
    fixture = loadtest_fixture_build(size=LoadtestSize(graduates=5, employers=2))
    assert len(fixture["graduates"]) == 5 and len(fixture["employers"]) == 2
    assert fixture["jobs"] and fixture["companies"] and fixture["courses"]
    employer = fixture["employers"][0]
    assert employer["postings"] and any(employer["candidates"].values())
    # A second fixture signs in anew and leaves one live load-test token per person.
    again = loadtest_fixture_build(size=LoadtestSize(graduates=5, employers=2))
    assert again["graduates"][0]["session"] != fixture["graduates"][0]["session"]
    live = ApiToken.objects.filter(name=TOKEN_NAME, revoked_at__isnull=True)
    assert live.count() == 7


@pytest.mark.django_db
@pytest.mark.parametrize("name", [p.name for p in PAGES])
def test_every_page_answers_as_the_load_test_expects(matched_demo: None, name: str) -> None:
    """A GET answers 200 for its role; a form's POST is taken. Several
    draws per page, as the load test picks a new posting, person or search on each request."""
    fixture = loadtest_fixture_build(size=LoadtestSize(graduates=4, employers=2))
    page, rng = PAGES_BY_NAME[name], Random(7)
    for _ in range(3):
        request = page.build(fixture, rng)
        client = _client_for(fixture, request)
        if request.method == "POST":  # the next page, or the form again with its message
            response = client.post(request.path, request.form)
            assert response.status_code in (200, 302), (request.path, response.status_code)
        else:
            response = client.get(request.path)
            assert response.status_code == 200, (request.path, response.status_code)


@pytest.mark.django_db
def test_the_command_writes_a_private_file_and_refuses_real_accounts(
    matched_demo: None, tmp_path: Path
) -> None:
    out = tmp_path / "fixture.json"
    call_command("loadtest_prepare", out=str(out), graduates=2, employers=1)
    assert len(json.loads(out.read_text())["graduates"]) == 2
    assert out.stat().st_mode & 0o777 == 0o600
    factories.UserFactory(email="lan@gmail.com")
    with pytest.raises(CommandError, match="1 accounts outside the demo's example domains"):
        call_command("loadtest_prepare", out=str(tmp_path / "again.json"))


def test_the_machine_line_names_the_speed_at_both_ends_or_nothing() -> None:
    from loadtest.machine import machine_line, python_loop_ms

    assert python_loop_ms() > 0
    figures = {"python_ms_start": 61.5, "python_ms_end": 70.2, "cores": 2}
    assert machine_line(figures) == (
        "machine: a million additions in pure Python took 61.5 ms as the run started, "
        "70.2 ms as it ended; 2 cores"
    )
    assert machine_line(figures, label="  before").startswith("  before: a million")
    assert machine_line(None) == "" and machine_line({}) == ""
