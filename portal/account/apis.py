"""The account endpoints that reach beyond accounts: sign-up (which gives a graduate a profile),
the data export (everything every app holds) and deleting a graduate's account."""

from typing import Any

from allauth.account.utils import complete_signup
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import signed_in_user
from accounts.models import Role
from core.api.throttling import SignupThrottle
from portal.account.deletion import graduate_account_delete_everywhere
from portal.account.forms import AccountDeleteForm, SignupForm
from portal.account.selectors import user_data_export
from profiles.permissions import IsGraduate


class SignupInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, help_text="At least 8 characters."
    )
    full_name = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=[Role.GRADUATE, Role.EMPLOYER])
    accept_terms = serializers.BooleanField(
        required=False,
        default=False,
        help_text="I accept the terms of use and the privacy notice (required to sign up).",
    )


class SignupOutputSerializer(serializers.Serializer):
    detail = serializers.CharField()


# API field -> the sign-up form's fields it fills (the form is the site's own, so both agree).
_FORM_FIELDS = {"password": ("password1", "password2")}


class SignupApi(APIView):
    """The site's own sign-up (same form, rules and e-mail), for apps: the account can be used
    once the address is verified through the link in the e-mail."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [SignupThrottle]

    @extend_schema(
        operation_id="accounts_signup",
        request=SignupInputSerializer,
        responses={201: SignupOutputSerializer},
        tags=["accounts"],
    )
    def post(self, request: Request) -> Response:
        body = SignupInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = SignupForm(data=self._form_data(body.validated_data, SignupForm))
        if not form.is_valid():
            raise serializers.ValidationError(self._api_errors(form))
        user, _response = form.try_save(request._request)
        if user is not None:  # None: the address has an account; that owner gets an e-mail
            complete_signup(request._request, user, settings.ACCOUNT_EMAIL_VERIFICATION, "/")
        # The same answer whether or not the address was already registered (no enumeration).
        return Response(
            {"detail": _("Check your e-mail: follow the link in it to verify your address.")},
            status=status.HTTP_201_CREATED,
        )

    @staticmethod
    def _consent_fields(form_class: type[forms.Form]) -> list[str]:
        return [
            name
            for name, field in form_class.base_fields.items()
            if isinstance(field, forms.BooleanField) and field.required
        ]

    def _form_data(self, data: dict[str, Any], form_class: type[forms.Form]) -> dict[str, Any]:
        form_data = {
            "email": data["email"],
            "password1": data["password"],
            "password2": data["password"],
            "full_name": data["full_name"],
            "role": data["role"],
        }
        if data["accept_terms"]:
            form_data.update(dict.fromkeys(self._consent_fields(form_class), "on"))
        return form_data

    def _api_errors(self, form: forms.Form) -> dict[str, list[str]]:
        consent = set(self._consent_fields(type(form)))
        errors: dict[str, list[str]] = {}
        for name, messages in form.errors.items():
            if name in consent:
                key = "accept_terms"
            else:
                key = next((k for k, v in _FORM_FIELDS.items() if name in v), name)
            errors.setdefault(key, [])
            # An ErrorList yields its messages as str; django-stubs says ValidationError | str.
            errors[key].extend(m for m in messages if m not in errors[key])  # type: ignore[misc]
        return errors


class AccountDeleteInputSerializer(serializers.Serializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    confirm = serializers.BooleanField(
        help_text="True: I understand that my profile, CV, applications and matches go for good."
    )


class ExportApi(APIView):
    """Everything the platform holds about the caller, as JSON (the CV file is downloaded from
    /api/v1/graduate/cv/)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="accounts_export", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        data = user_data_export(user=signed_in_user(request))
        return Response(
            data,
            headers={
                "Content-Disposition": 'attachment; filename="talent-bridge-data.json"',
                "Cache-Control": "private, no-store",
            },
        )


class AccountDeleteApi(APIView):
    """A graduate deletes their account and everything in it, with their password."""

    permission_classes = [IsGraduate]

    @extend_schema(
        operation_id="accounts_delete", request=AccountDeleteInputSerializer, responses={204: None}
    )
    def post(self, request: Request) -> Response:
        body = AccountDeleteInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = signed_in_user(request)
        form = AccountDeleteForm(
            data={
                "password": body.validated_data["password"],
                "confirm": "on" if body.validated_data["confirm"] else "",
            },
            user=user,
        )
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)  # type: ignore[arg-type]  # takes an ErrorDict
        graduate_account_delete_everywhere(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
