"""Open postings of verified employers: search with filters and pagination, and one posting.

The filters are the job search page's own (jobs.filters.PostingFilter). A signed-in graduate
also gets each posting's score from their match list and may sort by it (the default for them).
"""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.throttling import SearchThrottle
from employers.apis import EmployerPublicOutputSerializer
from jobs.filters import SORT_MATCH, PostingFilter
from jobs.models import JobPosting, PostingSkill
from jobs.selectors import posting_detail_public, posting_list_public, posting_rank_by_match
from matching.selectors import MatchEntry, matches_for_graduate
from profiles.models import FieldOfStudy
from profiles.permissions import signed_in_graduate

SUMMARY_FIELDS = [
    "id", "title", "employer", "occupation", "region", "job_type", "salary_min_krw",
    "salary_max_krw", "min_education", "min_topik", "english_requirement", "visa_sponsorship",
    "is_eps_job", "openings", "deadline", "published_at",
]  # fmt: skip


class MatchOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 = the best match in the list.")
    score = serializers.FloatField(help_text="0-1: harmonic mean of fit and preference.")
    fit = serializers.FloatField()
    preference = serializers.FloatField()


class PostingSummaryOutputSerializer(serializers.ModelSerializer):
    employer = EmployerPublicOutputSerializer()

    class Meta:
        model = JobPosting
        fields = SUMMARY_FIELDS


class PostingSearchResultOutputSerializer(PostingSummaryOutputSerializer):
    match = serializers.SerializerMethodField(
        help_text="For a signed-in graduate: the posting's place in their match list, if any."
    )

    class Meta(PostingSummaryOutputSerializer.Meta):
        fields = [*SUMMARY_FIELDS, "match"]

    @extend_schema_field(MatchOutputSerializer(allow_null=True))
    def get_match(self, posting: JobPosting) -> dict[str, Any] | None:
        entry: MatchEntry | None = self.context.get("matches", {}).get(posting.pk)
        return None if entry is None else MatchOutputSerializer(entry).data  # type: ignore[return-value]


class PostingSkillOutputSerializer(serializers.ModelSerializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField(source="skill.name")
    name_ko = serializers.CharField(source="skill.name_ko")

    class Meta:
        model = PostingSkill
        fields = ["skill_id", "name", "name_ko", "requirement", "min_level", "weight"]


class FieldOfStudyOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = FieldOfStudy
        fields = ["code", "name", "is_stem"]


class PostingDetailOutputSerializer(serializers.ModelSerializer):
    employer = EmployerPublicOutputSerializer()
    skills = PostingSkillOutputSerializer(many=True)
    accepted_fields = FieldOfStudyOutputSerializer(
        many=True, help_text="Fields of study accepted; empty = any."
    )

    class Meta:
        model = JobPosting
        fields = [
            *SUMMARY_FIELDS, "description", "isco_code", "e7_code", "skills", "accepted_fields",
        ]  # fmt: skip


class PostingListApi(ListAPIView):
    """Search open postings. Graduates get `match` and are sorted best match first unless they
    ask for `sort=date`; everyone else gets the newest first."""

    permission_classes = [AllowAny]
    throttle_classes = [SearchThrottle]
    serializer_class = PostingSearchResultOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PostingFilter

    def get_queryset(self) -> QuerySet[JobPosting]:
        return posting_list_public()

    @extend_schema(operation_id="postings_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        postings = self.filter_queryset(self.get_queryset())
        profile = signed_in_graduate(request)
        matches: dict[int, MatchEntry] = {}
        if profile is not None:
            found = matches_for_graduate(graduate=profile, limit=settings.MATCHING_TOP_K)
            matches = {m.posting.pk: m.match for m in found}
            if request.query_params.get("sort", SORT_MATCH) == SORT_MATCH:
                postings = posting_rank_by_match(postings=postings, ranked_ids=list(matches))
        page = self.paginate_queryset(postings)
        output = self.get_serializer(page, many=True, context={"matches": matches})
        return self.get_paginated_response(output.data)


class PostingDetailApi(RetrieveAPIView):
    """One open posting of a verified employer; anything else gives 404."""

    permission_classes = [AllowAny]
    serializer_class = PostingDetailOutputSerializer

    def get_object(self) -> JobPosting:
        try:
            return posting_detail_public(pk=self.kwargs["pk"])
        except JobPosting.DoesNotExist:
            raise Http404 from None

    @extend_schema(operation_id="postings_retrieve")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
