from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from notifications.models import DeliveryStatus, EmailDelivery, Notification
from notifications.services import email_delivery_resend


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "key"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "to_email", "template", "status", "attempts", "next_attempt_at", "created_at", "sent_at",
    ]  # fmt: skip
    list_filter = ["status", "template"]
    search_fields = ["to_email", "key"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "created_at", "sent_at", "failed_at", "attempts", "next_attempt_at", "claimed_until",
        "last_error",
    ]  # fmt: skip
    actions = ["send_again"]

    @admin.action(description="Send the selected failed e-mails again")
    def send_again(self, request: HttpRequest, queryset: Any) -> None:
        failed = list(queryset.filter(status=DeliveryStatus.FAILED))
        for delivery in failed:
            email_delivery_resend(delivery=delivery)
        skipped = queryset.count() - len(failed)
        self.message_user(
            request,
            f"{len(failed)} e-mail(s) queued to send again"
            + (f"; {skipped} not failed, left alone." if skipped else "."),
            messages.SUCCESS if failed else messages.WARNING,
        )
