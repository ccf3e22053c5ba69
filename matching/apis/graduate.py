"""The graduate's matches: their best open postings with reasons and the main gap."""

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from jobs.apis.public import PostingSummaryOutputSerializer
from matching.apis.output import (
    MatchOutputSerializer,
)
from matching.explain import Explanation
from matching.reasons import main_gap, top_reasons
from matching.selectors import (
    PostingMatch,
    explanations_for,
    matches_for_graduate,
)
from profiles.permissions import IsGraduate, graduate_profile_of


class GraduateMatchOutputSerializer(serializers.Serializer):
    posting = PostingSummaryOutputSerializer()
    match = MatchOutputSerializer()
    reasons = serializers.SerializerMethodField(help_text="The strongest reasons it fits.")
    main_gap = serializers.SerializerMethodField(help_text="What most holds the match back.")

    def _explained(self, item: PostingMatch) -> Explanation | None:
        return self.context.get("explanations", {}).get(item.posting.pk)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, item: PostingMatch) -> list[str]:
        explanation = self._explained(item)
        return top_reasons(explanation) if explanation else []

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_main_gap(self, item: PostingMatch) -> str | None:
        explanation = self._explained(item)
        return main_gap(explanation) if explanation else None


class GraduateMatchListApi(ListAPIView):
    """The graduate's best open postings, best first, with reasons and the main gap."""

    permission_classes = [IsGraduate]
    serializer_class = GraduateMatchOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> list[PostingMatch]:  # type: ignore[override]
        return matches_for_graduate(
            graduate=graduate_profile_of(self.request), limit=settings.MATCHING_TOP_K
        )

    @extend_schema(operation_id="graduate_matches_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # DRF paginates any sequence; its stubs accept only a QuerySet.
        page: list[PostingMatch] = self.paginate_queryset(self.get_queryset()) or []  # type: ignore[arg-type]
        explanations = explanations_for(
            graduate_ids=[graduate_profile_of(request).pk],
            posting_ids=[item.posting.pk for item in page],
        ).by_posting()
        output = GraduateMatchOutputSerializer(
            page, many=True, context={"explanations": explanations, "request": request}
        )
        return self.get_paginated_response(output.data)
