"""matching_run_bench on a small database, tasks in-process: every figure is there and real."""

import json

import pytest
from django.core.management import call_command

from matching.models import MatchingChange, MatchRun

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_end_to_end_benchmark_runs_and_times_both_kinds_of_edit(capsys):
    call_command("seed_scale", graduates=40, postings=8, applications=0)
    capsys.readouterr()
    call_command("matching_run_bench", edits=3)
    figures = json.loads(capsys.readouterr().out)
    assert figures["tasks"] == "in-process"
    run = MatchRun.objects.get(is_current=True)
    assert figures["full_run"]["run"] == run.pk and figures["full_run"]["graduates"] == 40
    for side in ("graduate_edit", "posting_edit"):
        assert figures[side]["n"] == 3 and figures[side]["cold_ms"] >= 0
    assert MatchingChange.objects.filter(applied_at__isnull=False).count() == 6
