from typing import cast

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from employers.models import (
    MAX_LOCATIONS,
    CompanyLocation,
    Employer,
    EmployerMember,
    VerificationStatus,
)
from employers.services import (
    employer_postings_touch,
    employer_set_verification,
    employer_stamp_verification,
)


def _staff(request: HttpRequest) -> User:
    """The signed-in staff member (the admin lets no anonymous visitor in)."""
    return cast(User, request.user)


def _names(names: list[str], *, shown: int = 10) -> str:
    """`A, B, C`, or `A, B, C and 4 more` when the list is long."""
    listed = ", ".join(names[:shown])
    return f"{listed} and {len(names) - shown} more" if len(names) > shown else listed


class LocationInline(admin.TabularInline):
    model = CompanyLocation
    extra = 0
    max_num = MAX_LOCATIONS
    fields = ["position", "city", "region", "label"]


class MemberInline(admin.TabularInline):
    model = EmployerMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    # Status first: this list is where staff work through pending companies. Korean name, size
    # and region stay searchable and filterable; as columns they pushed the table off the screen.
    list_display = [
        "name",
        "verification_status",
        "business_registration_number",
        "industry",
        "verified_at",
    ]
    list_filter = ["verification_status", "industry", "size_class", "region"]
    search_fields = ["name", "name_ko", "business_registration_number"]
    readonly_fields = ["verified_by", "verified_at", "created_at", "updated_at"]
    inlines = [LocationInline, MemberInline]
    actions = ["verify_selected", "reject_selected"]
    fieldsets = (
        (None, {"fields": ("name", "name_ko", "business_registration_number")}),
        (
            "Company",
            {"fields": ("industry", "size_class", "region", "address", "website", "description")},
        ),
        (
            "Support for foreign hires",
            {
                "fields": (
                    "housing_support",
                    "visa_support",
                    "korean_classes",
                    "relocation_support",
                    "support_notes",
                )
            },
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
                employer=obj, status=obj.verification_status, by=_staff(request)
            )
        super().save_model(request, obj, form, change)
        if "verification_status" in getattr(form, "changed_data", []):
            employer_postings_touch(employer=obj)

    def _set(self, request: HttpRequest, queryset: QuerySet[Employer], status: str) -> None:
        """Decide on each selected company through the service, keeping its verification note.

        Companies already in `status` are left alone, so who verified them and when stays true.
        """
        done, unchanged, failed = [], [], []
        for employer in queryset.order_by("name"):
            if employer.verification_status == status:
                unchanged.append(employer.name)
                continue
            try:
                employer_set_verification(
                    employer=employer,
                    status=status,
                    by=_staff(request),
                    note=employer.verification_note,
                )
            except ValidationError as error:
                failed.append(f"{employer.name} ({'; '.join(error.messages)})")
            else:
                done.append(employer.name)
        self._report(request, status, done=done, unchanged=unchanged, failed=failed)

    def _report(
        self,
        request: HttpRequest,
        status: str,
        *,
        done: list[str],
        unchanged: list[str],
        failed: list[str],
    ) -> None:
        label = VerificationStatus(status).label
        parts = []
        if done:
            parts.append(f"{label}: {_names(done)}.")
        if unchanged:
            parts.append(f"Already {str(label).lower()}: {_names(unchanged)}.")
        level = messages.SUCCESS if done else messages.INFO
        if failed:
            parts.append(f"Not changed, the record is invalid: {_names(failed)}.")
            level = messages.WARNING
        self.message_user(request, " ".join(parts), level)

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
