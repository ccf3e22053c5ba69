"""A posting's ranked candidates, with explanations, for verified companies: the list, one
candidate, their CV (logged), and inviting them to apply."""

from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from core.api.files import PDF_DOWNLOAD_RESPONSES, pdf_download
from core.choices import EducationLevel
from core.fragments import kept_values
from employers.models import AccessKind
from employers.permissions import IsVerifiedEmployerMember, membership_of
from employers.services import candidate_access_record
from jobs.apis.employer import own_posting
from jobs.models import JobPosting
from jobs.selectors import candidate_for_employer
from jobs.services import posting_invite_candidate
from matching.apis.output import (
    ExplanationOutputSerializer,
    MatchOutputSerializer,
    explanation_output,
)
from matching.selectors import (
    CandidateFilters,
    CandidateMatch,
    candidates_for_posting,
    explanations_for,
    pair_keys,
)
from profiles.models import GraduateProfile


class CandidateFilterInputSerializer(serializers.Serializer):
    # Absent filters take CandidateFilters' defaults (no default here: "" or null would be
    # outside each field's own type or enum in the schema).
    nationality = serializers.CharField(required=False, min_length=2, max_length=2)
    min_topik = serializers.IntegerField(required=False, min_value=0, max_value=6)
    min_education = serializers.ChoiceField(choices=EducationLevel.choices, required=False)
    min_score = serializers.FloatField(required=False, min_value=0, max_value=1)
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
        output: dict[str, Any] | None = self.context.get("explanations", {}).get(
            candidate.graduate.pk
        )
        return output


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
        posting = own_posting(request, pk, requirements=False)
        query = CandidateFilterInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        candidates = candidates_for_posting(
            posting=posting,
            filters=CandidateFilters(**query.validated_data),
            limit=settings.MATCHING_TOP_K,
        )
        # DRF paginates any sequence; its stubs accept only a QuerySet.
        page: list[CandidateMatch] = self.paginate_queryset(candidates) or []  # type: ignore[arg-type]
        explanations = _explanation_outputs(posting, page)
        output = CandidateOutputSerializer(page, many=True, context={"explanations": explanations})
        return self.get_paginated_response(output.data)


EXPLANATIONS_KEPT_SECONDS = 30 * 60


def _explanation_outputs(
    posting: JobPosting, candidates: list[CandidateMatch]
) -> dict[int, dict[str, Any] | None]:
    """Each candidate's explanation as the API gives it, by graduate id: made once and kept
    while the pair's facts and their context stay the same (matching.pair_stamps)."""
    ids = [c.graduate.pk for c in candidates]
    keys = pair_keys("api-explanation", [(graduate_id, posting.pk) for graduate_id in ids])

    def explain(indexes: list[int]) -> list[dict[str, Any] | None]:
        wanted = [ids[i] for i in indexes]
        explained = explanations_for(graduate_ids=wanted, posting_ids=[posting.pk]).by_graduate()
        return [explanation_output(explained.get(graduate_id)) for graduate_id in wanted]

    outputs = kept_values(keys, explain, seconds=EXPLANATIONS_KEPT_SECONDS)
    return dict(zip(ids, outputs, strict=True))


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
        posting: JobPosting = own_posting(request, pk, requirements=False)
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
        responses=PDF_DOWNLOAD_RESPONSES,
    )
    def get(self, request: Request, pk: int, graduate_id: int) -> FileResponse:
        posting = own_posting(request, pk, requirements=False)
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
        return pdf_download(request, profile.cv, filename=profile.cv_filename or "cv.pdf")


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
        posting = own_posting(request, pk, requirements=False)
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
