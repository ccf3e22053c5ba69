"""End-to-end figures on the database as it is (load it with `manage.py seed_scale`): a full run
through whatever runs the tasks (real Celery workers when a broker is set), then incremental
edits timed from the commit to the moment both sides' lists hold them.

Worker memory is read from /proc for the `celery worker` processes of this machine (their peak
resident size, VmHWM), so run the workers on the same machine as the benchmark.
"""

import statistics
import time
from pathlib import Path
from typing import Any

from celery import current_app
from django.db import transaction

from jobs.models import JobPosting, PostingSkill
from jobs.services import posting_skills_set
from matching.models import MatchingChange, MatchRun, RunStatus
from matching.services import match_run_request
from profiles.models import GraduateProfile, GraduateSkill
from profiles.services import graduate_skills_set


def _wait(predicate: Any, timeout: float) -> float:
    started = time.perf_counter()
    while not predicate():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"not done after {timeout:.0f} s")
        time.sleep(0.005)
    return time.perf_counter() - started


def worker_peak_memory_mb() -> dict[str, int]:
    """Peak resident memory (VmHWM) of each `celery ... worker` process on this machine, in MB."""
    peaks: dict[str, int] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if "celery" not in cmdline or " worker" not in cmdline:
                continue
            status = (proc / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks[proc.name] = int(line.split()[1]) // 1024
    return peaks


def full_run(timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    with transaction.atomic():
        run = match_run_request()
    _wait(lambda: MatchRun.objects.get(pk=run.pk).status != RunStatus.PENDING, timeout)
    _wait(
        lambda: MatchRun.objects.get(pk=run.pk).status in {RunStatus.SUCCEEDED, RunStatus.FAILED},
        timeout,
    )
    wall = time.perf_counter() - started
    run.refresh_from_db()
    if run.status != RunStatus.SUCCEEDED:
        raise RuntimeError(f"run #{run.pk} failed: {run.error}")
    return {
        "run": run.pk,
        "request_to_current_s": round(wall, 2),
        "run_duration_s": round((run.duration_ms or 0) / 1000, 2),
        "blocks": run.blocks_total,
        "compute_s_summed_over_blocks": round((run.compute_ms or 0) / 1000, 2),
        "merge_and_write_s": round((run.write_ms or 0) / 1000, 2),
        "graduates": run.graduates_count,
        "postings": run.postings_count,
        "list_entries": run.results_count,
    }


def _applied(kind: str, entity_id: int, after: Any) -> bool:
    change = MatchingChange.objects.filter(kind=kind, entity_id=entity_id).first()
    return change is not None and change.applied_at is not None and change.applied_at >= after


def _time_edit(kind: str, entity_id: int, edit: Any, timeout: float) -> float:
    with transaction.atomic():
        edit()
    requested = MatchingChange.objects.get(kind=kind, entity_id=entity_id).requested_at
    return _wait(lambda: _applied(kind, entity_id, requested), timeout)


def _graduate_edit(profile: GraduateProfile, n: int) -> Any:
    levels = dict(GraduateSkill.objects.filter(profile=profile).values_list("skill_id", "level"))
    first = min(levels)
    levels[first] = 1 + (levels[first] + n) % 5
    return lambda: graduate_skills_set(profile=profile, levels=levels)


def _posting_edit(posting: JobPosting, n: int) -> Any:
    rows = [
        (s.skill_id, s.requirement, s.min_level, s.weight)
        for s in PostingSkill.objects.filter(posting=posting).order_by("skill_id")
    ]
    skill, requirement, level, weight = rows[0]
    rows[0] = (skill, requirement, 1 + (level + n) % 5, weight)
    return lambda: posting_skills_set(posting=posting, skills=rows)


def _latencies(kind: str, entities: list[Any], make_edit: Any, timeout: float) -> dict[str, Any]:
    times = [
        _time_edit(kind, e.pk, make_edit(e, n), timeout) * 1000 for n, e in enumerate(entities)
    ]
    cold, warm = times[0], sorted(times[1:])
    return {
        "cold_ms": round(cold, 1),
        "warm_p50_ms": round(statistics.median(warm), 1) if warm else None,
        "warm_p95_ms": round(warm[int(0.95 * (len(warm) - 1))], 1) if warm else None,
        "n": len(times),
    }


def _state_in_a_new_process() -> dict[str, Any]:
    """What a worker process that never held the state pays to get it (this process plays it):
    loading the snapshot kept on this machine and catching up, or reading everything."""
    from matching.services import changes
    from matching.services.snapshots import live_snapshot_load

    run = MatchRun.objects.get(is_current=True)
    found = live_snapshot_load(run=run) is not None
    changes._live = None
    started = time.perf_counter()
    changes.matching_live_warm()
    return {"snapshot_found": found, "seconds": round(time.perf_counter() - started, 2)}


def run(*, edits: int = 20, timeout: float = 600.0) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "tasks": "in-process" if current_app.conf.task_always_eager else "celery workers",
        "full_run": full_run(timeout),
    }
    graduates = list(GraduateProfile.objects.filter(skills__isnull=False).distinct()[:edits])
    postings = list(JobPosting.objects.filter(skills__isnull=False).distinct()[:edits])
    figures["graduate_edit"] = _latencies("graduate", graduates, _graduate_edit, timeout)
    figures["posting_edit"] = _latencies("posting", postings, _posting_edit, timeout)
    figures["state_in_a_new_process"] = _state_in_a_new_process()
    peaks = worker_peak_memory_mb()
    figures["worker_peak_rss_mb"] = {"processes": peaks, "total": sum(peaks.values())}
    return figures
