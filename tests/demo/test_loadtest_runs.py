"""The load test run for real: the locust client against a live site, and every page of its
catalogue making as many queries at two sizes of data. Apart from test_loadtest.py, whose
module-wide demo data stays in one open transaction."""

import json
import os
import subprocess
import sys
from pathlib import Path
from random import Random

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from demo.loadtest import LoadtestSize, loadtest_fixture_build
from demo.services import DemoSize, demo_seed
from jobs.models import JobPosting
from loadtest.pages import ANONYMOUS, EMPLOYER, GRADUATE, PAGES, PAGES_BY_NAME
from matching.models import GraduateMatchList, MatchRun
from matching.services import match_run_request
from tests.demo.test_loadtest import ROOT, _client_for


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
    # Every role's scenario ran: which of its pages in four seconds, chance and the machine decide.
    ran = {PAGES_BY_NAME[name].role for name in roles}
    assert ran == {ANONYMOUS, GRADUATE, EMPLOYER}, sorted(roles)
    assert "healthz" in figures["single"]
    # Sizes are what came over the wire: the page compressed, as the client asked for it.
    job = PAGES_BY_NAME["job"].build(json.loads(fixture.read_text()), Random(1))
    plain = _client_for({}, job).get(job.path)
    assert figures["single"]["job"]["kb"] * 1024 < len(plain.content) / 2
    machine = figures["machine"]
    assert machine["python_ms_start"] > 0 and machine["python_ms_end"] > 0
    assert f"took {machine['python_ms_start']} ms as the run started" in result.stdout


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_transfer_command_weighs_every_graduate_page_in_chromium(
    live_server: object, tmp_path: Path
) -> None:
    """`python -m loadtest.transfer` opens each graduate page signed in, on a cold cache, and
    prints what it fetched: the page itself and its style sheets at least."""
    demo_seed(size=DemoSize.small())
    match_run_request()
    fixture = tmp_path / "fixture.json"
    call_command("loadtest_prepare", out=str(fixture), graduates=2, employers=1)
    result = subprocess.run(
        [sys.executable, "-m", "loadtest.transfer", "--base-url", live_server.url,  # type: ignore[attr-defined]
         "--fixture", str(fixture)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:-1]}
    assert {"graduate-dashboard", "graduate-job", "graduate-visas"} <= set(rows)
    for name, (total, document, *_rest) in rows.items():
        assert float(document) > 0.5 and float(total) >= float(document), name
    assert float(rows["graduate-dashboard"][2]) > 0  # its style sheets came over the wire
    assert result.stdout.splitlines()[-1].endswith("over 60 KB")


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
