"""Conversations in the admin: for staff who must look into a complaint. Read-only: messages are
written by the graduate and the company, never by staff."""

from django.contrib import admin
from django.http import HttpRequest

from conversations.models import Conversation, Message


class MessageInline(admin.TabularInline):
    model = Message
    fields = ("created_at", "kind", "author", "author_is_graduate", "body", "attachment_name")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "application", "invitation", "last_message_at", "contact_shared_at"]
    list_select_related = ["application__posting", "invitation__posting"]
    readonly_fields = ["application", "invitation", "contact_shared_at", "last_message_at"]
    inlines = [MessageInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
