from django.apps import AppConfig

from core.changes import change_listener_add


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        # Edits below matching announce what they change (core.changes); matching records each
        # announcement in its outbox, in the edit's transaction, and re-scores after commit.
        # (Services import models, which load only once the app registry is ready.)
        from matching.services import matching_change_record

        change_listener_add(matching_change_record)
