"""A graduate's own applications: apply (throttled), history, withdraw. Someone else's
application id gives 404; the employer's internal notes are never shown here."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from core.api.throttling import ApplyThrottle
from jobs.apis.public import PostingSummaryOutputSerializer
from jobs.apis.screening import ScreeningAnswerInputSerializer, answers_by_question
from jobs.models import Application, ApplicationStatusChange, JobPosting
from jobs.selectors import (
    graduate_application_detail,
    graduate_application_list,
    posting_list_public,
)
from jobs.services import COVER_LETTER_MAX, application_submit, application_withdraw
from profiles.permissions import IsGraduate, graduate_profile_of


class ApplicationInputSerializer(serializers.Serializer):
    posting = serializers.PrimaryKeyRelatedField(
        queryset=JobPosting.objects.none(), help_text="An open posting's id."
    )
    cover_letter = serializers.CharField(
        allow_blank=True, default="", max_length=COVER_LETTER_MAX, trim_whitespace=False
    )
    answers = ScreeningAnswerInputSerializer(
        many=True, required=False, help_text="Answers to the posting's screening questions."
    )
    without_cv = serializers.BooleanField(
        default=False, help_text="Apply although the profile has no CV (the graduate confirms)."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posting"].queryset = posting_list_public()  # type: ignore[attr-defined]


class WithdrawInputSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, default="", max_length=1000)


class GraduateHistoryOutputSerializer(serializers.ModelSerializer):
    """A status change as the graduate sees it: the employer's message, never its note."""

    class Meta:
        model = ApplicationStatusChange
        fields = ["from_status", "to_status", "changed_at", "message"]


class GraduateApplicationOutputSerializer(serializers.ModelSerializer):
    posting = PostingSummaryOutputSerializer()
    can_withdraw = serializers.BooleanField()

    class Meta:
        model = Application
        fields = [
            "id", "posting", "status", "status_changed_at", "created_at", "cover_letter",
            "rejection_reason", "can_withdraw",
        ]  # fmt: skip


class GraduateApplicationDetailOutputSerializer(GraduateApplicationOutputSerializer):
    history = GraduateHistoryOutputSerializer(many=True, source="timeline")

    class Meta(GraduateApplicationOutputSerializer.Meta):
        fields = [*GraduateApplicationOutputSerializer.Meta.fields, "history"]


class GraduateApplicationListApi(ListAPIView):
    """The graduate's applications, newest first; POST applies to an open posting."""

    permission_classes = [IsGraduate]
    throttle_classes = [ApplyThrottle]
    serializer_class = GraduateApplicationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Application]:
        return graduate_application_list(profile=graduate_profile_of(self.request))

    @extend_schema(operation_id="graduate_applications_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="graduate_applications_create",
        request=ApplicationInputSerializer,
        responses={201: GraduateApplicationDetailOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = ApplicationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile = graduate_profile_of(request)
        application = application_submit(
            graduate=profile,
            posting=body.validated_data["posting"],
            cover_letter=body.validated_data["cover_letter"],
            without_cv=body.validated_data["without_cv"],
            answers=answers_by_question(body.validated_data.get("answers", [])),
        )
        detail = graduate_application_detail(profile=profile, pk=application.pk)
        return Response(
            GraduateApplicationDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED
        )


class GraduateApplicationDetailApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_applications_retrieve",
        responses=GraduateApplicationDetailOutputSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        application = graduate_application_detail(profile=graduate_profile_of(request), pk=pk)
        return Response(GraduateApplicationDetailOutputSerializer(application).data)


class GraduateApplicationWithdrawApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_applications_withdraw",
        request=WithdrawInputSerializer,
        responses=GraduateApplicationDetailOutputSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        profile = graduate_profile_of(request)
        application = graduate_application_detail(profile=profile, pk=pk)
        body = WithdrawInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application_withdraw(
            application=application,
            by=signed_in_user(request),
            note=body.validated_data["note"],
        )
        detail = graduate_application_detail(profile=profile, pk=pk)
        return Response(GraduateApplicationDetailOutputSerializer(detail).data)
