"""The job search's filters (django-filter), shared by the job pages, the API and the saved
searches' alerts (which run the same filters on the postings published since)."""

from collections.abc import Mapping
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.choices import Industry, JobType, KoreaRegion
from jobs.models import JobPosting
from jobs.selectors import posting_text_search

SORT_MATCH, SORT_DATE = "match", "date"


# The schema's types for two filters whose form widgets would make them strings: the TOPIK
# ceiling is a number 0-6, and the sponsorship box a boolean ("true" / "false" in a query).
@extend_schema_field({"type": "integer", "minimum": 0, "maximum": 6})
class TopikCeilingFilter(filters.ChoiceFilter):
    pass


@extend_schema_field(OpenApiTypes.BOOL)
class CheckboxFilter(filters.BooleanFilter):
    pass


TOPIK_CHOICES = [
    ("0", _("No TOPIK required")),
    ("1", _("TOPIK 1 at most")),
    ("2", _("TOPIK 2 at most")),
    ("3", _("TOPIK 3 at most")),
    ("4", _("TOPIK 4 at most")),
    ("5", _("TOPIK 5 at most")),
    ("6", _("TOPIK 6 at most")),
]


class PostingFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Job title, company or skill")}
        ),
    )
    industry = filters.ChoiceFilter(
        label=_("Industry"),
        field_name="employer__industry",
        choices=Industry.choices,
        empty_label=_("Any industry"),
    )
    region = filters.ChoiceFilter(
        label=_("Region"), choices=KoreaRegion.choices, empty_label=_("Anywhere in Korea")
    )
    job_type = filters.ChoiceFilter(
        label=_("Job type"), choices=JobType.choices, empty_label=_("Any job type")
    )
    salary = filters.NumberFilter(
        label=_("Pays at least (KRW a year)"),
        field_name="salary_max_krw",
        lookup_expr="gte",
        min_value=0,
        widget=forms.NumberInput(attrs={"step": 1000000, "placeholder": "30000000"}),
    )
    topik = TopikCeilingFilter(
        label=_("Korean asked"),
        field_name="min_topik",
        lookup_expr="lte",
        choices=TOPIK_CHOICES,
        empty_label=_("Any TOPIK requirement"),
    )
    sponsorship = CheckboxFilter(
        label=_("Visa sponsorship offered"),
        method="filter_sponsorship",
        widget=forms.CheckboxInput,
    )
    sort = filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(SORT_MATCH, _("Best match")), (SORT_DATE, _("Newest"))],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = JobPosting
        fields = ["q", "industry", "region", "job_type", "salary", "topik", "sponsorship"]

    def filter_text(
        self, queryset: QuerySet[JobPosting], name: str, value: str
    ) -> QuerySet[JobPosting]:
        return posting_text_search(postings=queryset, text=value)

    def filter_sponsorship(
        self, queryset: QuerySet[JobPosting], name: str, value: bool | None
    ) -> QuerySet[JobPosting]:
        return queryset.filter(visa_sponsorship=True) if value else queryset

    def filter_sort(
        self, queryset: QuerySet[JobPosting], name: str, value: str
    ) -> QuerySet[JobPosting]:
        # Sorting by match needs the graduate's match list: the view applies it.
        if value == SORT_DATE:
            return queryset.order_by("-published_at", "-id")
        return queryset

    def search_key(self) -> str:
        """What names this search's postings, whatever the order or page: the filters that
        `qs` applies (the valid ones, as cleaned) in a fixed order, unused ones left out."""
        if not self.form.is_bound:
            return repr([])
        self.form.is_valid()  # cleans the form once: its valid fields are in cleaned_data
        data = self.form.cleaned_data
        return repr([(name, data[name]) for name in SEARCH_PARAMS if _used(data.get(name))])

    def sort_order(self) -> str:
        """The chosen order; best match unless the search asked for the newest first."""
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        return data.get("sort") or SORT_MATCH


def _used(value: object) -> bool:
    """A filter's cleaned value that filters: not left empty (no text, no choice, the box
    unticked). Compared by identity: a salary of 0 is a filter, though 0 == False."""
    return not (value is None or value is False or value == "")


# What a saved search keeps of a search: its filters, not the order or the page.
SEARCH_PARAMS = ("q", "industry", "region", "job_type", "salary", "topik", "sponsorship")


def search_filters_clean(params: Mapping[str, object]) -> dict[str, str]:
    """The search's filters (SEARCH_PARAMS) as PostingFilter accepts them, empty ones left out;
    ValidationError with the form's errors when one is not valid."""
    raw = {name: " ".join(str(params.get(name) or "").split()) for name in SEARCH_PARAMS}
    search = PostingFilter({k: v for k, v in raw.items() if v}, queryset=JobPosting.objects.none())
    if not search.form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in search.form.errors.items()})
    cleaned = search.form.cleaned_data
    kept = {name: raw[name] for name in SEARCH_PARAMS if _used(cleaned.get(name))}
    if "sponsorship" in kept:
        kept["sponsorship"] = "on"
    return kept


def search_filters_summary(filters: Mapping[str, str]) -> str:
    """The filters in words ("etching · Gyeonggi · Full-time"), for a saved search's name."""
    search = PostingFilter(dict(filters), queryset=JobPosting.objects.none())
    parts: list[str] = []
    if filters.get("q"):
        parts.append(f"“{filters['q']}”")
    for name in ("industry", "region", "job_type", "topik"):
        labels = dict(search.form.fields[name].choices)  # type: ignore[attr-defined]
        if filters.get(name) in labels:
            parts.append(str(labels[filters[name]]))
    if filters.get("salary"):
        parts.append(_("from %(krw)s KRW") % {"krw": f"{int(float(filters['salary'])):,}"})
    if filters.get("sponsorship"):
        parts.append(str(_("visa sponsorship")))
    return " · ".join(parts) or str(_("All open jobs"))


def search_query(filters: Mapping[str, str]) -> str:
    """The query string of the search page showing these filters' results, newest first."""
    return urlencode({**filters, "sort": SORT_DATE})
