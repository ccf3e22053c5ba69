from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Jobs and applications"

    def ready(self) -> None:
        # Cache invalidation, not domain flow: every write to postings, their skills and their
        # companies (services, admin, shell, factories) renews the public catalogue's version,
        # so the searches kept under it are read again.
        from jobs.services import public_postings_changed

        for label in ("jobs.JobPosting", "jobs.PostingSkill", "employers.Employer"):
            uid = f"public-postings-changed-{label}"
            post_save.connect(public_postings_changed, sender=label, dispatch_uid=uid)
            post_delete.connect(public_postings_changed, sender=label, dispatch_uid=uid)
