"""Live states kept on disk, so a process that needs one loads it instead of reading every
graduate and posting again (16 s at 100,000 x 10,000 here; loading one takes about a second).

A snapshot holds a LiveState (facts and lists) for one run, the moment its facts were read, the
version of the run's results its lists belong to, and the context its facts were read in
(facts_context: the day, the visa rules' version, the language skills' ids). A process that
loads it sets again the facts of every entity whose change was recorded since (a minute's margin
covers clock skew between machines and transactions that committed late), and puts back the
stored lists a later version wrote: the result is what a fresh build would give. A new run's
state starts from the previous run's snapshot in the same way while its context is still today's
(matching.services.changes). Snapshots live on the local disk (MATCHING_STATE_DIR), one per
database and run; a snapshot that cannot be read is ignored and the state is built afresh.
"""

import logging
import os
import pickle
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection

from matching.live import LiveState
from matching.models import MatchRun

logger = logging.getLogger(__name__)

CATCH_UP_MARGIN = timedelta(minutes=1)
# Raised whenever what a LiveState holds changes shape: snapshots of another format are ignored.
SNAPSHOT_FORMAT = 5


@dataclass
class LiveSnapshot:
    run_id: int
    run_created_at: datetime
    facts_at: datetime  # the facts were read at this moment or later
    results_version: int  # the lists are those of this version of the run's results
    state: LiveState
    context: tuple[object, ...] | None = None  # facts_context() before the facts were read
    format: int = SNAPSHOT_FORMAT


def _directory() -> Path:
    return Path(settings.MATCHING_STATE_DIR)


def _prefix() -> str:
    name = str(connection.settings_dict["NAME"])
    return "".join(c if c.isalnum() else "-" for c in Path(name).name) + "-run-"


def _path(run: MatchRun) -> Path:
    return _directory() / f"{_prefix()}{run.pk}.pickle"


def live_snapshot_save(
    *,
    run: MatchRun,
    state: LiveState,
    facts_at: datetime,
    results_version: int,
    context: tuple[object, ...] | None,
) -> None:
    """Write the state's snapshot for `run` (atomically) and remove older runs' snapshots."""
    directory = _directory()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = _path(run)
        partial = target.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as out:
            snapshot = LiveSnapshot(
                run.pk, run.created_at, facts_at, results_version, state, context
            )
            pickle.dump(snapshot, out, protocol=5)
        os.replace(partial, target)
        for old in directory.glob(f"{_prefix()}*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a full or read-only disk only costs the next process a rebuild
        logger.warning("could not keep the matching state on disk: %r", exc)


def _ours(path: Path) -> bool:
    """Owned by this process's user and writable by nobody else: no one else could have put a
    pickle there (a pickle can run code when loaded)."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _read(path: Path) -> LiveSnapshot | None:
    """The snapshot in `path`, or None (missing, unreadable, of another format, or in a place
    another user could write to)."""
    try:
        if not (_ours(path.parent) and _ours(path)):
            logger.warning("ignoring a matching state snapshot another user could write: %s", path)
            return None
        with path.open("rb") as source:
            snapshot = pickle.load(source)  # noqa: S301 (our own file, checked by _ours)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
        logger.warning("ignoring an unreadable matching state snapshot: %r", exc)
        return None
    if not isinstance(snapshot, LiveSnapshot) or getattr(snapshot, "format", None) != (
        SNAPSHOT_FORMAT
    ):
        return None
    return snapshot


def live_snapshot_load(*, run: MatchRun) -> LiveSnapshot | None:
    """The snapshot kept for `run`, or None (none kept, another run's, or unreadable)."""
    snapshot = _read(_path(run))
    if snapshot is None or (snapshot.run_id, snapshot.run_created_at) != (run.pk, run.created_at):
        return None
    return snapshot


def live_snapshot_before(*, run: MatchRun) -> LiveSnapshot | None:
    """The snapshot of the run before `run` (the one whose state a new run's can start from),
    or None when the only one kept is `run`'s own or a later run's."""
    try:
        kept = sorted(_directory().glob(f"{_prefix()}*.pickle"), key=os.path.getmtime)
    except OSError:
        return None
    for path in reversed(kept):
        snapshot = _read(path)
        if snapshot is not None:
            return snapshot if snapshot.run_created_at < run.created_at else None
    return None
