from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_deliveries_resend


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin[WebhookEndpoint]):
    list_display = ["url", "employer", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "employer__name"]
    readonly_fields = ["created_by", "created_at"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ["event", "event_id", "endpoint", "status", "attempts", "last_status_code"]
    list_filter = ["status", "event"]
    search_fields = ["event_id", "endpoint__url"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["redeliver"]

    @admin.action(description="Deliver again (same event id)")
    def redeliver(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        webhook_deliveries_resend(deliveries=list(queryset))
        messages.success(request, f"{queryset.count()} deliveries sent again.")
