"""Writes for matching: full runs (in blocks, on any number of workers), incremental updates.

- `reconcile`: the reconciler that sends again what a lost message or a dead worker left undone
  in a run, fails runs that stopped moving, and retries failed runs for staff.
- `runs`: full runs. A snapshot is scored in blocks (one Celery task each), the postings' partial
  lists are merged, everything is written in bulk and the new run becomes current in one
  transaction: readers see the old lists or the new ones, never a mixture.
- `changes`: incremental updates. Edits are recorded in the MatchingChange outbox and applied to
  the current run's lists by one queued job at a time; edits made during a full run are applied
  again to the new run after the swap.
- `snapshots`: the incremental state kept on disk, so a new process loads it instead of reading
  every graduate and posting again.
- `storage`: how lists are packed into rows, written (COPY on PostgreSQL) and read back.
- `digests`: the daily or weekly e-mail that tells graduates of new postings that match them.
- `outcomes`: logging the ranked lists users were shown and the job pages graduates opened, and
  pruning both after the retention period (the replay reads them with what jobs records).
- `warming`: keeping every public posting's matching facts in the shared cache for the pages.
- `golden`: staff graders' 0-3 grades of a posting's candidates, the set the engine is measured
  against.

Callers import from here (`from matching.services import match_run_request`).
"""

from matching.services.changes import (
    APPLY_QUEUED_KEY,
    ApplyResult,
    matching_change_record,
    matching_changes_apply,
    matching_live_warm,
)
from matching.services.digests import match_digests_send, match_digests_send_for
from matching.services.golden import (
    NOTE_MAX_LENGTH,
    GradeEntry,
    golden_grade_record,
    golden_grades_record,
)
from matching.services.outcomes import (
    impression_record,
    impressions_prune,
    impressions_record_many,
    outcome_record,
)
from matching.services.reconcile import (
    RESEND_AFTER,
    RunWork,
    match_run_fail,
    match_run_retry,
    match_runs_reconcile,
)
from matching.services.runs import (
    match_run_block,
    match_run_finish,
    match_run_request,
    match_run_start,
)
from matching.services.storage import (
    HEADROOM,
    ListModel,
    ListRow,
    copy_list_rows,
    list_capacity,
    list_rows,
    lists_insert,
    lists_upsert,
    update_list_rows,
)
from matching.services.warming import public_posting_facts_warm

__all__ = [
    "APPLY_QUEUED_KEY",
    "HEADROOM",
    "NOTE_MAX_LENGTH",
    "RESEND_AFTER",
    "ApplyResult",
    "GradeEntry",
    "ListModel",
    "ListRow",
    "RunWork",
    "copy_list_rows",
    "golden_grade_record",
    "golden_grades_record",
    "impression_record",
    "impressions_prune",
    "impressions_record_many",
    "list_capacity",
    "list_rows",
    "lists_insert",
    "lists_upsert",
    "match_digests_send",
    "match_digests_send_for",
    "match_run_block",
    "match_run_fail",
    "match_run_finish",
    "match_run_request",
    "match_run_retry",
    "match_run_start",
    "match_runs_reconcile",
    "matching_change_record",
    "matching_changes_apply",
    "matching_live_warm",
    "outcome_record",
    "public_posting_facts_warm",
    "update_list_rows",
]
