from django.contrib import admin

from matching.models import MatchResult, MatchRun


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "created_at",
        "finished_at",
        "graduates_count",
        "postings_count",
        "results_count",
        "duration_ms",
    ]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in MatchRun._meta.fields]


@admin.register(MatchResult)
class MatchResultAdmin(admin.ModelAdmin):
    list_display = [
        "run",
        "graduate",
        "posting",
        "score",
        "fit",
        "preference",
        "rank_for_graduate",
        "rank_for_posting",
    ]
    list_filter = ["run"]
    search_fields = ["graduate__user__email", "posting__title"]
    raw_id_fields = ["run", "graduate", "posting"]
    list_select_related = ["graduate__user", "posting__employer", "run"]
