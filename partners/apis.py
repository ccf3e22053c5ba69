"""The partner API (OAuth 2 client credentials: partners.authentication) and the graduate's
choice of partners to share with (their personal token or session)."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import ChangeFeedInputSerializer, ChangeFeedPagination
from core.api.throttling import PartnerThrottle
from jobs.models import Application
from partners.authentication import PartnerTokenAuthentication
from partners.models import Partner, PartnerShare
from partners.permissions import IsApprovedPartner, partner_of
from partners.selectors import (
    partner_applications_changed,
    partner_approved_by_pk,
    partner_graduates_changed,
    partner_shares_of,
    partners_approved,
)
from partners.services import partner_share_grant, partner_share_withdraw
from profiles.models import EducationRecord, GraduateProfile, GraduateSkill
from profiles.permissions import IsGraduate, graduate_profile_of


class PartnerApiView(APIView):
    """The partner API's rules: its token only, its scopes, its own rate."""

    authentication_classes = [PartnerTokenAuthentication]
    permission_classes = [IsApprovedPartner]
    throttle_classes = [PartnerThrottle]
    required_scopes: list[str] = []


# --- the partner's own view ---------------------------------------------------------------------


def _country() -> Any:
    return serializers.CharField(help_text="ISO 3166-1 alpha-2 code (blank: not given).")


class PartnerOutputSerializer(serializers.ModelSerializer[Partner]):
    country = _country()

    class Meta:
        model = Partner
        fields = ["id", "name", "kind", "country", "website", "description"]


class PartnerSelfOutputSerializer(PartnerOutputSerializer):
    scopes = serializers.ListField(child=serializers.CharField(), help_text="The token's scopes.")

    class Meta(PartnerOutputSerializer.Meta):
        fields = [*PartnerOutputSerializer.Meta.fields, "scopes"]


class PartnerSelfApi(PartnerApiView):
    """Who the token speaks for, and what it may reach."""

    @extend_schema(operation_id="partner_self", responses=PartnerSelfOutputSerializer)
    def get(self, request: Request) -> Response:
        partner = partner_of(request)
        partner.scopes = sorted(request.auth.scope.split())  # type: ignore[attr-defined,union-attr]
        return Response(PartnerSelfOutputSerializer(partner).data)


class SharedEducationSerializer(serializers.ModelSerializer[EducationRecord]):
    field_of_study = serializers.CharField(source="field_of_study.name")
    country = _country()

    class Meta:
        model = EducationRecord
        fields = [
            "level",
            "field_of_study",
            "programme",
            "institution",
            "country",
            "graduation_year",
        ]


class SharedSkillSerializer(serializers.ModelSerializer[GraduateSkill]):
    skill = serializers.CharField(source="skill.name")

    class Meta:
        model = GraduateSkill
        fields = ["skill", "level"]


class SharedGraduateSerializer(serializers.ModelSerializer[GraduateProfile]):
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    education = SharedEducationSerializer(many=True)
    skills = SharedSkillSerializer(many=True)
    nationality = _country()
    current_country = _country()

    class Meta:
        model = GraduateProfile
        fields = [
            "full_name", "email", "nationality", "current_country", "topik_level",
            "english_test", "english_score", "education", "skills",
        ]  # fmt: skip


class PartnerGraduateChangeSerializer(serializers.ModelSerializer[PartnerShare]):
    graduate_id = serializers.IntegerField(source="graduate_number")
    sharing = serializers.BooleanField(
        source="is_live", help_text="False: the graduate stopped sharing; delete what you kept."
    )
    graduate = serializers.SerializerMethodField()

    class Meta:
        model = PartnerShare
        fields = ["graduate_id", "sharing", "granted_at", "updated_at", "graduate"]

    @extend_schema_field(SharedGraduateSerializer(allow_null=True))
    def get_graduate(self, share: PartnerShare) -> dict[str, Any] | None:
        if not share.is_live:
            return None
        return dict(SharedGraduateSerializer(share.graduate).data)


class _ChangeFeed(PartnerApiView, ListAPIView):  # type: ignore[type-arg]
    pagination_class = ChangeFeedPagination
    filter_backends: list[type] = []
    required_scopes = ["graduates:read"]

    def since(self) -> Any:
        query = ChangeFeedInputSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data.get("updated_since")


class PartnerGraduateChangesApi(_ChangeFeed):
    """The graduates who share their profile with the partner, changed after `updated_since`
    (all without it: the first sync), oldest change first. A graduate who stopped sharing, or
    deleted their account, comes once more with `sharing: false` and no profile."""

    serializer_class = PartnerGraduateChangeSerializer

    def get_queryset(self) -> Any:
        return partner_graduates_changed(partner=partner_of(self.request), since=self.since())

    @extend_schema(operation_id="partner_graduates_changes", parameters=[ChangeFeedInputSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PartnerApplicationChangeSerializer(serializers.ModelSerializer[Application]):
    graduate_id = serializers.IntegerField()
    posting_id = serializers.IntegerField()
    posting_title = serializers.CharField(source="posting.title")
    company = serializers.CharField(source="posting.employer.name")

    class Meta:
        model = Application
        fields = [
            "id", "graduate_id", "posting_id", "posting_title", "company", "status",
            "status_changed_at", "created_at", "updated_at",
        ]  # fmt: skip


class PartnerApplicationChangesApi(_ChangeFeed):
    """The applications of the graduates who share with the partner now, changed after
    `updated_since`, oldest change first (their stage, not their letters or answers)."""

    serializer_class = PartnerApplicationChangeSerializer

    def get_queryset(self) -> Any:
        return partner_applications_changed(partner=partner_of(self.request), since=self.since())

    @extend_schema(
        operation_id="partner_applications_changes", parameters=[ChangeFeedInputSerializer]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- the graduate's choice ----------------------------------------------------------------------


class PartnerChoiceOutputSerializer(PartnerOutputSerializer):
    sharing = serializers.BooleanField(help_text="The graduate shares their profile with it now.")
    shared_since = serializers.DateTimeField(allow_null=True)

    class Meta(PartnerOutputSerializer.Meta):
        fields = [*PartnerOutputSerializer.Meta.fields, "sharing", "shared_since"]


class ShareInputSerializer(serializers.Serializer[Any]):
    sharing = serializers.BooleanField(
        help_text="True: share your profile and applications' stages with this partner; "
        "false: stop (it reads nothing more of you from now)."
    )


def _with_choice(partner: Partner, share: PartnerShare | None) -> Partner:
    live = share is not None and share.is_live
    partner.sharing = live  # type: ignore[attr-defined]
    partner.shared_since = share.granted_at if live and share else None  # type: ignore[attr-defined]
    return partner


class GraduatePartnerListApi(ListAPIView):  # type: ignore[type-arg]
    """The approved partners, and whether the graduate shares with each."""

    permission_classes = [IsGraduate]
    serializer_class = PartnerChoiceOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return partners_approved()

    def paginate_queryset(self, queryset: Any) -> Any:
        page: list[Partner] | None = super().paginate_queryset(queryset)
        shares = partner_shares_of(graduate=graduate_profile_of(self.request))
        for partner in page or []:
            _with_choice(partner, shares.get(partner.pk))
        return page


class GraduatePartnerShareApi(APIView):
    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="graduate_partner_share",
        request=ShareInputSerializer,
        responses=PartnerChoiceOutputSerializer,
    )
    def put(self, request: Request, pk: int) -> Response:
        data = ShareInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            partner = partner_approved_by_pk(pk=pk)
        except Partner.DoesNotExist:
            raise Http404 from None
        graduate = graduate_profile_of(request)
        if data.validated_data["sharing"]:
            share: PartnerShare | None = partner_share_grant(graduate=graduate, partner=partner)
        else:
            share = partner_share_withdraw(graduate=graduate, partner=partner)
        return Response(PartnerChoiceOutputSerializer(_with_choice(partner, share)).data)
