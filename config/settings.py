"""Settings for the award-dossier service.

The embedded default (no environment) is SQLite with demo-friendly values; production sets
DATABASE_URL (PostgreSQL), SECRET_KEY, ALLOWED_HOSTS and DEBUG=0 in the environment.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# DEBUG=0 is production: its own SECRET_KEY, HTTPS only. Without DEBUG (the embedded default of `make run`
# and the tests) the service runs on this machine over plain HTTP with a fixed development key, and shows
# the site's own error pages like production does; Django's debug pages (every URL of the site, a failure's
# local variables and settings) only when a developer asks for them with DEBUG=1.
PRODUCTION = os.environ.get("DEBUG") == "0"
DEBUG = os.environ.get("DEBUG") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or (None if PRODUCTION else "dev-only-not-secret-change-me")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in the environment when DEBUG=0.")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "guardian",
    "axes",
    "viewflow",
    "viewflow.workflow",
    "permissions",
    "dossiers",
    "workflows",
    "signing",
    "publicity",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the body: a request larger than REQUEST_MAX_BYTES is refused unread (413).
    "config.middleware.RequestSizeLimitMiddleware",
    # With a replica: marks a browser that has just changed something, so its reports read the primary.
    "config.db_router.RecentWriteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.SessionRefreshMiddleware",
    "config.middleware.LoginRedirectMiddleware",
    # Before the acting role: it tells a user whose chosen role has ended (web.pages.acting).
    "django.contrib.messages.middleware.MessageMiddleware",
    "web.pages.acting.ActingMembershipMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # viewflow's frontend needs these two (site/app on the resolver match, Turbo form responses).
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    # An id in a URL beyond what the database can hold names nothing: 404 before a view queries it.
    "config.middleware.ImpossibleIdMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Listed explicitly above instead of letting viewflow append them at start-up.
VIEWFLOW = {"AUTOREGISTER": False}

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
                "web.pages.notices.unread_count",
                "web.pages.menu.menu",
            ],
        },
    },
]

SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", SQLITE_URL), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE makes every atomic block take the write lock up front, so two officials acting at once
    # are serialised (one success, one 409) instead of one failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The list's covering indexes (dossiers.Dossier.Meta) carry extra columns on PostgreSQL only; SQLite
    # builds them on their key columns, which is what it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Reports on a PostgreSQL streaming replica (web.report_reads, config.db_router): statistics, the dashboard,
# exports of lists, the audit log and the list for readers may lag by seconds; everything else, every write
# and a user's reports for READ_YOUR_WRITES_SECONDS after their own write read the primary.
READ_YOUR_WRITES_SECONDS = int(os.environ.get("READ_YOUR_WRITES_SECONDS", 30))
if os.environ.get("REPLICA_DATABASE_URL"):
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise RuntimeError("REPLICA_DATABASE_URL needs a PostgreSQL DATABASE_URL.")
    DATABASES["replica"] = dj_database_url.parse(os.environ["REPLICA_DATABASE_URL"], conn_max_age=60)
    # An unreachable replica is given up on quickly and the primary answers (web.report_reads.reports_db).
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 3}
    # The test run creates no database on the (read-only) replica: it reads the primary's test database,
    # which reaches it by streaming (only its NAME is taken from "default").
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking the password
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Refuses nothing: a new password revokes the user's API tokens (Django's password_changed hook).
    {"NAME": "web.api.authentication.RevokeTokensOnPasswordChange"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded dossier documents live outside the web root and are served only by permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Largest accepted upload of one dossier document (a phone photo of a paper report fits easily).
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
# Largest request body: the village head's form saves a report per nomination at once, so five full-size
# reports and the form's fields (51 MiB by default). The HTTPS proxy's limit must match (README).
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", 5 * DOCUMENT_MAX_BYTES + 1024 * 1024))
# Digitally signed decisions (signing/): the root certificates (PEM or DER files, separated by ":") a signature
# must chain to, and how many PDFs one address may have checked per hour on the public verify page.
SIGNING_TRUST_ROOTS = [p for p in os.environ.get("SIGNING_TRUST_ROOTS", "").split(":") if p]
SIGNATURE_CHECKS_PER_HOUR = int(os.environ.get("SIGNATURE_CHECKS_PER_HOUR", 30))
# Public notice (publicity/): how many comments one address may post per hour, without an account.
PUBLIC_COMMENTS_PER_HOUR = int(os.environ.get("PUBLIC_COMMENTS_PER_HOUR", 10))
# The fields of a request without its files (Django's own default, stated): forms and JSON are small.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# An uploaded file larger than this is streamed to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

REST_FRAMEWORK = {
    # The token first: its 401 (with WWW-Authenticate) answers a missing, expired or revoked token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "web.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "web.api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API hồ sơ đề nghị khen thưởng",
    "DESCRIPTION": "Phong trào “Vì người nghèo – Không để ai bị bỏ lại phía sau”",
    "VERSION": "1.0.0",
    # reached_level and decision_level share the administrative levels.
    "ENUM_NAME_OVERRIDES": {"LevelEnum": "permissions.roles.Level"},
}

# Accounts: a working day's session, renewed while in use; repeated failed logins lock the account for a while.
SESSION_COOKIE_AGE = 8 * 60 * 60
# An API token lasts a working week from its issue (then 401; POST /api/auth/token/ gives a new one).
API_TOKEN_LIFETIME = datetime.timedelta(hours=int(os.environ.get("API_TOKEN_LIFETIME_HOURS", 7 * 24)))
# An official stays signed in while active: config.middleware.SessionRefreshMiddleware slides the expiry.
SESSION_REFRESH_SECONDS = 5 * 60
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "web.pages.auth.locked_out"

# Production (DEBUG=0) is served over HTTPS only, behind a proxy that sets X-Forwarded-Proto.
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# A form refused by the CSRF check gets the site's 403 page, saying to reload, not Django's English one.
CSRF_FAILURE_VIEW = "config.error_pages.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Several app servers behind a load balancer share one cache (the per-address rate limits) in Redis:
# CACHE_URL=redis://…/1. Sessions are then read from it and kept in the database too (cached_db), so a Redis
# restart signs nobody out. Without it, each process has its own memory cache, enough for one server.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Jobs: with CELERY_BROKER_URL (Redis) they go to the worker; without it (the embedded default) they run at
# once in the web process, so `make run` needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if os.environ.get("CELERY_RESULT_BACKEND"):
    CELERY_RESULT_BACKEND = os.environ["CELERY_RESULT_BACKEND"]
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a job lost with its worker is run again, never half done
CELERY_TIMEZONE = TIME_ZONE
# Apps' tasks modules are found by autodiscovery; the file-building job lives with what it builds.
CELERY_IMPORTS = ["web.generated"]
CELERY_BEAT_SCHEDULE = {
    "reminders": {
        "task": "workflows.tasks.send_reminders",
        "schedule": 60 * 60,
    },  # hourly; once a day per task
    "expire-parked-uploads": {
        "task": "workflows.tasks.expire_parked_uploads",
        "schedule": 60 * 60,
    },  # hourly; removes the reports of forms given up more than a day ago
}
# Above these sizes a file is built on the job queue and offered on a progress page.
INLINE_CERTIFICATES = int(os.environ.get("INLINE_CERTIFICATES", 50))
INLINE_EXPORT_DOSSIERS = int(os.environ.get("INLINE_EXPORT_DOSSIERS", 2000))
EXPORT_MAX_DOSSIERS = 200_000
# Years back an award of the same or a higher form for the movement flags a nominee again (dossiers.duplicates);
# unset or empty: the current movement's period, from its first year to the round's.
REAWARD_CHECK_YEARS = (
    int(os.environ["REAWARD_CHECK_YEARS"]) if os.environ.get("REAWARD_CHECK_YEARS") else None
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "khenthuong@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
