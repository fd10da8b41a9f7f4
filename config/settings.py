"""Settings for the board work programme site, read from the environment.

Development defaults are safe to run locally: DEBUG on, a SQLite file in the project folder.
With DEBUG off the site refuses to start without a real SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 32 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # First, so their templates win over the libraries' own: the site's sign-in and
    # password-reset pages over the admin's, the browsable API's page over DRF's.
    "web",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "boards",
    "workplan",
    "meetings",
    "reports",
    "papers",
    "imports",
    "reminders",
    "seed_data",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # A read whose database connection was cut under it runs again on a new one.
    "config.reconnect.RetryReadsOnANewConnection",
]

AUTHENTICATION_BACKENDS = [
    # Throttles repeated failed sign-ins (django-axes) before the usual password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's password check; reads the user's board roles with the user (one query).
    "boards.backends.ModelBackendWithRoles",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failed sign-ins are counted per address: the peer's, or behind a proxy the one it forwards.
AXES_CLIENT_IP_CALLABLE = "config.proxy.client_address"

# The site sits behind a reverse proxy (a load balancer, nginx) that sets X-Forwarded-Proto
# and appends the address it was reached from to X-Forwarded-For. Off by default: without
# such a proxy both headers come from the visitor, who could claim HTTPS or any address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: everything comes from this site's own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF token from the cookie: forms carry it, and the API's browsable
# pages and Swagger UI are given it in the page. So scripts cannot read the cookie either.
CSRF_COOKIE_HTTPONLY = True

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.site",
                "web.context_processors.navigation",
            ],
        },
    },
]

# Form fields render as GOV.UK Frontend marks them up (web/forms.py, web/templates/govuk/).
FORM_RENDERER = "web.forms.GovukFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A connection the database dropped is replaced on the next request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code once its estimated cost passes a limit.
    # That pays for long reports over millions of rows; for this app's short queries the
    # compiling is the cost: the clerk's people pickers took 50 ms, 46 of them compiling a
    # query that runs in 3.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # Parameters travel apart from the query, so a query the app runs again and again (the
    # session, the user, a page's record) is the same text each time: after its fifth run on
    # a connection it is prepared, and PostgreSQL plans it once per connection rather than on
    # every request. Planning was most of the database's work: the activity page's query took
    # 0.66 ms to plan and run, 0.12 ms prepared. Behind a pooler that hands each transaction
    # a different connection (PgBouncer in transaction mode), set PREPARED_STATEMENTS=false.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
    if env_bool("PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
    else:
        # Behind such a pooler, the cursors that .iterator() keeps open on the server from
        # one transaction to the next are lost the same way: read results whole instead.
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages are stored per process for anonymous readers, keyed on their board's content
# version (web/caching.py), so a change shows at once in every process. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Stored pages and fragments (web/caching.py). With CACHE_URL (redis://host:6379/0)
# every app server shares one store in Redis; without it each process keeps its own.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, which a Redis outage slows down but never fails.
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "boardapp"),
            # A Redis that does not answer holds a request up for at most this long.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Pages are at most a few hundred kilobytes: this bounds a process to about 100 MB.
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    }
# Sessions live in the database. With a shared cache they are read through it too, so a
# signed-in page starts without a session query; never through each process's own memory,
# where signing out in one process would leave the session alive in the others.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# Limits on what the importer reads (imports/reading.py), so a hostile or broken file gives
# a clear refusal rather than exhausting memory or time: the upload's size; what a Word
# file's zip members may unpack to, each and in all (from the sizes the zip declares, never
# by inflating them); how many lines of text, characters in one line and in all (the review
# page shows the whole text); seconds of reading.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
IMPORT_MAX_MEMBER_BYTES = int(os.environ.get("IMPORT_MAX_MEMBER_BYTES", str(20 * 1024 * 1024)))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)))
IMPORT_MAX_LINES = int(os.environ.get("IMPORT_MAX_LINES", "20000"))
IMPORT_MAX_LINE_CHARS = int(os.environ.get("IMPORT_MAX_LINE_CHARS", "20000"))
IMPORT_MAX_TEXT_CHARS = int(os.environ.get("IMPORT_MAX_TEXT_CHARS", "2000000"))
IMPORT_MAX_SECONDS = float(os.environ.get("IMPORT_MAX_SECONDS", "20"))
# Records one file may hold (items, decisions, actions, attendance and the rest): a year of
# a busy council's minutes is a few hundred; each is saved once on trial before review.
IMPORT_MAX_RECORDS = int(os.environ.get("IMPORT_MAX_RECORDS", "2000"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.OParlPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.ModifiedSinceFilter", "api.filters.BoardFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Board work programmes and meeting notes: open data",
    "DESCRIPTION": "Read-only. Shaped after OParl 1.1: every object has its own URL as id, "
    "collections are paginated with links.next, and modified_since gives incremental sync. "
    "Confidential items and unpublished notes are left out.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "ActivityStatusEnum": "workplan.models.ActivityStatus",
        "ProgrammeStatusEnum": "workplan.models.WorkProgramme.Status",
        "ActionStatusEnum": "meetings.models.Action.Status",
        "AttendanceStatusEnum": "meetings.models.Attendance.Status",
        "NotesStatusEnum": "meetings.models.Meeting.NotesStatus",
        "PersonKindEnum": "boards.models.Person.Kind",
        "MeetingKindEnum": "meetings.models.Meeting.Kind",
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pages:my_work"
LOGOUT_REDIRECT_URL = "pages:home"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@example.invalid")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds to wait for the mail server before giving up (reminders stay unsent for next run).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Reminders by e-mail (reminders/): links in messages start with SITE_URL.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# An activity needs an update when it has none for this many weeks and its board meets
# within REMINDER_UPDATE_NOTICE_DAYS.
REMINDER_UPDATE_WEEKS = int(os.environ.get("REMINDER_UPDATE_WEEKS", "8"))
REMINDER_UPDATE_NOTICE_DAYS = int(os.environ.get("REMINDER_UPDATE_NOTICE_DAYS", "14"))
# Clerks hear about notes still unpublished this many days after the meeting.
REMINDER_NOTES_DAYS = int(os.environ.get("REMINDER_NOTES_DAYS", "28"))

# Papers' files: the types a clerk may attach (found from the content, not the name), by
# MIME type with the name readers see, and the largest file taken.
PAPER_FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
}
PAPER_FILE_MAX_BYTES = int(os.environ.get("PAPER_FILE_MAX_BYTES", str(20 * 1024 * 1024)))
# The agenda and its papers go out this many clear days before a meeting (section 100B of
# the Local Government Act 1972); the clerk is warned when publishing later than that.
AGENDA_CLEAR_DAYS = int(os.environ.get("AGENDA_CLEAR_DAYS", "5"))
# Word papers are turned into PDF by LibreOffice (the command below), each conversion
# stopped after PAPER_CONVERSION_SECONDS; a whole agenda pack is stopped after
# AGENDA_PACK_SECONDS.
LIBREOFFICE = os.environ.get("LIBREOFFICE", "soffice")
PAPER_CONVERSION_SECONDS = float(os.environ.get("PAPER_CONVERSION_SECONDS", "60"))
# Turn a Word paper into PDF as it is attached (the clerk waits a few seconds), so a pack is
# built from ready PDFs; off, the first build of a pack converts every Word paper.
PAPER_CONVERT_ON_ATTACH = env_bool("PAPER_CONVERT_ON_ATTACH", True)
AGENDA_PACK_SECONDS = float(os.environ.get("AGENDA_PACK_SECONDS", "120"))
# Build the agenda packs as the clerk publishes the agenda (or a supplementary agenda), so
# the meeting page gives each pack's size and pages and no reader waits for the first build.
AGENDA_PACKS_ON_PUBLISHING = env_bool("AGENDA_PACKS_ON_PUBLISHING", True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Papers' files: on this server's disk under MEDIA_ROOT, or, with several app servers, in
# S3-compatible object storage (FILE_STORAGE=s3), which every server reads alike. Either way
# they are private: nothing serves MEDIA_URL and no storage address is given out; every
# download goes through the app's permission check (web/public/files.py).
FILE_STORAGE = os.environ.get("FILE_STORAGE", "disk")
if FILE_STORAGE == "s3":
    FILE_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            # Any address the storage made would be signed and short-lived; the app makes
            # none, but a slip could not publish a file either.
            "querystring_auth": True,
            "querystring_expire": 60,
            # A new version is a new object: an earlier one is never written over.
            "file_overwrite": False,
        },
    }
elif FILE_STORAGE == "disk":
    FILE_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"FILE_STORAGE must be disk or s3, not {FILE_STORAGE!r}")

STORAGES = {
    "default": FILE_STORAGE_BACKEND,
    # Hashed, compressed files in production; plain storage while developing and testing,
    # so pages render without a collectstatic run first.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The name the site shows in its header: the organisation that runs the boards.
SITE_NAME = os.environ.get("SITE_NAME", "Board work programmes")
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Local Government Association")
# The Word template the end-of-year report is written into (styles, numbering, page size);
# the default is made by scripts/make_report_template.py.
REPORT_WORD_TEMPLATE = Path(
    os.environ.get("REPORT_WORD_TEMPLATE", BASE_DIR / "reports" / "word" / "report-template.docx")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of a PDF at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Cookies over HTTPS only; SECURE_COOKIES=false is for load tests on plain 127.0.0.1.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
