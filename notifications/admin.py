from django.contrib import admin

from notifications.models import EmailDelivery, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "key"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["to_email", "template", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to_email", "key"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "sent_at", "failed_at"]
