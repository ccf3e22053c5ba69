"""REST for the skill taxonomy: search (paginated) and autocomplete, both public and throttled.

Both read through skills.selectors.skill_search, so they find names, Korean names and aliases the
same way the site's autocomplete does."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.fields import TranslationCharField
from core.api.throttling import SearchThrottle
from skills.models import Skill, SkillKind
from skills.selectors import skill_search

SEARCH_MAX = 1000  # the whole taxonomy is about 450 skills
AUTOCOMPLETE_MIN_CHARS = 2
AUTOCOMPLETE_LIMIT = 12
QUERY_MAX_CHARS = 80


class SkillOutputSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.slug")
    name_ko = TranslationCharField()
    category_name = serializers.CharField(source="category.name")
    kind = serializers.ChoiceField(choices=SkillKind.choices)

    class Meta:
        model = Skill
        fields = [
            "id",
            "slug",
            "name",
            "name_ko",
            "category",
            "category_name",
            "kind",
            "description",
        ]


class SkillSuggestionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_ko = TranslationCharField()


_Q = OpenApiParameter(
    "q", OpenApiTypes.STR, description="Part of a name, Korean name or alias (case-insensitive)."
)


class SkillSearchApi(ListAPIView):
    """Skills whose name, Korean name or an alias contains `q` (all skills without `q`)."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]
    serializer_class = SkillOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Skill]:
        text = self.request.query_params.get("q", "")[:QUERY_MAX_CHARS]
        return skill_search(text=text, limit=SEARCH_MAX)

    @extend_schema(operation_id="skills_search", parameters=[_Q], tags=["skills"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class SkillAutocompleteApi(APIView):
    """Up to 12 suggestions for a text box; fewer than 2 characters give an empty list."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]

    @extend_schema(
        operation_id="skills_autocomplete",
        parameters=[_Q],
        responses=SkillSuggestionOutputSerializer(many=True),
        tags=["skills"],
    )
    def get(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()[:QUERY_MAX_CHARS]
        skills = (
            skill_search(text=text, limit=AUTOCOMPLETE_LIMIT)
            if len(text) >= AUTOCOMPLETE_MIN_CHARS
            else []
        )
        return Response(SkillSuggestionOutputSerializer(skills, many=True).data)
