"""The periodic tasks (Celery beat) and when each runs, read by config/settings.py.

Synced into django-celery-beat's tables at beat start; staff can edit the timing in the admin.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.tasks.worker_heartbeat_task", "schedule": 60.0},
    "matching-nightly-full-run": {
        "task": "matching.tasks.matching_nightly_run_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "matching-sweep-outbox": {
        "task": "matching.tasks.matching_apply_changes_task",
        "schedule": 60.0,
    },
    "matching-sweep-runs": {"task": "matching.tasks.matching_sweep_runs_task", "schedule": 60.0},
    "interview-reminders": {"task": "interviews.tasks.interview_remind_task", "schedule": 300.0},
    "notifications-send-due-emails": {
        "task": "notifications.tasks.notify_send_due_emails_task",
        "schedule": 60.0,
    },
    "notifications-match-digests": {
        "task": "matching.tasks.matching_digests_send_task",
        "schedule": crontab(hour=8, minute=0),
    },
    "matching-impressions-prune": {
        "task": "matching.tasks.matching_impressions_prune_task",
        "schedule": crontab(hour=4, minute=30),
    },
    # The retention schedule (RETENTION_DAYS in config/security.py).
    **{
        name: {"task": task, "schedule": crontab(hour=4, minute=minute)}
        for name, task, minute in (
            ("accounts-prune", "accounts.tasks.accounts_prune_task", 40),
            ("notifications-prune", "notifications.tasks.notifications_prune_task", 45),
            ("employers-prune", "employers.tasks.candidate_accesses_prune_task", 50),
            ("jobs-forget-closed", "jobs.tasks.closed_applicants_forget_task", 55),
        )
    },
}
