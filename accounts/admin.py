import logging
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from accounts.models import User

audit = logging.getLogger("talentbridge.audit")  # ids only: no name or address


class AuditedViewsMixin:
    """For the admin of tables with personal data: every staff opening of a record is on the
    audit record (who, which table, which row)."""

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        audit.info(
            "staff %s opened %s %s in the admin",
            request.user.pk,
            self.model._meta.label,  # type: ignore[attr-defined]
            object_id,
        )
        return super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]


@admin.register(User)
class UserAdmin(AuditedViewsMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_active", "is_staff", "date_joined"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "role")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "password1", "password2"),
            },
        ),
    )
