from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = "Skill taxonomy"

    def ready(self) -> None:
        # Cache invalidation, not domain flow: every write to skills, their aliases and their
        # relations (admin, taxonomy_load, shell, factories) makes the processes read the
        # taxonomy again, and searches look their skills up again.
        from skills.models import Skill, SkillAlias, SkillRelation
        from skills.services import taxonomy_changed

        for model in (Skill, SkillAlias, SkillRelation):
            uid = f"taxonomy-changed-{model.__name__}"
            post_save.connect(taxonomy_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(taxonomy_changed, sender=model, dispatch_uid=uid)
