"""Django settings for TĐC: wiring only, every value read from the environment.

See .env.example for every variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tdc.core.api.enum_names import LazyEnumOverrides
from tdc.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TDC_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("TDC_DEBUG", False)
SECRET_KEY = env_str("TDC_SECRET_KEY")
ALLOWED_HOSTS = env_list("TDC_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("TDC_CSRF_TRUSTED_ORIGINS", [])
# Public base URL used in QR codes and e-mails (no trailing slash).
TDC_PUBLIC_URL = env_str("TDC_PUBLIC_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    "tdc.core",
    "tdc.attachments",
    "tdc.notifications",
    "tdc.places",
    "tdc.registry",
    "tdc.accounts",
    "tdc.prepackages",
    "tdc.metrology",
    "tdc.complaints",
    "tdc.inspections",
    "tdc.quality",
    "tdc.standards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tdc.core.middleware.RequestIdMiddleware",
    "tdc.core.middleware.TextNormalisationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tdc.core.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tdc.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tdc.core.middleware.SubmitOnceMiddleware",
    "tdc.core.middleware.IdempotencyKeyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tdc.urls"
WSGI_APPLICATION = "tdc.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
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
                "tdc.core.context_processors.navigation",
                "tdc.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded SQLite (WAL) by default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tdc.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("TDC_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections persist like PostgreSQL's (one per server thread): reopening the file and
    # re-running the PRAGMAs on every request cost the public lookups most of their time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    if env_bool("TDC_TEST_SQLITE_ON_DISK", False):
        # Browser tests: a test database file, so the live server's threads each open their own
        # connection instead of sharing the one in-memory connection (which concurrent browser
        # requests interleave on).
        DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication and security ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Tests use a fast hasher (TDC_PASSWORD_HASHERS); production keeps Django's default list.
if env_list("TDC_PASSWORD_HASHERS", []):
    PASSWORD_HASHERS = env_list("TDC_PASSWORD_HASHERS", [])
#: Every django-tables2 table renders its rows by the lean path (tdc.core.table_rows).
DJANGO_TABLES2_TEMPLATE = "core/partials/table.html"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_AGE = env_int("TDC_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False

# Staff roles must use TOTP. Demo accounts may skip it only when this is switched on explicitly.
TDC_ALLOW_2FA_EXEMPT = env_bool("TDC_ALLOW_2FA_EXEMPT", False)
OTP_TOTP_ISSUER = "TĐC"

AXES_FAILURE_LIMIT = env_int("TDC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TDC_LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Behind HTTPS (production) everything is strict; `make run` on loopback sets TDC_HTTPS=0.
TDC_HTTPS = env_bool("TDC_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = TDC_HTTPS
CSRF_COOKIE_SECURE = TDC_HTTPS
# A refused form says why and what to do, in the site's layout (not Django's bare page).
CSRF_FAILURE_VIEW = "tdc.core.views.errors.csrf_failure"
SECURE_SSL_REDIRECT = TDC_HTTPS and env_bool("TDC_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("TDC_HSTS_SECONDS", 31536000) if TDC_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = TDC_HTTPS
SECURE_HSTS_PRELOAD = TDC_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
#: Thousands grouping of amounts in Vietnamese (Django's own vi formats have none).
FORMAT_MODULE_PATH = ["tdc.formats"]
# The empty choice of the list filters, as in the forms (tdc.core.forms.EMPTY_CHOICE_LABEL).
FILTERS_EMPTY_CHOICE_LABEL = _("— Choose —")
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project's catalogue first, then Vietnamese for the REST framework's own messages.
LOCALE_PATHS = [BASE_DIR / "src" / "tdc" / "locale", BASE_DIR / "src" / "tdc" / "locale_drf"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("TDC_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Files on S3-compatible object storage when a bucket is named (django-storages, needs boto3:
# `pip install tdc[s3]`); otherwise uploaded files stay under MEDIA_ROOT.
TDC_S3_BUCKET = env_str("TDC_S3_BUCKET", "")
if TDC_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": TDC_S3_BUCKET,
            "endpoint_url": env_str("TDC_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("TDC_S3_REGION", "") or None,
            "access_key": env_str("TDC_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("TDC_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("TDC_S3_PREFIX", ""),
            "addressing_style": env_str("TDC_S3_ADDRESSING_STYLE", "path"),
            "default_acl": None,  # private objects; the application serves them after checks
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# --- Attachments ----------------------------------------------------------------------------
TDC_ATTACHMENT_MAX_BYTES = env_int("TDC_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# Accepted kinds (checked against the file's content): pdf, jpeg, png, webp, xlsx, docx, csv, txt.
TDC_ATTACHMENT_ALLOWED_TYPES = env_list(
    "TDC_ATTACHMENT_ALLOWED_TYPES", ["pdf", "jpeg", "png", "webp", "xlsx", "docx", "csv", "txt"]
)

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TDC_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- E-mail ---------------------------------------------------------------------------------
# SMTP behind HTTPS (production), the console on a developer's machine.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND_NAME = env_str(
    "TDC_EMAIL_BACKEND", _SMTP if TDC_HTTPS else "django.core.mail.backends.console.EmailBackend"
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": EMAIL_BACKEND_NAME}}
if EMAIL_BACKEND_NAME == _SMTP:
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("TDC_EMAIL_HOST", "localhost"),
        "port": env_int("TDC_EMAIL_PORT", 25),
        "username": env_str("TDC_EMAIL_USER", ""),
        "password": env_str("TDC_EMAIL_PASSWORD", ""),
        "use_tls": env_bool("TDC_EMAIL_TLS", False),
        "timeout": env_int("TDC_EMAIL_TIMEOUT", 20),
    }
DEFAULT_FROM_EMAIL = env_str("TDC_DEFAULT_FROM_EMAIL", "tdc@localhost")

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tdc.accounts.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "tdc.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "tdc.core.api.schema.TdcAutoSchema",
    "EXCEPTION_HANDLER": "tdc.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "public": env_str("TDC_PUBLIC_API_RATE", "120/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "tdc.core.api.parsers.SafeJSONParser",
        "tdc.core.api.parsers.NFCFormParser",
        "tdc.core.api.parsers.NFCMultiPartParser",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Days an API token stays valid (tdc.accounts.api.auth); issuing a new one revokes the old.
TDC_API_TOKEN_DAYS = env_int("TDC_API_TOKEN_DAYS", 90)
#: Plausible values (tdc.core.plausibility): the window of dates around today, list sizes.
TDC_PLAUSIBLE_PAST_YEARS = env_int("TDC_PLAUSIBLE_PAST_YEARS", 80)
TDC_PLAUSIBLE_FUTURE_YEARS = env_int("TDC_PLAUSIBLE_FUTURE_YEARS", 50)
TDC_PLAUSIBLE_MAX_ITEMS = env_int("TDC_PLAUSIBLE_MAX_ITEMS", 1000)
# Limits of API request bodies (tdc.core.api.parsers): larger bodies answer 413, deeper JSON 400.
TDC_API_MAX_BODY_BYTES = env_int("TDC_API_MAX_BODY_BYTES", 5 * 1024 * 1024)
TDC_API_MAX_JSON_DEPTH = env_int("TDC_API_MAX_JSON_DEPTH", 32)
# Public reference lists (provinces…) are kept rendered in each worker this long; 0 turns it
# off (tdc.core.api.refcache, docs/adr/0007).
TDC_REFERENCE_CACHE_SECONDS = env_int("TDC_REFERENCE_CACHE_SECONDS", 60)
SPECTACULAR_SETTINGS = {
    "TITLE": "TĐC API",
    "DESCRIPTION": "API of the standards–metrology–quality information system (TĐC).",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tdc.core.api.schema.postprocess_schema",
    ],
    # Every TextChoices class gets a stable enum name (tdc.core.api.enum_names).
    "ENUM_NAME_OVERRIDES": LazyEnumOverrides(),
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("TDC_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Lists larger than this export to XLSX as a background job with a progress page.
TDC_SYNC_EXPORT_LIMIT = env_int("TDC_SYNC_EXPORT_LIMIT", 5000)
# Import files with more data rows than this are validated and committed as background tasks.
TDC_IMPORT_BACKGROUND_ROWS = env_int("TDC_IMPORT_BACKGROUND_ROWS", 5000)
# Legal metrology: owners are reminded this many days before an instrument's due date; the due
# map draws tiles from this URL template when set (empty: markers on a plain background, as
# closed networks reach no tile server), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
TDC_METROLOGY_REMINDER_DAYS = env_int("TDC_METROLOGY_REMINDER_DAYS", 30)
TDC_MAP_TILE_URL = env_str("TDC_MAP_TILE_URL", "")
TDC_MAP_TILE_ATTRIBUTION = env_str("TDC_MAP_TILE_ATTRIBUTION", "")
TDC_IMPORT_MAX_BYTES = env_int("TDC_IMPORT_MAX_BYTES", 50 * 1024 * 1024)

# Quantity rules for prepackaged goods (T table and sampling plan) used when a request names none;
# the versions are data files in src/tdc/prepackages/rules/data/ (docs/adr/0006).
TDC_PREPACKAGE_RULES_VERSION = env_str("TDC_PREPACKAGE_RULES_VERSION", "vn-tt21-2014")

# --- Documents --------------------------------------------------------------------------------
# PAdES signing of generated PDFs: key and certificate (PEM or DER), optional chain, passphrase.
TDC_SIGNING_KEY_FILE = env_str("TDC_SIGNING_KEY_FILE", "")
TDC_SIGNING_CERT_FILE = env_str("TDC_SIGNING_CERT_FILE", "")
TDC_SIGNING_CHAIN_FILES = env_list("TDC_SIGNING_CHAIN_FILES", [])
TDC_SIGNING_KEY_PASSPHRASE = env_str("TDC_SIGNING_KEY_PASSPHRASE", "")

# --- Complaints -----------------------------------------------------------------------------
# Fernet keys encrypting reporters' identities: the first encrypts, all decrypt (rotation:
# put a new key first, run `tdc complaint_rotate_key`, then drop the old ones). Required in
# production (system check complaints.E001).
TDC_COMPLAINT_KEYS = env_list("TDC_COMPLAINT_KEY", [])
# Complaints one client address may file (form and API together), e.g. "5/hour".
TDC_COMPLAINT_RATE = env_str("TDC_COMPLAINT_RATE", "5/hour")
# Photos attached to one complaint, and the size of each (images only: JPEG, PNG, WebP).
TDC_COMPLAINT_MAX_PHOTOS = env_int("TDC_COMPLAINT_MAX_PHOTOS", 5)
TDC_COMPLAINT_PHOTO_MAX_BYTES = env_int("TDC_COMPLAINT_PHOTO_MAX_BYTES", 8 * 1024 * 1024)
