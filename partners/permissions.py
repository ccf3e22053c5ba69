"""Who is the calling partner: an approved one whose access token has the view's scopes."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import AccessToken
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from partners.models import Partner, PartnerStatus

_CACHE = "_calling_partner"


def calling_partner(request: Request) -> Partner | None:
    """The approved partner whose token made the request (looked up once per request)."""
    if not hasattr(request, _CACHE):
        token = request.auth
        partner = None
        if isinstance(token, AccessToken) and token.application_id is not None:
            partner = Partner.objects.filter(
                application_id=token.application_id, status=PartnerStatus.APPROVED
            ).first()
        setattr(request, _CACHE, partner)
    found: Partner | None = getattr(request, _CACHE)
    return found


def partner_of(request: Request) -> Partner:
    """The calling partner, for views behind `IsApprovedPartner`."""
    partner = calling_partner(request)
    assert partner is not None, "use IsApprovedPartner on this view"
    return partner


class IsApprovedPartner(BasePermission):
    """An approved partner's access token with every scope the view's `required_scopes` names."""

    message = _(
        "Only an approved partner's access token, with the scope this endpoint needs, can do this."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, AccessToken) or calling_partner(request) is None:
            return False
        return bool(token.allow_scopes(getattr(view, "required_scopes", [])))
