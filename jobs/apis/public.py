"""Open postings of verified employers: search with filters and pagination, and one posting.

The filters are the job search page's own (jobs.filters.PostingFilter). A signed-in graduate
also gets each posting's score from their match list and may sort by it (the default for them).
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.fields import TranslationCharField
from employers.apis import EmployerPublicOutputSerializer
from jobs.apis.screening import ScreeningQuestionOutputSerializer
from jobs.models import JobPosting, PostingSkill
from jobs.selectors import posting_detail_public
from profiles.models import FieldOfStudy

SUMMARY_FIELDS = [
    "id", "title", "employer", "occupation", "region", "city", "location", "job_type",
    "salary_min_krw", "salary_max_krw", "min_education", "min_topik", "english_requirement",
    "min_experience_years", "visa_sponsorship", "is_eps_job", "openings", "deadline",
    "published_at",
]  # fmt: skip


class PostingSummaryOutputSerializer(serializers.ModelSerializer):
    employer = EmployerPublicOutputSerializer()
    location = serializers.CharField(
        read_only=True, help_text="Where the job is: “City, Province”, or the province alone."
    )

    class Meta:
        model = JobPosting
        fields = SUMMARY_FIELDS


class PostingSkillOutputSerializer(serializers.ModelSerializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField(source="skill.name")
    name_ko = TranslationCharField(source="skill.name_ko")

    class Meta:
        model = PostingSkill
        fields = ["skill_id", "name", "name_ko", "requirement", "min_level", "weight"]


class FieldOfStudyOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = FieldOfStudy
        fields = ["code", "name", "is_stem"]


class PostingDetailOutputSerializer(serializers.ModelSerializer):
    employer = EmployerPublicOutputSerializer()
    location = serializers.CharField(
        read_only=True, help_text="Where the job is: “City, Province”, or the province alone."
    )
    skills = PostingSkillOutputSerializer(many=True)
    accepted_fields = FieldOfStudyOutputSerializer(
        many=True, help_text="Fields of study accepted; empty = any."
    )
    screening_questions = ScreeningQuestionOutputSerializer(
        many=True, help_text="Answered when applying (see the apply body's `answers`)."
    )

    class Meta:
        model = JobPosting
        fields = [
            *SUMMARY_FIELDS, "description", "isco_code", "e7_code", "skills", "accepted_fields",
            "screening_questions",
        ]  # fmt: skip


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
