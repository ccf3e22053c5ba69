from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from employers.models import Employer, EmployerMember, VerificationStatus
from employers.services import (
    employer_postings_touch,
    employer_set_verification,
    employer_stamp_verification,
)


class MemberInline(admin.TabularInline):
    model = EmployerMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_ko",
        "business_registration_number",
        "industry",
        "size_class",
        "region",
        "verification_status",
        "verified_at",
    ]
    list_filter = ["verification_status", "industry", "size_class", "region"]
    search_fields = ["name", "name_ko", "business_registration_number"]
    readonly_fields = ["verified_by", "verified_at", "created_at", "updated_at"]
    inlines = [MemberInline]
    actions = ["verify_selected", "reject_selected"]
    fieldsets = (
        (None, {"fields": ("name", "name_ko", "business_registration_number")}),
        (
            "Company",
            {"fields": ("industry", "size_class", "region", "address", "website", "description")},
        ),
        (
            "Verification",
            {"fields": ("verification_status", "verification_note", "verified_by", "verified_at")},
        ),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Employer, form: object, change: bool) -> None:
        if "verification_status" in getattr(form, "changed_data", []):
            employer_stamp_verification(
                employer=obj, status=obj.verification_status, by=request.user
            )
        super().save_model(request, obj, form, change)
        if "verification_status" in getattr(form, "changed_data", []):
            employer_postings_touch(employer=obj)

    def _set(self, request: HttpRequest, queryset: QuerySet[Employer], status: str) -> None:
        for employer in queryset:
            employer_set_verification(employer=employer, status=status, by=request.user, note="")
        self.message_user(request, f"{queryset.count()} employer(s) updated.", messages.SUCCESS)

    @admin.action(description="Verify selected employers")
    def verify_selected(self, request: HttpRequest, queryset: QuerySet[Employer]) -> None:
        self._set(request, queryset, VerificationStatus.VERIFIED)

    @admin.action(description="Reject selected employers")
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[Employer]) -> None:
        self._set(request, queryset, VerificationStatus.REJECTED)


@admin.register(EmployerMember)
class EmployerMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "employer", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "employer__name"]
    raw_id_fields = ["user", "employer"]
    list_select_related = ["user", "employer"]
