from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training and degree pathways"

    def ready(self) -> None:
        # Cache invalidation, not domain flow: every write to courses, their skills and their
        # providers (admin, the CSV import, shell, factories) renews the catalogue's version,
        # so the courses kept per skill are read again.
        from training.models import Course, CourseSkill, TrainingProvider
        from training.services import course_catalogue_changed

        for model in (Course, CourseSkill, TrainingProvider):
            uid = f"course-catalogue-changed-{model.__name__}"
            post_save.connect(course_catalogue_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(course_catalogue_changed, sender=model, dispatch_uid=uid)
