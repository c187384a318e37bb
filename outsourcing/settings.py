"""Settings from the environment, with embedded defaults that just work for the demo.

Unset DATABASE_URL → a SQLite file here; unset REDIS_URL → Celery runs tasks eagerly;
unset EMAIL_HOST → emails are printed to the console.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


# Safe by default: DEBUG is off unless set, and then the app needs a real SECRET_KEY (it signs
# sessions, unsubscribe and handover links). `make run` and the tests set DEBUG themselves.
DEBUG = envbool("DEBUG", "false")
# Public (this file is): used only with DEBUG on, refused below otherwise.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"  # noqa: S105 — DEBUG only
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off, set SECRET_KEY in the environment to a "
            "long random value, e.g. the output of: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'. For development only, set DEBUG=true instead."
        )
    SECRET_KEY = DEV_SECRET_KEY
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Tests that need PostgreSQL, Redis or Chromium fail instead of skipping when this is set (CI).
REQUIRE_SERVICES = envbool("REQUIRE_SERVICES", "false")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "mail",
    "accounts",
    "tasks",
    "sops",
    "digest",
    "consultants",
    "dashboard",
    "privacy",
    "api",
    "plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.FounderLanguageMiddleware",
    "outsourcing.private_pages.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "outsourcing.urls"
WSGI_APPLICATION = "outsourcing.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.email_confirmation",
            ],
        },
    },
    # The weekly digest's email only (templates/jinja2/emails/digest-*): compiled Jinja2
    # renders it several times faster than the engine above (docs/performance.md).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "emails",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "digest.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A persistent connection the database dropped (a restart, a terminated backend) is
        # replaced at the start of the next request instead of failing it with a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins, not halfway through it: two concurrent
    # writers then wait for each other (up to the timeout) instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ModelBackend",
]
# After 5 wrong passwords for one email from one address, that pair waits an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Our login forms post the email as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
# Counted per address, whatever its case: "Victim@" and "victim@" are one account.
AXES_USERNAME_CALLABLE = "accounts.throttle.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address, one definition for the lockout and the rate limits: REMOTE_ADDR, or
# behind TRUSTED_PROXY_COUNT proxies appending to X-Forwarded-For, what the nearest one saw.
AXES_CLIENT_IP_CALLABLE = "accounts.mailing.client_ip"
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
# A lost CSRF cookie gets our own page, in du-form, not Django's (outsourcing/errors.py).
CSRF_FAILURE_VIEW = "outsourcing.errors.csrf_failure"
LOGOUT_REDIRECT_URL = "login"
# Django's password rules with our sentences (du-form in German): accounts/passwords.py.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator"},
    {"NAME": "accounts.passwords.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our German date and time formats ("27.11.2026 um 22:24 Uhr") over Django's.
FORMAT_MODULE_PATH = ["outsourcing.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# collectstatic's target; the Lighthouse test collects into a temporary folder of its own.
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Production (DEBUG off): collectstatic writes each file under a name with its content's hash
# (cache-busted, so whitenoise serves it with a year's cache) plus a brotli and a gzip copy
# (whitenoise picks by Accept-Encoding). It needs collectstatic before the server starts
# (docs/deploy.md). With DEBUG on (the demo) the plain storage serves the files as they are,
# without collectstatic; the tests set their own (outsourcing/settings_test.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve static files from the app directories without collectstatic in the demo.
WHITENOISE_USE_FINDERS = DEBUG
# Source maps are fetched by a browser's developer tools only: not worth compressing (the API
# docs' bundles ship 28 MB of them, most of collectstatic's time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console unless an SMTP host is configured.
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", "25")
    EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Buyback <buyback@localhost>")

# Celery: Redis as the broker when configured; otherwise run tasks in-process.
REDIS_URL = os.getenv("REDIS_URL", "")
# The cache holds rate-limit counters (accounts/ratelimit.py): on Redis every worker counts
# together; without Redis (the demo, one process) local memory does.
CACHES = {
    "default": (
        # Django's Redis cache, keeping one client instead of building one per call.
        {"BACKEND": "outsourcing.redis_cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions are read from the cache and written to both (a page view reads no session row); a
# Redis that lost its keys falls back to the database, so nobody is logged out by a restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Without Redis no beat runs: a delegate's news is mailed at once instead of batched hourly.
HEARD_BACK_AT_ONCE = envbool("HEARD_BACK_AT_ONCE", "false" if REDIS_URL else "true")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# The weekly digest's beat: every minute (DIGEST_RECOVERY_SECONDS) it fans out the founders
# whose hour has come and hands digests that are waiting (an expired lease, a retry whose time
# has come, a lost task) to a sender; what is due is decided per founder in digest/schedule.py.
CELERY_BEAT_SCHEDULE = {
    # Accounts nobody confirmed while their link worked free their address.
    "unconfirmed-accounts": {
        "task": "privacy.tasks.unconfirmed_remove",
        "schedule": timedelta(hours=1),
    },
    # A delegate's news waiting for the founder's hour to pass (at most one email an hour).
    "handover-notifications": {
        "task": "sops.tasks.notifications_due",
        "schedule": timedelta(minutes=15),
    },
    "weekly-digests": {
        "task": "digest.tasks.digests_due",
        "schedule": timedelta(seconds=envint("DIGEST_RECOVERY_SECONDS", "60")),
    },
    # The outbox's recovery: expired leases (a killed sender), retries whose time has come.
    "outbox": {
        "task": "mail.tasks.outbox_due",
        "schedule": timedelta(seconds=envint("MAIL_RECOVERY_SECONDS", "60")),
    },
    # Data exports nobody downloaded within their 24 hours are removed.
    "data-exports-expire": {
        "task": "privacy.tasks.exports_expire",
        "schedule": timedelta(hours=1),
    },
}
# The outbox (mail/outbox.py) and the SMTP conversation every email goes through
# (mail/smtp.py), in seconds: a sender's lease (renewed while the server's final reply is
# awaited), the waits between attempts after a temporary failure, how many attempts, the
# wait for the final reply to the message data (RFC 5321: 10 minutes), and the delay before
# a "maybe sent" email is sent once more (long enough for the first copy to arrive).
# /healthz gives its details (the mail backlog) to staff and to whoever sends this token.
HEALTHZ_TOKEN = os.getenv("HEALTHZ_TOKEN", "")
MAIL_LEASE_SECONDS = envint("MAIL_LEASE_SECONDS", "120")
MAIL_RETRY_DELAYS = [
    int(part) for part in os.getenv("MAIL_RETRY_DELAYS", "60,120,300,600,1800").split(",")
]
MAIL_MAX_ATTEMPTS = envint("MAIL_MAX_ATTEMPTS", "12")
MAIL_DATA_REPLY_SECONDS = envint("MAIL_DATA_REPLY_SECONDS", "600")
MAIL_MAYBE_SENT_RESEND_SECONDS = envint("MAIL_MAYBE_SENT_RESEND_SECONDS", "3600")
# The digest's fault tolerance (digest/sending.py), in seconds so tests can shrink it:
# a sender's lease on one digest (taken just before SMTP; far above one SMTP exchange, whose
# socket timeout is a fifth of it), the waits between attempts after a temporary SMTP error
# (the last one repeats until the founder's week is over), and how long past the end of the
# week a late digest may still be retried.
DIGEST_CHUNK_SIZE = envint("DIGEST_CHUNK_SIZE", "100")
DIGEST_LEASE_SECONDS = envint("DIGEST_LEASE_SECONDS", "120")
DIGEST_RETRY_DELAYS = [
    int(part) for part in os.getenv("DIGEST_RETRY_DELAYS", "60,120,300,600,1800").split(",")
]
DIGEST_LATE_SECONDS = envint("DIGEST_LATE_SECONDS", str(24 * 3600))
# /healthz reports "degraded" when a digest has waited longer than this.
DIGEST_BACKLOG_SECONDS = envint("DIGEST_BACKLOG_SECONDS", "3600")

# Scripts and styles only from our own static files, the admin's too (Django's admin has no
# inline script; its one inline <style> is moved to a file in templates/admin/change_list.html).
# Style attributes stay allowed: the capacity bar's width is one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS in production (DEBUG off), each switch settable from the environment: a benchmark on
# plain-HTTP loopback turns SECURE_SSL_REDIRECT and SECURE_COOKIES off.
PRODUCTION = "false" if DEBUG else "true"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
# The load balancer's health check speaks plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if not DEBUG else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from clients).
if envbool("SECURE_PROXY_SSL_HEADER", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
    # Every mail sent: who caused it, to whom, why (accounts/mailing.py).
    "loggers": {"outsourcing.mail": {"level": "INFO"}},
}

# Limits on what one request may make the app do (security issue #8).
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(2 * 1024 * 1024))
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "2000")
# Raw time entries in a tracker export (the row limit above is for the tasks they make).
IMPORT_MAX_ENTRIES = envint("IMPORT_MAX_ENTRIES", "100000")
# Occurrences examined while expanding a calendar's repeating events, and the time budget
# for reading one file: a crafted calendar is refused instead of holding a worker.
IMPORT_MAX_OCCURRENCES = envint("IMPORT_MAX_OCCURRENCES", "200000")
IMPORT_PARSE_SECONDS = envint("IMPORT_PARSE_SECONDS", "4")
# Larger files are read by a Celery worker behind a progress page (in the demo, in-process).
IMPORT_BACKGROUND_BYTES = envint("IMPORT_BACKGROUND_BYTES", str(256 * 1024))
# The import preview posts about 7 fields a row: the largest legitimate form must fit.
DATA_UPLOAD_MAX_NUMBER_FIELDS = max(1000, IMPORT_MAX_ROWS * 8 + 50)
IMPORT_PROBLEMS_SHOWN = envint("IMPORT_PROBLEMS_SHOWN", "50")
OPEN_TASKS_MAX = envint("OPEN_TASKS_MAX", "2000")
# All of a founder's tasks, finished ones included: every write re-reads the open ones and
# the list, the export and the dashboard read them all.
TASKS_MAX = envint("TASKS_MAX", "5000")

# The REST API (api/): personal access tokens, JSON only, a rate per token, errors as JSON
# in the request's language.
API_RATE = os.getenv("API_RATE", "120/minute")
# The rate's counts are in the default cache: Redis when there is one (CACHES above).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.PerTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.json_errors",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Buy back your time API",
    "DESCRIPTION": "A founder's own tasks, delegates, work instructions, runs and buyback "
    "figures. Send a personal access token (Settings → API and calendar) as "
    "`Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.error_responses",
    ],
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
