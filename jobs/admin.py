from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.admin import AuditedViewsMixin
from jobs.models import (
    Application,
    ApplicationStatusChange,
    JobPosting,
    PostingSkill,
    SavedJob,
    SavedSearch,
    SavedSearchAlert,
)
from jobs.services import posting_touch, saved_search_update


class PostingSkillInline(admin.TabularInline):
    model = PostingSkill
    extra = 1
    autocomplete_fields = ["skill"]


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "employer",
        "status",
        "location",
        "job_type",
        "salary_min_krw",
        "salary_max_krw",
        "min_topik",
        "visa_sponsorship",
        "published_at",
    ]
    list_filter = [
        "status",
        "region",
        "job_type",
        "visa_sponsorship",
        "is_eps_job",
        "employer__industry",
    ]
    search_fields = ["title", "employer__name", "city", "isco_code", "e7_code"]
    autocomplete_fields = ["employer"]
    filter_horizontal = ["accepted_fields"]
    list_select_related = ["employer"]
    date_hierarchy = "published_at"
    inlines = [PostingSkillInline]

    @admin.display(description=_("Location"), ordering="region")
    def location(self, obj: JobPosting) -> str:
        return obj.location

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        posting_touch(posting=form.instance)


class StatusChangeInline(admin.TabularInline):
    """History is append-only: shown, never edited or deleted here."""

    model = ApplicationStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_at", "changed_by", "from_status", "to_status", "note", "message"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(AuditedViewsMixin, admin.ModelAdmin):
    list_display = ["graduate", "posting", "status", "created_at"]
    list_filter = ["status", "posting__employer"]
    search_fields = ["graduate__user__email", "posting__title", "posting__employer__name"]
    raw_id_fields = ["graduate", "posting"]
    list_select_related = ["graduate__user", "posting__employer"]
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [StatusChangeInline]


@admin.register(ApplicationStatusChange)
class ApplicationStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["application", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["application__graduate__user__email", "application__posting__title"]
    list_select_related = ["application__graduate__user", "application__posting", "changed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SavedJob)
class SavedJobAdmin(AuditedViewsMixin, admin.ModelAdmin):
    """The graduate's own list: staff look and may delete, never add or change."""

    list_display = ["graduate", "posting", "created_at"]
    search_fields = ["graduate__user__email", "posting__title"]
    raw_id_fields = ["graduate", "posting"]
    list_select_related = ["graduate__user", "posting"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class SavedSearchAlertInline(admin.TabularInline):
    """The postings the search has told of (never the same twice)."""

    model = SavedSearchAlert
    extra = 0
    can_delete = False
    readonly_fields = ["posting", "alerted_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SavedSearch)
class SavedSearchAdmin(AuditedViewsMixin, admin.ModelAdmin):
    """Staff may rename a search or change its alerts (through the service), never its filters."""

    list_display = ["name", "graduate", "frequency", "alerts_from", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["name", "graduate__user__email"]
    fields = ["graduate", "name", "filters", "frequency", "alerts_from", "created_at"]
    readonly_fields = ["graduate", "filters", "alerts_from", "created_at"]
    list_select_related = ["graduate__user"]
    inlines = [SavedSearchAlertInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SavedSearch, form: Any, change: bool) -> None:
        stored = SavedSearch.objects.get(pk=obj.pk)
        saved_search_update(search=stored, name=obj.name, frequency=obj.frequency)
