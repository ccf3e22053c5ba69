"""Interviews in the admin: staff read them (support); changes go through the employer's and the
graduate's pages, which notify both sides and version the calendar invitation."""

from django.contrib import admin
from django.http import HttpRequest

from accounts.admin import AuditedViewsMixin
from interviews.models import Interview, InterviewSlot


class InterviewSlotInline(admin.TabularInline):
    model = InterviewSlot
    extra = 0
    fields = ["starts_at"]
    readonly_fields = ["starts_at"]
    can_delete = False


@admin.register(Interview)
class InterviewAdmin(AuditedViewsMixin, admin.ModelAdmin):
    list_display = ["application", "status", "mode", "booked_slot", "sequence", "created_at"]
    list_filter = ["status", "mode"]
    search_fields = [
        "application__graduate__user__email",
        "application__posting__title",
        "application__posting__employer__name",
    ]
    list_select_related = [
        "application__graduate__user",
        "application__posting",
        "booked_slot",
    ]
    readonly_fields = [
        "application", "uid", "status", "mode", "video_link", "place", "duration_minutes",
        "note", "sequence", "booked_slot", "cancelled_by", "cancel_reason", "created_by",
        "created_at", "updated_at",
    ]  # fmt: skip
    inlines = [InterviewSlotInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
