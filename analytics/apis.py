"""The skills analytics as JSON for staff's and approved partners' own tools (a ministry's
dashboard, a training provider's planning sheet): the same rows as the staff page, aggregates
only, with the same rule for small groups."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import IsStaff
from analytics.selectors import BY_CATEGORY, BY_SKILL, GapFilters, skill_gaps
from core.choices import ASEAN_COUNTRIES, Industry, KoreaRegion
from partners.apis import PartnerApiView


class SkillGapQuerySerializer(serializers.Serializer[Any]):
    by = serializers.ChoiceField(choices=[BY_SKILL, BY_CATEGORY], default=BY_SKILL)
    country = serializers.ChoiceField(
        choices=sorted(ASEAN_COUNTRIES), required=False, help_text="Graduates' nationality."
    )
    industry = serializers.ChoiceField(choices=Industry.choices, required=False)
    region = serializers.ChoiceField(choices=KoreaRegion.choices, required=False)
    week = serializers.DateField(
        required=False, help_text="The Monday of a snapshot's week; the newest without it."
    )


class SkillGapOutputSerializer(serializers.Serializer[Any]):
    subject_id = serializers.IntegerField(help_text="The skill's or the category's id.")
    name = serializers.CharField()
    group = serializers.CharField(help_text="The skill's category (empty for a category).")
    postings = serializers.IntegerField()
    openings = serializers.IntegerField(help_text="Openings of the postings that require it.")
    level_asked = serializers.IntegerField(help_text="The level most of those openings ask.")
    qualified = serializers.IntegerField(
        help_text="Graduates at that level or above: 0 or at least ANALYTICS_MIN_CELL (groups "
        "of fewer graduates are left out of every figure)."
    )
    gap = serializers.IntegerField(help_text="Openings without a qualified graduate.")


class _SkillGaps(ListAPIView):  # type: ignore[type-arg]
    """Demand and supply per skill (or category), widest gap first, under the filters."""

    serializer_class = SkillGapOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        query = SkillGapQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return skill_gaps(filters=GapFilters(**query.validated_data))


class StaffSkillGapsApi(_SkillGaps):
    permission_classes = [IsStaff]

    @extend_schema(operation_id="staff_analytics_skills", parameters=[SkillGapQuerySerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PartnerSkillGapsApi(PartnerApiView, _SkillGaps):
    required_scopes = ["analytics:read"]

    @extend_schema(operation_id="partner_analytics_skills", parameters=[SkillGapQuerySerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
