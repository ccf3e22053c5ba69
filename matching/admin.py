from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.utils.html import format_html_join

from matching.models import (
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    MatchRunBlock,
    PostingMatchList,
)
from matching.services import match_run_request


class MatchRunBlockInline(admin.TabularInline):
    model = MatchRunBlock
    extra = 0
    can_delete = False
    fields = ["number", "first_graduate_id", "last_graduate_id", "done", "compute_ms"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "is_current",
        "progress_percent",
        "created_at",
        "finished_at",
        "graduates_count",
        "postings_count",
        "results_count",
        "duration_ms",
    ]
    list_filter = ["kind", "status", "is_current"]
    readonly_fields = [f.name for f in MatchRun._meta.fields]
    inlines = [MatchRunBlockInline]
    change_list_template = "admin/matching/matchrun/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        run_now = path(
            "run-now/",
            self.admin_site.admin_view(self.run_now_view),
            name="matching_matchrun_run_now",
        )
        return [run_now, *super().get_urls()]

    def run_now_view(self, request: HttpRequest) -> HttpResponse:
        """Start a full recompute (POST only; staff who may change runs)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request) and not request.user.is_superuser:
            raise PermissionDenied
        run = match_run_request(requested_by=request.user)
        self.message_user(
            request,
            f"Run #{run.pk} is queued on the matching workers; this page shows its progress.",
            messages.SUCCESS,
        )
        return redirect("admin:matching_matchrun_changelist")

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Runs are records: nothing on them is edited by hand; starting one needs this permission.
        return obj is None and super().has_change_permission(request, obj)


class _ListAdmin(admin.ModelAdmin):
    list_display = ["__str__", "run", "length", "complete", "updated_at"]
    list_filter = ["complete"]
    readonly_fields = ["run", "length", "complete", "updated_at", "top_entries"]
    exclude = ["entries"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="Best entries (id: score / fit / preference)")
    def top_entries(self, obj: GraduateMatchList | PostingMatchList) -> str:
        return format_html_join(
            "",
            "<div>{}: {} / {} / {}</div>",
            (
                (int(e["id"]), f"{e['score']:.3f}", f"{e['fit']:.3f}", f"{e['pref']:.3f}")
                for e in obj.decoded()[:20]
            ),
        )


@admin.register(GraduateMatchList)
class GraduateMatchListAdmin(_ListAdmin):
    search_fields = ["graduate__user__email"]
    list_select_related = ["graduate__user", "run"]
    readonly_fields = ["graduate", *_ListAdmin.readonly_fields]


@admin.register(PostingMatchList)
class PostingMatchListAdmin(_ListAdmin):
    search_fields = ["posting__title"]
    list_select_related = ["posting__employer", "run"]
    readonly_fields = ["posting", *_ListAdmin.readonly_fields]


@admin.register(MatchingChange)
class MatchingChangeAdmin(admin.ModelAdmin):
    list_display = ["kind", "entity_id", "requested_at", "applied_at"]
    list_filter = ["kind"]
    search_fields = ["entity_id"]
    readonly_fields = ["kind", "entity_id", "requested_at", "applied_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
