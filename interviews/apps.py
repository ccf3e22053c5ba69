from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self) -> None:
        # An application that closes cancels its interview (core.changes: jobs cannot import us).
        from core.changes import change_listener_add
        from interviews.services.scheduling import interviews_close_for_application

        change_listener_add(interviews_close_for_application)
