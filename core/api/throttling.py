"""Scoped throttles: search, signup, apply and partner, with rates from settings (env-driven).

Counted per partner client when an OAuth 2 access token calls, per user when signed in, else
per client address. Each answer from a throttled endpoint
says what is left: `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until
the window frees a request). The rate is read on each request from
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (DRF reloads it when settings change), so deployments
tune it with API_THROTTLE_* variables and tests can tighten it with override_settings.
"""

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView


class _ScopeThrottle(SimpleRateThrottle):
    scope = ""

    def allow_request(self, request: Request, view: APIView) -> bool:
        allowed = super().allow_request(request, view)
        if self.rate is not None:
            _note_limit(request, self)
        return allowed

    def get_rate(self) -> str | None:
        # Rates are strings ("20/min"); DRF's stubs type them as numbers.
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[assignment]
        return rate

    def get_cache_key(self, request: Request, view: APIView) -> str:
        user, client = request.user, getattr(request.auth, "application_id", None)
        if client is not None:
            ident = f"client-{client}"
        elif user and user.is_authenticated:
            ident = f"user-{user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _note_limit(request: Request, throttle: Any) -> None:
    """What the caller has left of this throttle's window, for the RateLimit-* headers
    (core.middleware.RateLimitHeadersMiddleware); the tightest throttle of the view wins."""
    limit = throttle.num_requests or 0
    remaining = max(0, limit - len(throttle.history))
    window = throttle.duration or 0
    reset = int(window - (throttle.now - throttle.history[-1])) if throttle.history else window
    noted = getattr(request._request, "rate_limit", None)
    if noted is None or remaining < noted[1]:
        request._request.rate_limit = (limit, remaining, max(0, reset))  # type: ignore[attr-defined]


class SearchThrottle(_ScopeThrottle):
    """Search and autocomplete: cheap for us one by one, costly when scraped."""

    scope = "search"


class SignupThrottle(_ScopeThrottle):
    scope = "signup"


class ApplyThrottle(_ScopeThrottle):
    """Only creating an application counts; reading one's history does not."""

    scope = "apply"

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


class PartnerThrottle(_ScopeThrottle):
    """Every call of the partner API, per partner client."""

    scope = "partner"
