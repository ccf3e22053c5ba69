import hashlib
import io
from pathlib import Path

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin

from training.csv_format import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from training.forms import CourseImportForm
from training.models import Course, CourseSkill, SponsorshipInterest, TrainingProvider
from training.services import ImportReport, course_import_csv

SAMPLE_CSV = Path(__file__).resolve().parent / "data" / "courses-sample.csv"

SESSION_KEY = "training_course_import"


class CourseInline(admin.TabularInline):
    model = Course
    extra = 0
    fields = ["title_en", "kind", "mode", "start_date", "hours", "funding", "is_active"]
    show_change_link = True


@admin.register(TrainingProvider)
class TrainingProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "city"]
    inlines = [CourseInline]


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    extra = 1
    autocomplete_fields = ["skill"]


@admin.register(Course)
class CourseAdmin(TranslationAdmin):  # a title field per language (translation.py)
    list_display = [
        "title",
        "provider",
        "kind",
        "mode",
        "country",
        "start_date",
        "hours",
        "cost_usd",
        "funding",
        "is_active",
    ]
    list_filter = ["kind", "mode", "funding", "degree_level", "country", "language", "is_active"]
    search_fields = [
        "title_en", "title_ko", "title_vi", "title_ind", "title_th",
        "provider__name", "description", "skills__skill__name",
    ]  # fmt: skip
    autocomplete_fields = ["provider"]
    list_select_related = ["provider"]
    date_hierarchy = "start_date"
    inlines = [CourseSkillInline]
    change_list_template = "training/admin_course_change_list.html"
    fieldsets = [
        (None, {"fields": ["provider", "title", "kind", "description", "is_active"]}),
        (
            "Where and when",
            {"fields": ["mode", "country", "city", "language", "start_date", "end_date", "intake"]},
        ),
        ("Hours and cost", {"fields": ["hours", "cost_usd", "funding"]}),
        (
            "Level and eligibility",
            {
                "fields": [
                    "topik_target",
                    "degree_level",
                    "field_of_study",
                    "entry_requirements",
                    "eligibility",
                    "eligible_nationalities",
                    "max_age",
                    "url",
                ]
            },
        ),
    ]

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="training_course_import_csv",
            ),
            path(
                "import-csv/sample.csv",
                self.admin_site.admin_view(self.import_csv_sample_view),
                name="training_course_import_csv_sample",
            ),
        ]
        return extra + super().get_urls()

    def import_csv_sample_view(self, request: HttpRequest) -> HttpResponse:
        """The sample file of the documented format, to start a sheet from."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        response = HttpResponse(SAMPLE_CSV.read_bytes(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="courses-sample.csv"'
        return response

    def import_csv_view(self, request: HttpRequest) -> HttpResponse:
        """Upload -> dry run with the full report -> confirm -> import (all or nothing). The
        checked file waits in the session, keyed by its digest, between the two steps."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = CourseImportForm()
        report: ImportReport | None = None
        digest = ""
        if request.method == "POST" and "confirm" in request.POST:
            stored = request.session.get(SESSION_KEY) or {}
            if stored.get("digest") != request.POST.get("digest"):
                messages.error(request, _("Upload the file again: the checked file has expired."))
                return redirect("admin:training_course_import_csv")
            report = course_import_csv(file=io.StringIO(stored["text"]), dry_run=False)
            if report.imported:
                del request.session[SESSION_KEY]
                messages.success(
                    request,
                    _("Imported: %(created)d course(s) created, %(updated)d updated.")
                    % {"created": report.created, "updated": report.updated},
                )
                return redirect("admin:training_course_changelist")
        elif request.method == "POST":
            form = CourseImportForm(request.POST, request.FILES)
            if form.is_valid():
                raw = form.cleaned_data["file"].read()
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    form.add_error("file", _("The file is not UTF-8 text."))
                else:
                    report = course_import_csv(file=io.StringIO(text), dry_run=True)
                    if report.ok:
                        digest = hashlib.sha256(text.encode()).hexdigest()
                        request.session[SESSION_KEY] = {"digest": digest, "text": text}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import courses from CSV"),
            "form": form,
            "report": report,
            "digest": digest,
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
        }
        return render(request, "training/admin_course_import.html", context)


@admin.register(CourseSkill)
class CourseSkillAdmin(admin.ModelAdmin):
    list_display = ["course", "skill", "level_reached"]
    search_fields = ["course__title", "skill__name"]
    autocomplete_fields = ["course", "skill"]
    list_select_related = ["course__provider", "skill"]


@admin.register(SponsorshipInterest)
class SponsorshipInterestAdmin(admin.ModelAdmin):
    """Employers' offers to fund training: staff follow them up with the providers."""

    list_display = ["created_at", "employer", "posting", "course", "skill", "created_by"]
    list_filter = ["created_at", "employer"]
    search_fields = ["employer__name", "posting__title", "course__title", "skill__name", "note"]
    list_select_related = ["employer", "posting", "course", "skill", "created_by"]
    readonly_fields = ["employer", "posting", "course", "skill", "note", "created_by", "created_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
