"""REST under /api/v1/training/: the public catalogue (courses, providers), a graduate's plan for a
posting and course suggestions, and an employer's sponsorship interest on their own postings.

Input and output serializers are separate; every view names its permission classes.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from employers.permissions import IsEmployerMember, membership_of
from jobs.models import JobPosting
from jobs.selectors import posting_list_public
from profiles.models import GraduateProfile
from profiles.permissions import IsGraduateAccount, signed_in_graduate
from skills.models import Skill
from training.filters import CourseFilter
from training.models import Course, SponsorshipInterest
from training.plans import OBJECTIVES
from training.selectors import (
    course_list_public,
    course_plan_for_posting,
    course_suggestions_for_graduate,
    provider_list_public,
)
from training.services import SponsorshipRefused, sponsorship_interest_record


def _graduate_profile(request: Request) -> GraduateProfile:
    profile = signed_in_graduate(request)
    if profile is None:
        raise Http404("Create your graduate profile first.")
    return profile


# --- output ------------------------------------------------------------------------------------


class ProviderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()
    city = serializers.CharField()
    website = serializers.CharField()


class CourseSkillOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField(source="skill.name")
    level_reached = serializers.IntegerField()


class CourseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    provider = ProviderOutputSerializer()
    description = serializers.CharField()
    mode = serializers.CharField()
    country = serializers.CharField()
    city = serializers.CharField()
    language = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    intake = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    cost_usd = serializers.DecimalField(max_digits=9, decimal_places=2)
    funding = serializers.CharField()
    topik_target = serializers.IntegerField(allow_null=True)
    degree_level = serializers.CharField()
    field_of_study = serializers.CharField(source="field_of_study.code", allow_null=True)
    eligibility = serializers.CharField()
    eligible_nationalities = serializers.SerializerMethodField()
    max_age = serializers.IntegerField(allow_null=True)
    entry_requirements = serializers.CharField()
    url = serializers.CharField()
    skills = CourseSkillOutputSerializer(many=True, source="skills.all")

    def get_eligible_nationalities(self, course: Course) -> list[str]:
        return [str(country.code) for country in course.eligible_nationalities]


class GapOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField(allow_null=True, help_text="null for a TOPIK gap")
    name = serializers.CharField()
    level_needed = serializers.IntegerField()
    own_level = serializers.FloatField()
    status = serializers.CharField()


class PlannedCourseOutputSerializer(serializers.Serializer):
    course = CourseOutputSerializer()
    closes = serializers.ListField(child=serializers.CharField())


class VisaEffectOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    verdict_before = serializers.CharField()
    verdict_after = serializers.CharField()
    points_before = serializers.IntegerField(allow_null=True)
    points_after = serializers.IntegerField(allow_null=True)
    points_gain = serializers.IntegerField()


class PlanOutputSerializer(serializers.Serializer):
    posting_id = serializers.IntegerField(source="posting.pk")
    objective = serializers.CharField()
    steps = PlannedCourseOutputSerializer(many=True)
    total_hours = serializers.IntegerField()
    total_cost_usd = serializers.DecimalField(max_digits=11, decimal_places=2)
    covered = GapOutputSerializer(many=True)
    uncovered = GapOutputSerializer(many=True)
    score_before = serializers.FloatField()
    score_after = serializers.FloatField()
    topik_before = serializers.IntegerField()
    topik_after = serializers.IntegerField()
    visa_effects = VisaEffectOutputSerializer(many=True)


class SuggestionOutputSerializer(serializers.Serializer):
    course = CourseOutputSerializer()
    skills = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField()


class SponsorshipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    posting_id = serializers.IntegerField()
    course_id = serializers.IntegerField(allow_null=True)
    skill_id = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


# --- input -------------------------------------------------------------------------------------


class PlanQueryInputSerializer(serializers.Serializer):
    objective = serializers.ChoiceField(choices=OBJECTIVES, required=False, default="hours")


class SponsorshipInputSerializer(serializers.Serializer):
    posting = serializers.IntegerField(help_text="One of your company's postings.")
    course = serializers.IntegerField(required=False, allow_null=True)
    skill = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs.get("course") is None) == (attrs.get("skill") is None):
            raise serializers.ValidationError("Give either a course or a skill.")
        return attrs


# --- views -------------------------------------------------------------------------------------


class CourseListApi(generics.ListAPIView):
    """Active courses; search with `q`, filter by kind, skill, country, mode, language, cost,
    funding and start dates; paginated."""

    permission_classes = [AllowAny]
    serializer_class = CourseOutputSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = CourseFilter

    def get_queryset(self) -> Any:
        return course_list_public()


class CourseDetailApi(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = CourseOutputSerializer

    def get_queryset(self) -> Any:
        return course_list_public()


class ProviderListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = ProviderOutputSerializer

    def get_queryset(self) -> Any:
        return provider_list_public()


class PlanApi(APIView):
    """The signed-in graduate's gap-closing plan for an open posting."""

    permission_classes = [IsAuthenticated, IsGraduateAccount]

    @extend_schema(
        parameters=[PlanQueryInputSerializer],
        responses=PlanOutputSerializer,
    )
    def get(self, request: Request, posting_pk: int) -> Response:
        query = PlanQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        profile = _graduate_profile(request)
        try:
            posting = posting_list_public().get(pk=posting_pk)
        except JobPosting.DoesNotExist as exc:
            raise Http404("No such open posting") from exc
        plan = course_plan_for_posting(
            graduate=profile, posting=posting, objective=query.validated_data["objective"]
        )
        return Response(PlanOutputSerializer(plan).data)


class SuggestionsApi(APIView):
    """Courses for the gaps most common among the jobs that nearly fit the signed-in graduate."""

    permission_classes = [IsAuthenticated, IsGraduateAccount]

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1-20, default 6")],
        responses=SuggestionOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        try:
            limit = min(max(int(request.query_params.get("limit", 6)), 1), 20)
        except ValueError as exc:
            raise ValidationError({"limit": ["A whole number from 1 to 20."]}) from exc
        suggestions = course_suggestions_for_graduate(
            graduate=_graduate_profile(request), limit=limit
        )
        return Response(SuggestionOutputSerializer(suggestions, many=True).data)


class SponsorshipApi(generics.ListCreateAPIView):
    """Your company's sponsorship interest (list), and recording one for one of its postings."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    serializer_class = SponsorshipOutputSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return SponsorshipInterest.objects.none()
        membership = membership_of(self.request)
        return SponsorshipInterest.objects.filter(employer_id=membership.employer_id)

    @extend_schema(request=SponsorshipInputSerializer, responses={201: SponsorshipOutputSerializer})
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        body = SponsorshipInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        membership = membership_of(request)
        posting = (
            JobPosting.objects.select_related("employer")
            .filter(pk=data["posting"], employer_id=membership.employer_id)
            .first()
        )
        if posting is None:
            raise Http404("No such posting")
        course = skill = None
        if data.get("course") is not None:
            course = Course.objects.filter(pk=data["course"], is_active=True).first()
            if course is None:
                raise ValidationError({"course": ["No such course."]})
        if data.get("skill") is not None:
            skill = Skill.objects.filter(pk=data["skill"]).first()
            if skill is None:
                raise ValidationError({"skill": ["No such skill."]})
        try:
            interest = sponsorship_interest_record(
                user=signed_in_user(request),
                posting=posting,
                course=course,
                skill=skill,
                note=data["note"],
            )
        except SponsorshipRefused as refused:
            raise PermissionDenied(str(refused)) from refused
        except DjangoValidationError as invalid:
            raise ValidationError(invalid.messages) from invalid
        return Response(SponsorshipOutputSerializer(interest).data, status=status.HTTP_201_CREATED)
