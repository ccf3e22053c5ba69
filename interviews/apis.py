"""Interviews through the API. Employers (members of the verified company) propose, see,
reschedule and cancel, with times in Korea time (a time without an offset is read as KST);
graduates list their interviews with every time also written in their own zone, book one
time and cancel. Anyone else's interview, or application, is 404."""

from typing import Any
from zoneinfo import ZoneInfo

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from core.timezones import KOREA, moment_in_zone
from employers.permissions import IsVerifiedEmployerMember
from interviews.models import DURATION_MAX, DURATION_MIN, Interview, InterviewMode
from interviews.selectors import graduate_interviews, interview_for_graduate, interview_for_member
from interviews.services import (
    MAX_SLOTS,
    interview_book,
    interview_cancel,
    interview_propose,
    interview_reschedule,
)
from jobs.models import Application
from jobs.selectors import application_for_member
from profiles.permissions import IsGraduate, graduate_profile_of


class InterviewInputSerializer(serializers.Serializer):
    slots = serializers.ListField(
        child=serializers.DateTimeField(default_timezone=ZoneInfo(KOREA)),
        min_length=1,
        max_length=MAX_SLOTS,
        help_text="1-5 start times; without an offset they are Korea time (KST).",
    )
    mode = serializers.ChoiceField(choices=InterviewMode.choices, default=InterviewMode.VIDEO)
    video_link = serializers.CharField(allow_blank=True, default="", max_length=300)
    place = serializers.CharField(allow_blank=True, default="", max_length=200)
    duration_minutes = serializers.IntegerField(
        min_value=DURATION_MIN, max_value=DURATION_MAX, default=45
    )
    note = serializers.CharField(allow_blank=True, default="", max_length=1000)


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, default="", max_length=500)


class BookInputSerializer(serializers.Serializer):
    slot = serializers.IntegerField(help_text="The id of one of the interview's slots.")


class SlotOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField(help_text="In UTC.")
    shown = serializers.CharField(help_text="In the reader's zone, with Korea time beside it.")
    is_booked = serializers.BooleanField()


class InterviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    posting_title = serializers.CharField(source="application.posting.title")
    company = serializers.CharField(source="application.posting.employer.name")
    status = serializers.CharField()
    mode = serializers.CharField()
    video_link = serializers.CharField()
    place = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    note = serializers.CharField()
    sequence = serializers.IntegerField()
    booked_at = serializers.DateTimeField(source="starts_at", allow_null=True)
    time_zone = serializers.SerializerMethodField()
    slots = serializers.SerializerMethodField()
    cancelled_by = serializers.CharField()
    cancel_reason = serializers.CharField()

    def get_time_zone(self, interview: Interview) -> str:
        return str(self.context.get("zone", KOREA))

    @extend_schema_field(SlotOutputSerializer(many=True))
    def get_slots(self, interview: Interview) -> list[dict[str, Any]]:
        zone = self.context.get("zone", KOREA)
        return [
            {
                "id": slot.pk,
                "starts_at": slot.starts_at,
                "shown": moment_in_zone(slot.starts_at, zone),
                "is_booked": slot.pk == interview.booked_slot_id,
            }
            for slot in interview.slots.all()
        ]


def _shown(interview: Interview, zone: str = KOREA) -> dict[str, Any]:
    return dict(InterviewOutputSerializer(interview, context={"zone": zone}).data)


def _member_interview(request: Request, pk: int) -> Interview:
    try:
        return interview_for_member(user=signed_in_user(request), pk=pk)
    except Interview.DoesNotExist:
        raise Http404 from None


def _member_application(request: Request, pk: int) -> Application:
    try:
        return application_for_member(user=signed_in_user(request), pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


class EmployerInterviewProposeApi(APIView):
    """Propose 1-5 times for an application's interview (one active interview at a time)."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(operation_id="employer_interview_propose", request=InterviewInputSerializer,
                   responses={201: InterviewOutputSerializer})  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        application = _member_application(request, pk)
        body = InterviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        interview = interview_propose(
            application=application, by=signed_in_user(request), **body.validated_data
        )
        fresh = _member_interview(request, interview.pk)
        return Response(_shown(fresh), status=status.HTTP_201_CREATED)


class EmployerInterviewDetailApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(operation_id="employer_interview", responses=InterviewOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_shown(_member_interview(request, pk)))


class EmployerInterviewRescheduleApi(APIView):
    """New times: a booked interview goes back to proposed and the graduate picks again."""

    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(operation_id="employer_interview_reschedule", request=InterviewInputSerializer,
                   responses=InterviewOutputSerializer)  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        interview = _member_interview(request, pk)
        body = InterviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        interview_reschedule(interview=interview, by=signed_in_user(request), **body.validated_data)
        return Response(_shown(_member_interview(request, pk)))


class EmployerInterviewCancelApi(APIView):
    permission_classes = [IsVerifiedEmployerMember]

    @extend_schema(operation_id="employer_interview_cancel", request=CancelInputSerializer,
                   responses=InterviewOutputSerializer)  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        interview = _member_interview(request, pk)
        body = CancelInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        interview_cancel(interview=interview, by=signed_in_user(request), **body.validated_data)
        return Response(_shown(_member_interview(request, pk)))


def _graduate_interview(request: Request, pk: int) -> Interview:
    try:
        return interview_for_graduate(profile=graduate_profile_of(request), pk=pk)
    except Interview.DoesNotExist:
        raise Http404 from None


def _zone(request: Request) -> str:
    return graduate_profile_of(request).effective_time_zone


class GraduateInterviewListApi(APIView):
    """The graduate's interviews, every time also written in their zone."""

    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_interviews", responses=InterviewOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        zone = _zone(request)
        found = graduate_interviews(profile=graduate_profile_of(request))
        return Response([_shown(interview, zone) for interview in found])


class GraduateInterviewDetailApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_interview", responses=InterviewOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_shown(_graduate_interview(request, pk), _zone(request)))


class GraduateInterviewBookApi(APIView):
    """Book one proposed time; booking the same time again changes nothing."""

    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_interview_book", request=BookInputSerializer,
                   responses=InterviewOutputSerializer)  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        interview = _graduate_interview(request, pk)
        body = BookInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        interview_book(interview=interview, slot_id=body.validated_data["slot"],
                       by=signed_in_user(request))  # fmt: skip
        return Response(_shown(_graduate_interview(request, pk), _zone(request)))


class GraduateInterviewCancelApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(operation_id="graduate_interview_cancel", request=CancelInputSerializer,
                   responses=InterviewOutputSerializer)  # fmt: skip
    def post(self, request: Request, pk: int) -> Response:
        interview = _graduate_interview(request, pk)
        body = CancelInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        interview_cancel(interview=interview, by=signed_in_user(request), **body.validated_data)
        return Response(_shown(_graduate_interview(request, pk), _zone(request)))
