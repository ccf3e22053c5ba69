"""The load test: its fixture signs the right people in, every page of its catalogue answers
as the load test expects, and the locust client itself runs against a live site without an
error (sessions, tokens and CSRF as it sends them)."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from random import Random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoDbBlocker

from accounts.models import ApiToken
from demo.loadtest import TOKEN_NAME, LoadtestSize, loadtest_fixture_build
from demo.services import DemoSize, demo_seed
from jobs.models import JobPosting
from loadtest.pages import ANONYMOUS, PAGES, PAGES_BY_NAME, Request
from matching.models import GraduateMatchList, MatchRun
from matching.services import match_run_request
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def matched_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_seed(size=DemoSize.small())
        with TestCase.captureOnCommitCallbacks(execute=True):  # the run starts after commit
            match_run_request()
        yield
        transaction.set_rollback(True)


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


@pytest.mark.services  # concurrent writes, as on a deployment: PostgreSQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_locust_client_runs_every_role_against_a_live_site(
    live_server: object, tmp_path: Path
) -> None:
    """`python -m loadtest` in its own process (locust patches the standard library) against the
    live test server: every role scenario, writes included, without a single error."""
    demo_seed(size=DemoSize.small())
    match_run_request()
    fixture = tmp_path / "fixture.json"
    call_command("loadtest_prepare", out=str(fixture), graduates=4, employers=2)
    report, url = tmp_path / "report.json", live_server.url  # type: ignore[attr-defined]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtest",
            "--base-url",
            url,
            "--fixture",
            str(fixture),
            "--phases",
            "single,roles",
            "--pages",
            "job,graduate-job",
            "--single-seconds",
            "0.5",
            "--role-seconds",
            "4",
            "--users",
            "4",
            "--warm-up",
            "0",
            "--json",
            str(report),
            "--fail-on-errors",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(report.read_text())
    assert figures["single"]["graduate-job"]["requests"] > 0
    roles = figures["roles"]
    assert sum(f["requests"] for f in roles.values()) > 10
    assert all(f["errors"] == 0 for f in roles.values())
    assert {"job", "graduate-dashboard", "employer-candidates"} <= set(roles)
    assert "healthz" in figures["single"]


def _same_shape_at_both_sizes(fixture: dict) -> dict:
    """The fixture narrowed to what shows a full page at both sizes: graduates who have
    matches (a page with none skips the queries that explain them), and a search that finds
    postings (an empty result skips the query for the rows)."""
    run = MatchRun.objects.get(is_current=True)
    matched = set(
        GraduateMatchList.objects.filter(run=run, length__gt=0).values_list("graduate", flat=True)
    )
    graduates = [g for g in fixture["graduates"] if g["graduate_id"] in matched][:3]
    posting = JobPosting.objects.public().filter(skills__isnull=False).order_by("pk").first()
    assert graduates and posting is not None
    skill = posting.skills.select_related("skill").first()
    assert skill is not None
    return {
        **fixture,
        "graduates": graduates,
        "searches": [skill.skill.name],
        "industries": [posting.employer.industry],
    }


@pytest.mark.django_db
def test_every_page_asks_as_many_queries_when_the_data_grows() -> None:
    """Each page of the catalogue, asked the same question at two sizes of the demo data (the
    second with three times the graduates and twice the postings, matched again), makes the
    same number of queries: none grows with the rows (no N+1, no per-row lookups). Each page
    is asked twice and the second request counted: the first may write once (last visit,
    session) or fill a cache."""

    def counts(fixture: dict) -> dict[str, int]:
        found = {}
        for page in PAGES:
            if page.write:
                continue
            request = page.build(fixture, Random(11))
            client = _client_for(fixture, request)
            client.get(request.path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(request.path)
            assert response.status_code == 200, (request.path, response.status_code)
            found[page.name] = len(queries)
        return found

    demo_seed(size=DemoSize.small())
    with TestCase.captureOnCommitCallbacks(execute=True):
        match_run_request()
    fixture = _same_shape_at_both_sizes(
        loadtest_fixture_build(size=LoadtestSize(graduates=12, employers=2))
    )
    small = counts(fixture)
    demo_seed(size=DemoSize(postings=60, graduates=120, applications=40))
    with TestCase.captureOnCommitCallbacks(execute=True):
        match_run_request()
    larger = counts(fixture)
    grown = {name: (small[name], larger[name]) for name in small if small[name] != larger[name]}
    assert not grown, f"queries (small, larger) per page: {grown}"
