"""The analytics benchmark command runs the summary job and times every analytics page, each
answering 200 (a smoke test: the figures themselves are printed, not asserted)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.analytics.world import analytics_world

pytestmark = pytest.mark.django_db


def test_the_bench_prints_the_job_and_every_page():
    analytics_world()
    out = StringIO()
    call_command("analytics_bench", "--requests", "2", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["summary job"]["graduates"] == 36
    assert figures["summary job"]["cells left out"] == 5
    assert {page["status"] for page in figures["pages"].values()} == {200}
    assert all(page["queries"] > 0 for page in figures["pages"].values())
