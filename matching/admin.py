from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts.http import AuthenticatedHttpRequest
from jobs.models import JobPosting
from matching.models import (
    GoldenGrade,
    GraduateMatchList,
    MatchingChange,
    MatchRun,
    MatchRunBlock,
    PostingMatchList,
    RunStatus,
)
from matching.services import match_run_request, match_run_retry
from profiles.models import GraduateProfile


class MatchRunBlockInline(admin.TabularInline):
    model = MatchRunBlock
    extra = 0
    can_delete = False
    fields = ("number", "first_graduate_id", "last_graduate_id", "done", "claimed_at", "compute_ms")
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
        "progress_at",
    ]
    list_filter = ["kind", "status", "is_current"]
    actions = ["retry_failed"]
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

    def run_now_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
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

    @admin.action(description="Retry the selected failed runs where they stopped")
    def retry_failed(self, request: HttpRequest, queryset: Any) -> None:
        failed = list(queryset.filter(status=RunStatus.FAILED))
        for run in failed:
            match_run_retry(run=run)
        skipped = queryset.count() - len(failed)
        self.message_user(
            request,
            f"{len(failed)} run(s) sent to the workers again"
            + (f"; {skipped} not failed, left alone." if skipped else "."),
            messages.SUCCESS if failed else messages.WARNING,
        )

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Runs are records: nothing on them is edited by hand; starting one needs this permission.
        return obj is None and super().has_change_permission(request, obj)


class _ListAdmin(admin.ModelAdmin):
    """A stored match list, read-only: lists are rewritten by runs, never edited or deleted here.

    The model's __str__ says "1 postings"; these pages title the list with `list_title` instead.
    """

    other_noun: tuple[str, str]  # the other side, singular and plural: ("posting", "postings")
    readonly_fields = ["run", "length", "complete", "updated_at", "entries_table"]
    exclude = ["entries"]
    list_filter = ["complete"]
    change_form_template = "admin/matching/matchlist_change_form.html"
    shown_entries = 100

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def owner_name(self, obj: Any) -> str:
        raise NotImplementedError

    def other_side(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """{id: (name, admin URL)} for the other side's entities, in one query."""
        raise NotImplementedError

    @admin.display(description="Matches", ordering="length")
    def matches(self, obj: GraduateMatchList | PostingMatchList) -> str:
        singular, plural = self.other_noun
        return f"{obj.length} {singular if obj.length == 1 else plural}"

    def list_title(self, obj: GraduateMatchList | PostingMatchList) -> str:
        return f"{self.owner_name(obj)}: {self.matches(obj)} (run {obj.run_id})"

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: GraduateMatchList | PostingMatchList | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["subtitle"] = self.list_title(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="Entries, best first")
    def entries_table(self, obj: GraduateMatchList | PostingMatchList) -> SafeString:
        entries = obj.decoded()
        shown = entries[: self.shown_entries]
        names = self.other_side([int(e["id"]) for e in shown])
        rows = []
        for rank, entry in enumerate(shown, start=1):
            name, url = names.get(int(entry["id"]), (f"#{int(entry['id'])} (deleted)", ""))
            link = format_html('<a href="{}">{}</a>', url, name) if url else name
            fit, pref = f"{entry['fit']:.3f}", f"{entry['pref']:.3f}"
            rows.append((rank, link, f"{entry['score']:.3f}", fit, pref))
        more = len(entries) - len(shown)
        return format_html(
            "<table><thead><tr><th>Rank</th><th>{}</th><th>Score</th><th>Fit</th>"
            "<th>Preference</th></tr></thead><tbody>{}</tbody></table>{}",
            self.other_noun[0].capitalize(),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                rows,
            ),
            format_html("<p>… and {} more</p>", more) if more > 0 else "",
        )


@admin.register(GraduateMatchList)
class GraduateMatchListAdmin(_ListAdmin):
    other_noun = ("posting", "postings")
    list_display = ["owner_name", "matches", "run", "complete", "updated_at"]
    search_fields = ["graduate__user__full_name", "graduate__user__email"]
    list_select_related = ["graduate__user", "run"]
    readonly_fields = ["graduate", *_ListAdmin.readonly_fields]

    @admin.display(description="Graduate", ordering="graduate__user__full_name")
    def owner_name(self, obj: GraduateMatchList) -> str:
        return obj.graduate.user.get_full_name()

    def other_side(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        postings = JobPosting.objects.filter(pk__in=ids).select_related("employer")
        return {
            p.pk: (
                f"{p.title} — {p.employer.name}",
                reverse("admin:jobs_jobposting_change", args=[p.pk]),
            )
            for p in postings.only("title", "employer__name")
        }


@admin.register(PostingMatchList)
class PostingMatchListAdmin(_ListAdmin):
    other_noun = ("graduate", "graduates")
    list_display = ["owner_name", "matches", "run", "complete", "updated_at"]
    search_fields = ["posting__title", "posting__employer__name"]
    list_select_related = ["posting__employer", "run"]
    readonly_fields = ["posting", *_ListAdmin.readonly_fields]

    @admin.display(description="Posting", ordering="posting__title")
    def owner_name(self, obj: PostingMatchList) -> str:
        return str(obj.posting)

    def other_side(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        graduates = GraduateProfile.objects.filter(pk__in=ids).select_related("user")
        return {
            g.pk: (
                g.user.get_full_name(),
                reverse("admin:profiles_graduateprofile_change", args=[g.pk]),
            )
            for g in graduates.only("user__full_name", "user__email")
        }


@admin.register(MatchingChange)
class MatchingChangeAdmin(admin.ModelAdmin):
    list_display = ["kind", "entity_id", "requested_at", "applied_at"]
    list_filter = ["kind"]
    search_fields = ["entity_id"]
    readonly_fields = ["kind", "entity_id", "requested_at", "applied_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(GoldenGrade)
class GoldenGradeAdmin(admin.ModelAdmin):
    """The golden set, to read and filter; grades are given on the staff grading pages, where
    the candidates are shown without their scores."""

    list_display = ["posting", "graduate", "grade", "grader", "source", "updated_at"]
    list_filter = ["source", "grade", "grader", ("posting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["posting__title", "graduate__user__email", "grader__email", "note"]
    list_select_related = ["posting__employer", "graduate__user", "grader"]
    readonly_fields = [
        "posting", "graduate", "grader", "grade", "note", "source", "created_at", "updated_at",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
