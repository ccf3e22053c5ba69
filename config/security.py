"""Security settings that are the same in every environment (settings.py imports them; its
production part adds the HTTPS-only ones): passwords, sessions, rate limits, and the response
headers that limit what a page may load and use.

Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests from the site
itself only; no inline script or style, no eval, no plugins, no framing, forms post only here.
The site has no inline scripts (htmx and site.js are files; htmx's own indicator styles are off)
and the API docs use drf-spectacular's split Swagger view, whose set-up script is a file too.
Permissions-Policy (django-permissions-policy): no camera, microphone, location, payment or USB.
"""

import environ
from csp.constants import NONE, SELF

env = environ.Env()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Proxies in front of the site that append to X-Forwarded-For (0: none, the connection's address
# is the client's, and a forged header changes nothing). Every rate limit reads it.
TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Candidates' profiles and CVs a member may open per window (seconds); then 429.
CANDIDATE_READS_MAX = env.int("CANDIDATE_READS_MAX", default=60)
CANDIDATE_READS_WINDOW = env.int("CANDIDATE_READS_WINDOW", default=600)

# A session ends 30 minutes after the last request or 12 hours after signing in (ASVS L2).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = SESSION_COOKIE_AGE = env.int("SESSION_ABSOLUTE_SECONDS", default=43200)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions are written to the database and kept in the cache, so a signed-in request reads no
# session row; ending a session (signing out, "sign out my other sessions") removes both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "payment", "usb",
    )
}  # fmt: skip

# How long records about people are kept, in days, before the daily tasks delete them (the
# tasks run on the Celery beat; see docs/security.md). Impressions: IMPRESSION_RETENTION_DAYS.
RETENTION_DAYS = {
    "email_deliveries": env.int("RETENTION_EMAIL_DAYS", default=90),  # sent or failed
    "notifications": env.int("RETENTION_NOTIFICATION_DAYS", default=365),
    "candidate_accesses": env.int("RETENTION_CANDIDATE_ACCESS_DAYS", default=730),
    "unverified_signups": env.int("RETENTION_UNVERIFIED_SIGNUP_DAYS", default=7),
    "audit_log": env.int("RETENTION_AUDIT_LOG_DAYS", default=730),
}

# Where people write about their personal data (the privacy notice at /privacy/ names it).
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="privacy@talentbridge.example")

# The audit log (django-auditlog; staff read it in the admin): what staff and owners decide and
# who did it. Verification decisions, roles and staff powers, group permissions, API tokens;
# deletions of these too. No e-mail address or name is tracked as a change.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {
        "model": "employers.employer",
        "include_fields": [
            "verification_status", "verification_note", "name", "name_ko",
            "business_registration_number",
        ],
    },
    {"model": "employers.employermember", "include_fields": ["role"]},
    {
        "model": "accounts.user",
        "include_fields": ["role", "is_active", "is_staff", "is_superuser"],
        "m2m_fields": ["groups"],
    },
    {"model": "accounts.apitoken", "include_fields": ["scope", "expires_at", "revoked_at"]},
    {"model": "auth.group", "m2m_fields": ["permissions"]},
)  # fmt: skip

# Two-step sign-in (django-allauth's mfa): an authenticator app (TOTP) with recovery codes.
# Required for staff (accounts.middleware.StaffSecondStepMiddleware), offered to everyone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Talent Bridge"
# A code from the 30 seconds before or after is accepted too (RFC 6238's one step of drift): a
# code typed as the period turns, or a phone's clock a little off, still works; each code still
# works once.
MFA_TOTP_TOLERANCE = 1

# Pages compressed with gzip (core.middleware.CompressionMiddleware), except those that show a
# secret the reader did not send (BREACH: a secret in a compressed page can be guessed from its
# length): a new API token, the authenticator's key and the recovery codes. CSRF tokens are
# masked anew in every response, and Django's gzip pads each response with random bytes.
UNCOMPRESSED_PATHS = ("/accounts/tokens/", "/accounts/2fa/")

# What settings.py takes from here: every setting above (a test holds the list complete).
__all__ = [
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "AUDITLOG_INCLUDE_TRACKING_MODELS",
    "AUTH_PASSWORD_VALIDATORS",
    "CANDIDATE_READS_MAX",
    "CANDIDATE_READS_WINDOW",
    "CONTENT_SECURITY_POLICY",
    "MFA_SUPPORTED_TYPES",
    "MFA_TOTP_ISSUER",
    "MFA_TOTP_TOLERANCE",
    "PERMISSIONS_POLICY",
    "PRIVACY_CONTACT_EMAIL",
    "RETENTION_DAYS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_REFERRER_POLICY",
    "SESSION_ABSOLUTE_SECONDS",
    "SESSION_COOKIE_AGE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_ENGINE",
    "SESSION_IDLE_SECONDS",
    "TRUSTED_PROXY_COUNT",
    "UNCOMPRESSED_PATHS",
    "X_FRAME_OPTIONS",
]
