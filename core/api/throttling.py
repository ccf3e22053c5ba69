"""Scoped throttles: search, signup and apply, with rates from settings (env-driven).

Counted per user when signed in, else per client address. The rate is read on each request from
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (DRF reloads it when settings change), so deployments
tune it with API_THROTTLE_* variables and tests can tighten it with override_settings.
"""

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView


class _ScopeThrottle(SimpleRateThrottle):
    scope = ""

    def get_rate(self) -> str | None:
        # Rates are strings ("20/min"); DRF's stubs type them as numbers.
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[assignment]
        return rate

    def get_cache_key(self, request: Request, view: APIView) -> str:
        user = request.user
        ident = f"user-{user.pk}" if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


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
