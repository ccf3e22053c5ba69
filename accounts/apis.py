"""REST for accounts: sign-up, who am I, personal API tokens (and, for graduates, export and
deletion of their data)."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from accounts.models import ApiToken, Role, TokenScope
from accounts.token_services import (
    TOKEN_DAYS,
    TOKEN_DAYS_DEFAULT,
    api_token_create,
    api_token_revoke,
)

# --- who am I -----------------------------------------------------------------------------------


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    is_staff = serializers.BooleanField()
    employer_id = serializers.IntegerField(
        allow_null=True, help_text="The company the user acts for (employers only)."
    )


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="accounts_me", responses=MeOutputSerializer, tags=["accounts"])
    def get(self, request: Request) -> Response:
        user = signed_in_user(request)
        membership = getattr(user, "employer_membership", None)
        return Response(
            MeOutputSerializer(
                {
                    "id": user.pk,
                    "email": user.email,
                    "full_name": user.full_name,
                    "role": user.role,
                    "is_staff": user.is_staff,
                    "employer_id": membership.employer_id if membership else None,
                }
            ).data
        )


# --- sign-up ------------------------------------------------------------------------------------


# --- the graduate's data: export and deletion ---------------------------------------------------


# --- personal API tokens ------------------------------------------------------------------------


class ApiTokenOutputSerializer(serializers.ModelSerializer):
    is_live = serializers.BooleanField()

    class Meta:
        model = ApiToken
        fields = [
            "id", "name", "prefix", "scope", "created_at", "expires_at", "last_used_at",
            "revoked_at", "is_live",
        ]  # fmt: skip


class ApiTokenCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    scope = serializers.ChoiceField(choices=TokenScope.choices, default=TokenScope.WRITE)
    days = serializers.ChoiceField(
        choices=TOKEN_DAYS, default=TOKEN_DAYS_DEFAULT, help_text="How long it works, in days."
    )


class ApiTokenCreatedOutputSerializer(ApiTokenOutputSerializer):
    key = serializers.CharField(help_text="The secret: shown only in this answer, never again.")

    class Meta(ApiTokenOutputSerializer.Meta):
        fields = [*ApiTokenOutputSerializer.Meta.fields, "key"]


class ApiTokenListCreateApi(ListAPIView):
    """The caller's own tokens (live first); POST creates one and returns its key once."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return ApiToken.objects.filter(user=signed_in_user(self.request)).order_by(
            "revoked_at", "-id"
        )

    @extend_schema(operation_id="accounts_tokens_list", tags=["accounts"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="accounts_tokens_create",
        request=ApiTokenCreateInputSerializer,
        responses={201: ApiTokenCreatedOutputSerializer},
        tags=["accounts"],
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):  # a leaked token must not outlive its revocation
            raise PermissionDenied(_("Tokens are made on the website, signed in, not by a token."))
        body = ApiTokenCreateInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        created = api_token_create(user=signed_in_user(request), **body.validated_data)
        created.token.key = created.key  # type: ignore[attr-defined]
        output = ApiTokenCreatedOutputSerializer(created.token).data
        return Response(
            output, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"}
        )


class ApiTokenRevokeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="accounts_tokens_revoke", responses={204: None}, tags=["accounts"])
    def delete(self, request: Request, pk: int) -> Response:
        token = get_object_or_404(ApiToken, pk=pk, user=signed_in_user(request))
        api_token_revoke(token=token, by=signed_in_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
