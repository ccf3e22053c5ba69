"""`Authorization: Bearer <access token>` from /o/token/ (OAuth 2 client credentials), on the
partner API only (its views name this class alone; personal tokens, `tb_...`, are not theirs).

django-oauth-toolkit checks the token (known, not expired, not revoked); the partner behind it
and its scopes are checked by `partners.permissions.IsApprovedPartner`. A partner is nobody's
account: the request's user is anonymous and `request.auth` the access token.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from oauth2_provider.models import AccessToken
from oauth2_provider.oauth2_backends import get_oauthlib_core
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

PERSONAL_KEY_PREFIX = b"tb_"  # accounts.token_services.KEY_PREFIX


class PartnerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[AnonymousUser, AccessToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2 or parts[1].startswith(PERSONAL_KEY_PREFIX):
            raise exceptions.AuthenticationFailed(
                _("Send a partner access token from /o/token/ as: Bearer <token>.")
            )
        valid, answer = get_oauthlib_core().verify_request(request._request, scopes=[])
        if not valid:
            raise exceptions.AuthenticationFailed(
                _("The access token is not valid or has expired: ask /o/token/ for a new one.")
            )
        return AnonymousUser(), answer.access_token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="partner-api"'


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    """Documents the partner API's security as OAuth 2 client credentials with its scopes."""

    target_class = "partners.authentication.PartnerTokenAuthentication"
    name = "partnerOAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "description": "Client credentials staff issue to an approved partner (docs/api.md).",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/o/token/",
                    "scopes": settings.PARTNER_SCOPES,
                }
            },
        }

    def get_security_requirement(self, auto_schema: Any) -> dict[str, list[str]]:
        scopes = getattr(auto_schema.view, "required_scopes", [])
        return {self.name: list(scopes)}
