"""REST for companies: the public directory of verified employers, a member's own company and
colleagues, and staff verification. Writes go through employers.services."""

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from accounts.permissions import staff_with
from employers.models import (
    CompanyLocation,
    Employer,
    EmployerMember,
    MemberRole,
    VerificationStatus,
)
from employers.permissions import IsEmployerMember, IsEmployerRole, membership_of
from employers.selectors import employer_members
from employers.services import (
    LocationInput,
    colleague_invite,
    employer_register,
    employer_set_verification,
    employer_update,
    member_leave,
)

# --- serializers --------------------------------------------------------------------------------

PUBLIC_FIELDS = ["id", "name", "name_ko", "industry", "size_class", "region", "website"]


class EmployerPublicOutputSerializer(serializers.ModelSerializer):
    """What anyone may know about a verified company."""

    class Meta:
        model = Employer
        fields = PUBLIC_FIELDS


SUPPORT_FIELDS = [
    "housing_support", "visa_support", "korean_classes", "relocation_support", "support_notes",
]  # fmt: skip


class SupportOutputSerializer(serializers.ModelSerializer):
    """What the company offers foreign hires; blank or null: the company has not said."""

    class Meta:
        model = Employer
        fields = SUPPORT_FIELDS


class LocationSerializer(serializers.ModelSerializer):
    """One site of the company (the same shape in and out)."""

    class Meta:
        model = CompanyLocation
        fields = ["city", "region", "label"]


class EmployerPublicProfileOutputSerializer(EmployerPublicOutputSerializer):
    """A verified company as its public page shows it: sites and support for foreign hires."""

    locations = LocationSerializer(many=True, read_only=True)
    support = SupportOutputSerializer(source="*", read_only=True)

    class Meta(EmployerPublicOutputSerializer.Meta):
        fields = [*PUBLIC_FIELDS, "locations", "support"]


class CompanyInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = [
            "name", "name_ko", "business_registration_number", "industry", "size_class",
            "region", "address", "website", "description", *SUPPORT_FIELDS,
        ]  # fmt: skip


class CompanyUpdateInputSerializer(CompanyInputSerializer):
    locations = LocationSerializer(
        many=True,
        required=False,
        help_text="The full list of sites, in order; it replaces the stored one.",
    )

    class Meta(CompanyInputSerializer.Meta):
        fields = [*CompanyInputSerializer.Meta.fields, "locations"]


class CompanyOutputSerializer(serializers.ModelSerializer):
    is_verified = serializers.BooleanField()
    locations = LocationSerializer(many=True, read_only=True)

    class Meta:
        model = Employer
        fields = [
            *CompanyInputSerializer.Meta.fields,
            "locations",
            "id", "verification_status", "verified_at", "is_verified", "created_at",
        ]  # fmt: skip


class MemberOutputSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")

    class Meta:
        model = EmployerMember
        fields = ["id", "email", "full_name", "role", "joined_at"]


class ColleagueInvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=MemberRole.choices, default=MemberRole.RECRUITER)


class ColleagueInvitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=MemberRole.choices)
    expires_at = serializers.DateTimeField()


class StaffEmployerOutputSerializer(CompanyOutputSerializer):
    verification_note = serializers.CharField()
    verified_by = serializers.EmailField(source="verified_by.email", allow_null=True)
    members = serializers.IntegerField(source="members_count")

    class Meta(CompanyOutputSerializer.Meta):
        fields = [
            *CompanyOutputSerializer.Meta.fields,
            "verification_note",
            "verified_by",
            "members",
        ]


class VerificationInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=VerificationStatus.choices)
    note = serializers.CharField(
        allow_blank=True, default="", max_length=2000, help_text="Why; kept with who and when."
    )


# --- public -------------------------------------------------------------------------------------


# --- the member's own company -------------------------------------------------------------------


class CompanyApi(APIView):
    """The caller's own company. POST registers one (pending verification) for an employer
    account without a company; GET and PATCH need a membership (404 without one)."""

    permission_classes = [IsEmployerRole]

    def _membership(self, request: Request) -> EmployerMember:
        membership = (
            EmployerMember.objects.select_related("employer")
            .filter(user=signed_in_user(request))
            .first()
        )
        if membership is None:
            raise Http404  # no company yet
        return membership

    @extend_schema(operation_id="employer_company_retrieve", responses=CompanyOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(CompanyOutputSerializer(self._membership(request).employer).data)

    @extend_schema(
        operation_id="employer_company_register",
        request=CompanyInputSerializer,
        responses={201: CompanyOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = CompanyInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        employer = employer_register(
            user=signed_in_user(request), employer=Employer(**body.validated_data)
        )
        return Response(CompanyOutputSerializer(employer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="employer_company_update",
        request=CompanyUpdateInputSerializer(partial=True),
        responses=CompanyOutputSerializer,
    )
    def patch(self, request: Request) -> Response:
        employer = self._membership(request).employer
        body = CompanyUpdateInputSerializer(employer, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        sites = body.validated_data.pop("locations", None)
        for name, value in body.validated_data.items():
            setattr(employer, name, value)
        employer = employer_update(
            employer=employer,
            by=signed_in_user(request),
            locations=None if sites is None else [LocationInput(**site) for site in sites],
        )
        return Response(CompanyOutputSerializer(employer).data)


class MemberListApi(ListAPIView):
    """The members of the caller's company."""

    permission_classes = [IsEmployerMember]
    serializer_class = MemberOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[EmployerMember]:
        return employer_members(employer=membership_of(self.request).employer).select_related(
            "user"
        )

    @extend_schema(operation_id="employer_members_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MemberInviteApi(APIView):
    """Invite a colleague by e-mail (the link goes by e-mail only); owners may invite owners."""

    permission_classes = [IsEmployerMember]

    @extend_schema(
        operation_id="employer_members_invite",
        request=ColleagueInvitationInputSerializer,
        responses={201: ColleagueInvitationOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        body = ColleagueInvitationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invitation, _token = colleague_invite(
            employer=membership_of(request).employer,
            by=signed_in_user(request),
            **body.validated_data,
        )
        return Response(
            ColleagueInvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED
        )


class MemberLeaveApi(APIView):
    """The caller leaves their company (the last owner cannot)."""

    permission_classes = [IsEmployerMember]

    @extend_schema(operation_id="employer_members_leave", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        member_leave(member=membership_of(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- staff --------------------------------------------------------------------------------------


def _staff_employers() -> QuerySet[Employer]:
    return (
        Employer.objects.select_related("verified_by")
        .prefetch_related("locations")
        .annotate(members_count=Count("members"))
        .order_by("verification_status", "name", "id")
    )


class StaffEmployerListApi(ListAPIView):
    """Every company with its verification; `?verification_status=pending` for the queue."""

    permission_classes = [staff_with("employers.view_employer")]
    serializer_class = StaffEmployerOutputSerializer
    filterset_fields = ["verification_status", "industry", "region"]

    def get_queryset(self) -> QuerySet[Employer]:
        return _staff_employers()

    @extend_schema(operation_id="staff_employers_list", tags=["staff"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class StaffEmployerVerificationApi(APIView):
    """Record a decision on a company (verified, rejected, or back to pending) with a note."""

    permission_classes = [staff_with("employers.change_employer")]

    @extend_schema(
        operation_id="staff_employers_verify",
        request=VerificationInputSerializer,
        responses=StaffEmployerOutputSerializer,
        tags=["staff"],
    )
    def post(self, request: Request, pk: int) -> Response:
        employer = get_object_or_404(Employer, pk=pk)
        body = VerificationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        employer_set_verification(
            employer=employer,
            status=body.validated_data["status"],
            by=signed_in_user(request),
            note=body.validated_data["note"],
        )
        return Response(StaffEmployerOutputSerializer(_staff_employers().get(pk=pk)).data)
