"""The REST API's settings: DRF (authentication, fail-closed permissions, JSON bodies, errors,
pagination, throttles) and drf-spectacular's schema (settings.py imports them)."""

import environ

from config.security import TRUSTED_PROXY_COUNT

env = environ.Env()

REST_FRAMEWORK = {
    # A Bearer token first: its class makes a request without credentials a 401, not a 403.
    # Sessions (the site's own htmx calls) keep DRF's CSRF check.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Fail closed: a view that does not name its permission classes refuses everyone.
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.DenyAll"],
    # JSON bodies only (a generated client offers one body type per operation); the uploads of
    # a CV and of a message's attachment say multipart themselves.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.ApiPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "search": env.str("API_THROTTLE_SEARCH", default="120/min"),
        "signup": env.str("API_THROTTLE_SIGNUP", default="10/hour"),
        "apply": env.str("API_THROTTLE_APPLY", default="30/hour"),
        "partner": env.str("API_THROTTLE_PARTNER", default="600/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Talent Bridge API",
    "DESCRIPTION": (
        "Postings, employers, skills, training and visa guidance for everyone; graduates' and "
        "employers' own data with a personal token (`Authorization: Bearer <key>`) or the site's "
        "session. Errors share one shape (`Error`). Guide: docs/api.md."
    ),
    "VERSION": "1.0.0",
    # Swagger UI and its assets come from installed static files (drf_spectacular_sidecar),
    # never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Operations grouped by the segment after /api/v1/ (postings, graduate, employer, staff ...).
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.errors.document_errors",
        "core.api.schema.document_shared_headers",
    ],
    # One name per vocabulary shared by several resources.
    "ENUM_NAME_OVERRIDES": {
        "ApplicationStatusEnum": "jobs.models.ApplicationStatus",
        "PostingStatusEnum": "jobs.models.PostingStatus",
        "RequirementEnum": "jobs.models.Requirement",
        "RunStatusEnum": "matching.models.RunStatus",
        "MemberRoleEnum": "employers.models.MemberRole",
        "UserRoleEnum": "accounts.models.Role",
        "EducationLevelEnum": "core.choices.EducationLevel",
        "VerificationStatusEnum": "employers.models.VerificationStatus",
        "VisaRouteCodeEnum": "visas.rules.pathways.PATHWAY_CODES",
        "MatchNeedEnum": "matching.vocabulary.Need",
        "WebhookEventEnum": "webhooks.models.WebhookEvent",
        "DeliveryStatusEnum": "webhooks.models.DeliveryStatus",
        "PartnerKindEnum": "partners.models.PartnerKind",
    },
}

# Partners' server-to-server access (partners app, docs/api.md "Partner quick start"): OAuth 2
# client credentials that staff issue on approval; an access token lasts an hour, and its
# scopes say what it reaches.
PARTNER_SCOPES = {
    "graduates:read": "The graduates who share their profile with the partner, and their "
    "applications",
    "webhooks": "The partner's webhook endpoints and delivery log",
    "analytics:read": "Skills demand and supply across the platform (aggregates only)",
}
OAUTH2_PROVIDER = {
    "SCOPES": PARTNER_SCOPES,
    "DEFAULT_SCOPES": list(PARTNER_SCOPES),
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("PARTNER_TOKEN_SECONDS", default=3600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": 0,
    "PKCE_REQUIRED": True,
    # RFC 9700 (the OAuth 2.0 security best current practice) throughout: tokens kept as
    # hashes, only in the Authorization header, no implicit or password grants, https only.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
# django-oauth-toolkit's models, named where Django's migrations look for them.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
