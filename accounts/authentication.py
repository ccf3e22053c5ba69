"""`Authorization: Bearer <key>` with a personal API token (accounts.ApiToken).

A request without a Bearer header is left to the next class (the session); a Bearer header with
an unknown, revoked, expired or malformed key, a key of a deactivated user or one made before
the user's last password change, is refused with 401. A read token that tries to write: 403.
The request goes on in the language of the token's account, as a signed-in page would.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from accounts.middleware import user_language_activate
from accounts.models import ApiToken, TokenScope, User
from accounts.token_services import api_token_hash, api_token_record_use, api_token_usable

KEYWORD = "Bearer"


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Bearer <token>."))
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=api_token_hash(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not api_token_usable(token=token):
            raise exceptions.AuthenticationFailed(
                _("The token is not valid, has expired or has been revoked.")
            )
        if token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This token can only read; make a write token."))
        api_token_record_use(token=token)
        user_language_activate(request._request, token.user)  # its messages in their language
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return f'{KEYWORD} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Documents the token in the OpenAPI schema as HTTP bearer authentication."""

    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from /accounts/tokens/ (shown once).",
        }
