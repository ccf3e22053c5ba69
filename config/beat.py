"""The periodic tasks (Celery beat), by name: settings.CELERY_BEAT_SCHEDULE. Synced into
django-celery-beat's tables at beat start; staff can edit the timing in the admin. Times are in
CELERY_TIMEZONE (Asia/Seoul)."""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "worker-heartbeat": {"task": "core.tasks.worker_heartbeat_task", "schedule": 60.0},
    "webhooks-sweep": {"task": "webhooks.tasks.webhook_deliveries_sweep_task", "schedule": 60.0},
    "matching-nightly-full-run": {
        "task": "matching.tasks.matching_nightly_run_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "matching-sweep-outbox": {
        "task": "matching.tasks.matching_apply_changes_task",
        "schedule": 60.0,
    },
    # Every hour, and so a few minutes after midnight (the facts' key names the day).
    "matching-posting-facts-warm": {
        "task": "matching.tasks.matching_posting_facts_warm_task",
        "schedule": crontab(minute=3),
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
    "jobs-saved-search-alerts-daily": {
        "task": "jobs.tasks.saved_search_alerts_daily_task",
        "schedule": crontab(hour=8, minute=10),
    },
    "jobs-saved-search-alerts-weekly": {
        "task": "jobs.tasks.saved_search_alerts_weekly_task",
        "schedule": crontab(hour=8, minute=20, day_of_week=1),
    },
    "analytics-skills-summary": {
        "task": "analytics.tasks.skills_summary_task",
        "schedule": crontab(hour=2, minute=30),
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
            ("core-idempotent-requests-prune", "core.tasks.idempotent_requests_prune_task", 35),
        )
    },
}
