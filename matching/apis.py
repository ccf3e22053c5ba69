"""REST for matches: a graduate's matches with explanations, a posting's ranked candidates with
explanations (verified companies only), and staff's match runs (start one, follow it)."""

from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from core.api.permissions import IsStaff
from core.choices import EducationLevel
from employers.models import AccessKind
from employers.permissions import IsVerifiedEmployerMember, membership_of
from employers.services import candidate_access_record
from jobs.apis.employer import own_posting
from jobs.apis.public import PostingSummaryOutputSerializer
from jobs.models import JobPosting, Requirement
from jobs.selectors import candidate_for_employer
from jobs.services import posting_invite_candidate
from matching.explain import Explanation
from matching.models import MatchRun
from matching.reasons import main_gap, top_reasons
from matching.selectors import (
    CandidateFilters,
    CandidateMatch,
    PostingMatch,
    candidates_for_posting,
    explanations_for,
    matches_for_graduate,
)
from matching.services import match_run_request
from profiles.models import GraduateProfile
from profiles.permissions import IsGraduate, graduate_profile_of


class MatchOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="1 = the best match in the list.")
    score = serializers.FloatField(help_text="0-1: harmonic mean of fit and preference.")
    fit = serializers.FloatField()
    preference = serializers.FloatField()


# --- explanations -------------------------------------------------------------------------------


class CourseOfferOutputSerializer(serializers.Serializer):
    course_id = serializers.IntegerField()
    title = serializers.CharField()
    provider = serializers.CharField()
    level_reached = serializers.IntegerField()
    hours = serializers.IntegerField(allow_null=True)
    cost_usd = serializers.FloatField()
    funding = serializers.CharField()
    kind = serializers.CharField()


class SkillTermOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField()
    requirement = serializers.ChoiceField(choices=Requirement.choices)
    min_level = serializers.IntegerField()
    weight = serializers.FloatField(help_text="Normalised: a posting's weights sum to 1.")
    own_level = serializers.IntegerField()
    effective_level = serializers.FloatField()
    via_skill_id = serializers.IntegerField(allow_null=True)
    via_name = serializers.CharField(allow_null=True)
    credit = serializers.FloatField()
    contribution = serializers.FloatField(help_text="This skill's share of `fit`.")
    status = serializers.ChoiceField(choices=["matched", "related", "below_level", "missing"])
    courses = CourseOfferOutputSerializer(many=True, help_text="Courses that close the gap.")


class ConstraintOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    required = serializers.JSONField()  # type: ignore[assignment]  # a field; DRF's stubs see Field.required
    actual = serializers.JSONField()
    ok = serializers.BooleanField()


class PreferenceFactorOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    wanted = serializers.JSONField(help_text="Codes wanted ([] = open) or a minimum salary.")
    offered = serializers.JSONField()
    value = serializers.FloatField()
    weight = serializers.FloatField()
    note = serializers.CharField()


class GapSummaryOutputSerializer(serializers.Serializer):
    missing = serializers.IntegerField()
    below_level = serializers.IntegerField()
    related_below_level = serializers.IntegerField()
    fit_if_gaps_closed = serializers.FloatField()
    score_if_gaps_closed = serializers.FloatField()
    excluded_if_gaps_closed = serializers.BooleanField()
    note = serializers.CharField()


class ExplanationOutputSerializer(serializers.Serializer):
    """Why a graduate and a posting score what they score; the terms add up to the score."""

    graduate_id = serializers.IntegerField()
    posting_id = serializers.IntegerField()
    score = serializers.FloatField()
    fit = serializers.FloatField()
    preference = serializers.FloatField()
    excluded = serializers.BooleanField()
    excluded_reasons = serializers.ListField(child=serializers.CharField())
    skills = SkillTermOutputSerializer(many=True)
    constraints = ConstraintOutputSerializer(many=True)
    preference_factors = PreferenceFactorOutputSerializer(many=True)
    gap_summary = GapSummaryOutputSerializer()


def explanation_output(explanation: Explanation | None) -> dict[str, Any] | None:
    if explanation is None:
        return None
    return ExplanationOutputSerializer(explanation.as_dict()).data  # type: ignore[return-value]


# --- the graduate's matches ---------------------------------------------------------------------


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


# --- a posting's candidates ---------------------------------------------------------------------


class CandidateFilterInputSerializer(serializers.Serializer):
    nationality = serializers.CharField(required=False, max_length=2, default="")
    min_topik = serializers.IntegerField(required=False, min_value=0, max_value=6, default=None)
    min_education = serializers.ChoiceField(
        choices=EducationLevel.choices, required=False, default=""
    )
    min_score = serializers.FloatField(required=False, min_value=0, max_value=1, default=None)
    order_by = serializers.ChoiceField(choices=["score", "fit"], required=False, default="score")


class CandidateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="graduate.pk")
    full_name = serializers.CharField(source="graduate.user.full_name")
    nationality = serializers.CharField(source="graduate.nationality")
    headline = serializers.CharField(source="graduate.headline")
    topik_level = serializers.IntegerField(source="graduate.topik_level")
    match = MatchOutputSerializer()
    explanation = serializers.SerializerMethodField()

    @extend_schema_field(ExplanationOutputSerializer(allow_null=True))
    def get_explanation(self, candidate: CandidateMatch) -> dict[str, Any] | None:
        return explanation_output(self.context.get("explanations", {}).get(candidate.graduate.pk))


class CandidateListApi(ListAPIView):
    """A posting's ranked candidates who let employers find them, with explanations. Only for
    companies staff have verified (others see no candidate's personal data)."""

    permission_classes = [IsVerifiedEmployerMember]
    serializer_class = CandidateOutputSerializer
    filter_backends: list[type] = []

    @extend_schema(
        operation_id="employer_postings_candidates", parameters=[CandidateFilterInputSerializer]
    )
    def get(self, request: Request, pk: int) -> Response:
        posting = own_posting(request, pk)
        query = CandidateFilterInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        candidates = candidates_for_posting(
            posting=posting,
            filters=CandidateFilters(**query.validated_data),
            limit=settings.MATCHING_TOP_K,
        )
        # DRF paginates any sequence; its stubs accept only a QuerySet.
        page: list[CandidateMatch] = self.paginate_queryset(candidates) or []  # type: ignore[arg-type]
        explanations = explanations_for(
            graduate_ids=[c.graduate.pk for c in page], posting_ids=[posting.pk]
        ).by_graduate()
        output = CandidateOutputSerializer(page, many=True, context={"explanations": explanations})
        return self.get_paginated_response(output.data)


class CandidateDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    nationality = serializers.CharField()
    headline = serializers.CharField()
    summary = serializers.CharField()
    topik_level = serializers.IntegerField()
    has_cv = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    def get_has_cv(self, profile: GraduateProfile) -> bool:
        return bool(profile.cv)

    @extend_schema_field(ExplanationOutputSerializer(allow_null=True))
    def get_explanation(self, profile: GraduateProfile) -> dict[str, Any] | None:
        return explanation_output(self.context["explanation"])


class CandidateDetailApi(APIView):
    """One candidate the company may see (discoverable, or applied to it); each view is logged."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_postings_candidate", responses=CandidateDetailOutputSerializer
    )
    def get(self, request: Request, pk: int, graduate_id: int) -> Response:
        posting: JobPosting = own_posting(request, pk)
        profile = _candidate(request, graduate_id)
        candidate_access_record(
            employer=posting.employer,
            viewer=signed_in_user(request),
            graduate=profile,
            kind=AccessKind.PROFILE,
            posting_id=posting.pk,
        )
        explained = explanations_for(graduate_ids=[profile.pk], posting_ids=[posting.pk])
        context = {"explanation": explained.pair(profile.pk, posting.pk)}
        return Response(CandidateDetailOutputSerializer(profile, context=context).data)


def _candidate(request: Request, graduate_id: int) -> GraduateProfile:
    try:
        return candidate_for_employer(
            employer=membership_of(request).employer, graduate_id=graduate_id
        )
    except GraduateProfile.DoesNotExist:
        raise Http404 from None


class CandidateCvApi(APIView):
    """The candidate's CV (PDF) for a company that may see it; each download is logged."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_postings_candidate_cv",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")
        },
    )
    def get(self, request: Request, pk: int, graduate_id: int) -> FileResponse:
        posting = own_posting(request, pk)
        profile = _candidate(request, graduate_id)
        if not profile.cv:
            raise Http404
        candidate_access_record(
            employer=posting.employer,
            viewer=signed_in_user(request),
            graduate=profile,
            kind=AccessKind.CV,
            posting_id=posting.pk,
        )
        response = FileResponse(
            profile.cv.open("rb"),
            as_attachment=True,
            filename=profile.cv_filename or "cv.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class CandidateInvitationInputSerializer(serializers.Serializer):
    message = serializers.CharField(allow_blank=True, default="", max_length=5000)


class CandidateInvitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    posting = serializers.IntegerField(source="posting_id")
    graduate = serializers.IntegerField(source="graduate_id")
    message = serializers.CharField()
    created_at = serializers.DateTimeField()


class CandidateInviteApi(APIView):
    """Invite a candidate to apply to this open posting (once per candidate and posting)."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(
        operation_id="employer_postings_candidate_invite",
        request=CandidateInvitationInputSerializer,
        responses={201: CandidateInvitationOutputSerializer},
    )
    def post(self, request: Request, pk: int, graduate_id: int) -> Response:
        posting = own_posting(request, pk)
        profile = _candidate(request, graduate_id)
        body = CandidateInvitationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invitation = posting_invite_candidate(
            posting=posting,
            graduate=profile,
            by=signed_in_user(request),
            message=body.validated_data["message"],
        )
        return Response(
            CandidateInvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED
        )


# --- staff: match runs --------------------------------------------------------------------------


class MatchRunOutputSerializer(serializers.ModelSerializer):
    requested_by = serializers.EmailField(source="requested_by.email", allow_null=True)
    progress_percent = serializers.IntegerField()

    class Meta:
        model = MatchRun
        fields = [
            "id", "kind", "status", "is_current", "progress_percent", "requested_by",
            "created_at", "started_at", "finished_at", "blocks_total", "blocks_done",
            "graduates_count", "postings_count", "results_count", "duration_ms", "error",
        ]  # fmt: skip


class MatchRunListApi(ListAPIView):
    """Match runs, newest first; POST starts a full recompute (as the admin's button does)."""

    permission_classes = [IsStaff]
    serializer_class = MatchRunOutputSerializer
    filterset_fields = ["kind", "status", "is_current"]

    def get_queryset(self) -> Any:
        return MatchRun.objects.select_related("requested_by").order_by("-created_at", "-id")

    @extend_schema(operation_id="staff_match_runs_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="staff_match_runs_start",
        request=None,
        responses={202: MatchRunOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        run = match_run_request(requested_by=signed_in_user(request))
        run = self.get_queryset().get(pk=run.pk)
        return Response(MatchRunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class MatchRunDetailApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(operation_id="staff_match_runs_retrieve", responses=MatchRunOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        run = MatchRun.objects.select_related("requested_by").filter(pk=pk).first()
        if run is None:
            raise Http404
        return Response(MatchRunOutputSerializer(run).data)
