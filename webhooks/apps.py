from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # Applications and postings announce their changes (core.changes); jobs cannot import us.
        from core.changes import change_listener_add
        from webhooks.services import webhook_events_from_change

        change_listener_add(webhook_events_from_change)
