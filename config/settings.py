"""Talent Bridge settings: one env-driven module.

With no environment at all it runs for local development: SQLite, an in-memory cache and Celery
tasks executed in-process. `DATABASE_URL` switches to PostgreSQL (psycopg 3), `REDIS_URL` to Redis
as cache and Celery broker (real workers). `DJANGO_ENV=production` turns on the security settings
and refuses to start without `DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS`. Every variable is
listed in `.env.example`.
"""

import tempfile
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from config.beat import BEAT_SCHEDULE
from config.security import *  # noqa: F403 (the same in every environment)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))

ENVIRONMENT = env.str("DJANGO_ENV", default="development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise environ.ImproperlyConfigured(
        f"DJANGO_ENV must be development, test or production, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION:
    # No defaults: a production process without these fails loudly at start.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise environ.ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name at least one host")
    DEBUG = False
else:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", default="development-only-key-never-use-in-production-0123456789"
    )
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
    )
    DEBUG = env.bool("DJANGO_DEBUG", default=ENVIRONMENT == "development")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, whose forms it extends
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "auditlog",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_countries",
    "phonenumber_field",
    "django_celery_beat",
    "oauth2_provider",
    "core",  # ours from here on
    "accounts",
    "skills",
    "profiles",
    "employers",
    "jobs",
    "training",
    "visas",
    "matching",
    "interviews",
    "partners",
    "webhooks",
    "notifications",
    "conversations",
    "analytics",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "core.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: pre-compressed, never here
    "core.middleware.CompressionMiddleware",
    "core.middleware.HangulFaceMiddleware",  # before compression: it reads the page
    "core.middleware.ApiConditionalGetMiddleware",
    "core.middleware.RateLimitHeadersMiddleware",
    "core.middleware.RequestMemoMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "core.idempotency.IdempotencyMiddleware",  # after sign-in: a replay needs valid credentials
    "accounts.middleware.UserLanguageMiddleware",
    "accounts.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSecondStepMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.site",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

# Every form's widgets through Django's templates, but selects written in Python (same HTML).
FORM_RENDERER = "core.form_rendering.FormRenderer"

# --- Database ---------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A cache that is down is a miss, never an error (django-redis's IGNORE_EXCEPTIONS, logged):
    # throttles, rate limits and cached pages carry on without it, and the readiness check
    # reports it (core.selectors). The timeouts bound what a Redis that hangs costs a request.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered visa answers (a page's content, a route's card, an API response) stay in each
# process, never in Redis: anyone can ask a new question, and they must not fill the broker.
# Their keys carry the rules' version token; course links in them can be TIMEOUT old.
CACHES["answers"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "answers",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 100},
}
CACHES["route_cards"] = {**CACHES["answers"], "LOCATION": "route_cards"}
CACHES["route_cards"]["OPTIONS"] = {"MAX_ENTRIES": 3000}
# Rendered course cards, the job search's form and the nav ({% cache %}), per process: a hit
# costs microseconds, not a round trip. Keys carry what a part shows; anything else (a skill
# renamed) shows within TIMEOUT.
CACHES["template_fragments"] = {**CACHES["answers"], "LOCATION": "template_fragments"}
CACHES["template_fragments"]["OPTIONS"] = {"MAX_ENTRIES": 5000}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# No broker: run every task in-process, right where it is enqueued (after commit).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://"  # never contacted; it only keeps kombu from guessing a host
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message a dead worker held is delivered again after this long; time limits stay below it so
# Redis never re-delivers a running task (the matching reconciler recovers blocks sooner).
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=900)
CELERY_TASK_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT - 60
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT - 90
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
    "socket_timeout": 10,
    "socket_connect_timeout": 5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Task events, for Flower (docker-compose.yml) and `celery events`: what ran where, what failed.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 30
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES_NAMES = ("default", "matching", "notifications")
CELERY_TASK_ROUTES = {
    "matching.tasks.*": {"queue": "matching"},
    "*.tasks.notify_*": {"queue": "notifications"},
}
CELERY_TIMEZONE = "Asia/Seoul"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Synced into django-celery-beat's tables at beat start; staff can edit the timing in the admin.
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE

# --- Auth and accounts ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_FORMS = {"signup": "portal.account.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Talent Bridge] "

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Talent Bridge <no-reply@talentbridge.example>"
)
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Links in e-mails point here (no request to take the host from when a worker sends them).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Graduates get a digest (daily, weekly or none, as each chooses) of new postings that match them
# with at least this score (0-1).
NOTIFICATIONS_DIGEST_MIN_SCORE = env.float("NOTIFICATIONS_DIGEST_MIN_SCORE", default=0.6)

# --- REST framework and the API schema (config/api_settings.py) ---------------------------
from config.api_settings import *  # noqa: E402, F403

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("th", _("Thai")),
]
# The site's catalogues first; then what it adds for its libraries' text (allauth, Django and
# country names in languages those libraries lack: locale_vendor/, kept by hand, README).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
# Model content in several languages (django-modeltranslation): English is the base, and a
# name not yet translated reads in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The ASEAN members' and Korea's names come from the site's catalogues: django-countries has no
# Indonesian or Thai names, and its Korean "타이" is read "태국" in Korea.
COUNTRIES_OVERRIDE = {
    "BN": _("Brunei"), "KH": _("Cambodia"), "ID": _("Indonesia"), "LA": _("Laos"),
    "MY": _("Malaysia"), "MM": _("Myanmar"), "PH": _("Philippines"), "SG": _("Singapore"),
    "TH": _("Thailand"), "VN": _("Vietnam"), "TL": _("Timor-Leste"), "KR": _("South Korea"),
}  # fmt: skip
FORMAT_MODULE_PATH = ["config.formats"]  # what the site changes in Django's local formats
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Static and private files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
# CVs and other personal files: never under a public URL, served only by access-checked views.
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "media" / "private"))
)
CV_MAX_BYTES = env.int("CV_MAX_BYTES", default=5 * 1024 * 1024)
REQUEST_MAX_BYTES = CV_MAX_BYTES + 1024 * 1024  # a CV and its form; larger bodies get 413 unread

# Webhooks go to https and public addresses only; development and tests may use local receivers.
WEBHOOKS_ALLOW_LOCAL = env.bool("WEBHOOKS_ALLOW_LOCAL", default=not PRODUCTION)

# --- Matching ---------------------------------------------------------------------------------
MATCHING_TOP_K = env.int("MATCHING_TOP_K", default=50)
# Graduates per full-run task: each block is scored by one worker, so more workers share a run.
MATCHING_BLOCK_SIZE = env.int("MATCHING_BLOCK_SIZE", default=20000)
# A worker holds a block (or a run's merge) this long at most: the task's time limit ends before
# it; then the reconciler hands the block on. Far above a block's few seconds at 100,000.
MATCHING_BLOCK_LEASE = env.int("MATCHING_BLOCK_LEASE", default=600)
# Where workers keep the incremental matching state between processes (one file per run).
_STATE_DIR = Path(tempfile.gettempdir()) / "talentbridge-matching-state"
MATCHING_STATE_DIR = env.str("MATCHING_STATE_DIR", default=str(_STATE_DIR))
# A run with no progress at all for this long is failed (kept, with the reason, for staff).
MATCHING_STALLED_AFTER = env.int("MATCHING_STALLED_AFTER", default=3600)
# Impressions (ranked lists a user was shown) and job-page views are personal data: deleted daily.
IMPRESSION_RETENTION_DAYS = env.int("IMPRESSION_RETENTION_DAYS", default=400)
# Skills analytics (analytics app): a supply figure is never made of fewer graduates than this.
ANALYTICS_MIN_CELL = env.int("ANALYTICS_MIN_CELL", default=10)
# The funnel's "matched" stage: a best match scoring at least this (0 to 1).
ANALYTICS_MATCH_THRESHOLD = env.float("ANALYTICS_MATCH_THRESHOLD", default=0.6)

# --- Security ---------------------------------------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_ids.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},  # cutting a Korean face logs each table at INFO
    },
}
