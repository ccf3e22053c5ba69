"""The catalogue's filters, one FilterSet for the page and the API."""

from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.choices import ASEAN_COUNTRIES
from core.countries import country_choices
from skills.selectors import skill_for_label
from training.models import Course, CourseKind, CourseMode, CourseSkill, Funding
from training.selectors import course_search

COST_CHOICES = [
    ("free", _("Free")),
    ("under_500", _("Under USD 500")),
    ("under_2000", _("Under USD 2,000")),
]
_COST_LIMITS = {"under_500": Decimal(500), "under_2000": Decimal(2000)}


def _country_choices() -> list[tuple[str, object]]:
    return country_choices(codes=[*ASEAN_COUNTRIES, "KR"])


def _language_choices() -> list[tuple[str, str]]:
    languages = (
        Course.objects.filter(is_active=True)
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )
    return [(language, language) for language in languages]


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Course, provider or skill")}
        ),
    )
    kind = django_filters.ChoiceFilter(choices=CourseKind.choices, empty_label=_("Any kind"))
    skill = django_filters.CharFilter(
        method="filter_skill",
        label=_("Skill taught"),
        widget=forms.TextInput(
            attrs={
                "list": "skill-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("skills:autocomplete"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#skill-options",
                "hx-vals": 'js:{"q": this.value}',
                "hx-sync": "this:replace",
            }
        ),
    )
    country = django_filters.ChoiceFilter(choices=_country_choices, empty_label=_("Any country"))
    mode = django_filters.ChoiceFilter(choices=CourseMode.choices, empty_label=_("Any mode"))
    language = django_filters.ChoiceFilter(
        choices=_language_choices, label=_("Language"), empty_label=_("Any language")
    )
    cost = django_filters.ChoiceFilter(
        method="filter_cost", choices=COST_CHOICES, label=_("Cost"), empty_label=_("Any cost")
    )
    funding = django_filters.ChoiceFilter(choices=Funding.choices, empty_label=_("Any funding"))
    topik = django_filters.ChoiceFilter(
        field_name="topik_target",
        lookup_expr="gte",
        choices=[(level, level) for level in range(1, 7)],
        label=_("Prepares for TOPIK (at least)"),
        empty_label=_("Any TOPIK level"),
    )
    starts_after = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="gte",
        label=_("Starts on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_before = django_filters.DateFilter(
        field_name="start_date",
        lookup_expr="lte",
        label=_("Starts on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Course
        fields = [
            "q",
            "kind",
            "skill",
            "country",
            "mode",
            "language",
            "cost",
            "funding",
            "topik",
            "starts_after",
            "starts_before",
        ]

    def filter_search(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        return course_search(courses=queryset, text=value)

    def filter_skill(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        """By a skill's name, Korean name or alias (as the autocomplete offers them); an unknown
        name matches nothing rather than being ignored."""
        skill = skill_for_label(label=value)
        if skill is None:
            return queryset.none()
        return queryset.filter(
            Exists(CourseSkill.objects.filter(course=OuterRef("pk"), skill=skill))
        )

    def filter_cost(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        if value == "free":
            return queryset.filter(cost_usd=0)
        return queryset.filter(cost_usd__lt=_COST_LIMITS[value])
