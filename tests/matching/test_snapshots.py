"""The incremental state kept on disk: a new process loads it and catches up, exactly."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import Requirement
from jobs.services import posting_skills_set
from matching.models import MatchRun
from matching.selectors import facts
from matching.services import changes, match_run_request, matching_changes_apply, runs, snapshots
from profiles.services import graduate_skills_set
from skills.models import RelationKind, SkillRelation
from tests.matching.market import assert_stored_lists_are_exact, build_market
from visas.services import visa_rules_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MATCHING_STATE_DIR = str(tmp_path / "state")
    world = build_market(settings)
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    changes._live = None  # as in a fresh worker process
    return world


def _edit(market, n: int) -> None:
    profile = market["graduates"][n]
    graduate_skills_set(
        profile=profile,
        levels={s.pk: 1 + (n + k) % 5 for k, s in enumerate(market["skills"][n % 6 : n % 6 + 4])},
    )


@pytest.fixture
def no_full_read(monkeypatch):
    """Fail if the state is built by reading every graduate (what a snapshot spares)."""
    real = changes.graduate_facts

    def only_some(**kwargs):
        assert kwargs.get("ids") is not None, "read every graduate instead of the snapshot"
        return real(**kwargs)

    return lambda: monkeypatch.setattr(changes, "graduate_facts", only_some)


def _snapshot_files(settings) -> list[str]:
    directory = settings.MATCHING_STATE_DIR
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


def test_the_first_update_keeps_a_snapshot_and_a_new_process_loads_it(
    market, settings, no_full_read
):
    _edit(market, 1)
    assert matching_changes_apply().applied == 1  # cold: reads everything, keeps a snapshot
    run = MatchRun.objects.get(is_current=True)
    assert _snapshot_files(settings) == [snapshots._path(run).name]
    assert oct(os.stat(settings.MATCHING_STATE_DIR).st_mode & 0o777) == "0o700"

    changes._live = None  # another process: it has never seen the edits above
    no_full_read()
    for n in (2, 3, 4):
        _edit(market, n)
    assert matching_changes_apply().applied == 3
    assert_stored_lists_are_exact(visible=4)


def _new_run(capture) -> MatchRun:
    with capture(execute=True):
        match_run_request()
    changes._live = None  # the first update after a run: the warm-up in another process
    return MatchRun.objects.get(is_current=True)


def _edit_posting(market, n: int) -> None:
    posting = market["postings"][n]
    posting_skills_set(
        posting=posting,
        skills=[
            (s.pk, Requirement.REQUIRED, 1 + (n + k) % 5, 1.0)
            for k, s in enumerate(market["skills"][n % 5 : n % 5 + 3])
        ],
    )


def test_a_new_runs_state_starts_from_the_previous_runs_snapshot(
    market, settings, django_capture_on_commit_callbacks, no_full_read
):
    _edit(market, 1)
    matching_changes_apply()  # the first run's snapshot
    for n in (2, 6, 7):  # applied to the old run's state after its snapshot was kept
        _edit(market, n)
        matching_changes_apply()
    _edit(market, 8)  # changed before the new run, and never applied to the old one
    _edit_posting(market, 3)
    run = _new_run(django_capture_on_commit_callbacks)
    _edit(market, 4)  # changed after the new run
    for n in range(10):  # every posting's list re-scored, from every graduate's facts
        _edit_posting(market, n)
    no_full_read()
    assert matching_changes_apply().applied >= 2  # with those queued before the run
    assert _snapshot_files(settings) == [snapshots._path(run).name]
    assert_stored_lists_are_exact(visible=4)


@pytest.mark.parametrize("change", ["visa rules", "skill relation", "day"])
def test_a_snapshot_read_in_another_context_is_not_carried_over(
    market, settings, django_capture_on_commit_callbacks, monkeypatch, change
):
    """Facts depend on what no change record announces: then the state is read afresh."""
    _edit(market, 1)
    matching_changes_apply()
    if change == "visa rules":
        with django_capture_on_commit_callbacks(execute=True):
            visa_rules_changed()
    elif change == "skill relation":
        skills = market["skills"]
        SkillRelation.objects.create(
            skill=skills[0], related_skill=skills[1], kind=RelationKind.values[0], credit=0.5
        )
    else:
        tomorrow = timezone.localdate() + timedelta(days=1)
        monkeypatch.setattr(facts.timezone, "localdate", lambda: tomorrow)
    run = _new_run(django_capture_on_commit_callbacks)
    read_all = []
    real = changes.graduate_facts
    monkeypatch.setattr(changes, "graduate_facts", lambda **kw: read_all.append(kw) or real(**kw))
    _edit(market, 2)
    assert matching_changes_apply().applied == 1
    assert any(kw.get("ids") is None for kw in read_all)  # built from every graduate
    assert snapshots.live_snapshot_load(run=run) is not None
    assert_stored_lists_are_exact(visible=4)


def test_an_unreadable_snapshot_is_ignored_and_rebuilt(market, settings):
    _edit(market, 1)
    matching_changes_apply()
    run = MatchRun.objects.get(is_current=True)
    snapshots._path(run).write_bytes(b"not a pickle")
    changes._live = None
    _edit(market, 2)
    assert matching_changes_apply().applied == 1
    assert snapshots.live_snapshot_load(run=run) is not None  # written again
    assert_stored_lists_are_exact(visible=4)


def test_a_snapshot_others_could_have_written_is_never_loaded(market, settings, caplog):
    _edit(market, 1)
    matching_changes_apply()
    run = MatchRun.objects.get(is_current=True)
    os.chmod(settings.MATCHING_STATE_DIR, 0o777)  # noqa: S103 (e.g. a shared /tmp folder)
    assert snapshots.live_snapshot_load(run=run) is None
    assert "another user could write" in caplog.text


def test_a_long_catch_up_leaves_a_fresher_snapshot(market, settings, monkeypatch):
    _edit(market, 1)
    matching_changes_apply()
    run = MatchRun.objects.get(is_current=True)
    first = snapshots.live_snapshot_load(run=run).facts_at
    monkeypatch.setattr(changes, "SNAPSHOT_REFRESH_AFTER", 2)
    changes._live = None
    for n in (2, 3, 4):
        _edit(market, n)
    matching_changes_apply()  # loads the snapshot and catches up on 4 entities: keeps a new one
    assert snapshots.live_snapshot_load(run=run).facts_at > first
    changes._live = None
    _edit(market, 5)
    assert matching_changes_apply().applied == 1
    assert_stored_lists_are_exact(visible=4)


def test_a_state_built_in_chunks_of_graduates_is_exact(market, monkeypatch):
    monkeypatch.setattr(changes, "BUILD_CHUNK", 7)  # 30 graduates: five chunks, the last short
    for n in (1, 2, 3):
        _edit(market, n)
    assert matching_changes_apply().applied == 3
    assert changes._live.state.grads.size == 30
    assert_stored_lists_are_exact(visible=4)


def test_a_loaded_snapshot_reads_only_the_lists_written_after_its_version(market, monkeypatch):
    _edit(market, 1)
    first = matching_changes_apply()  # builds (a snapshot of the version before it), stores
    _edit(market, 2)
    second = matching_changes_apply()
    changes._live = None
    real, read = changes.stored_lists, []

    def counting(**kwargs):
        stored = real(**kwargs)
        read.extend((kwargs.get("after_version"), owner) for owner in stored.owner_ids)
        return stored

    monkeypatch.setattr(changes, "stored_lists", counting)
    _edit(market, 3)
    assert matching_changes_apply().applied == 1
    written = sum(r.graduate_lists + r.posting_lists for r in (first, second))
    assert 0 < len(read) <= written < 40  # only what the two updates wrote, not all 40 lists
    assert all(after is not None for after, _owner in read)
    assert_stored_lists_are_exact(visible=4)


def test_a_full_runs_block_lets_the_state_go_and_the_next_update_loads_the_snapshot(
    market, settings, django_capture_on_commit_callbacks, no_full_read, monkeypatch
):
    _edit(market, 1)
    matching_changes_apply()
    held = []
    real = runs.engine.full_run
    monkeypatch.setattr(runs.engine, "full_run", lambda *a: held.append(changes._live) or real(*a))
    with django_capture_on_commit_callbacks(execute=True):
        match_run_request()
    assert held and all(state is None for state in held)  # no block computed beside a state
    _edit(market, 2)
    no_full_read()  # the new run's state carries over from the snapshot
    assert matching_changes_apply().applied >= 1
    assert_stored_lists_are_exact(visible=4)
