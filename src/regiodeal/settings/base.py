"""Settings shared by every environment; every value can be set from the environment.

The variables are documented in ``docs/configuration.md``.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The working directory is the project root for `make run` and the tests; a deployment
# sets REGIODEAL_VAR_DIR to wherever it keeps the SQLite file and uploads.
env = environ.Env()
VAR_DIR = Path(env.str("REGIODEAL_VAR_DIR", default=str(Path.cwd() / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'regiodeal.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Take SQLite's write lock when a transaction starts, as select_for_update would on
    # PostgreSQL: two adoptions at once then queue up instead of one failing on "locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Parallel query: starting workers costs a PostgreSQL backend several milliseconds, more
    # than most of the site's queries take (they read a page of rows through an index); the
    # few large sums are cached. DATABASE_PARALLEL_WORKERS raises it for reporting instances.
    # Synchronized scans off: with them, a scan of a large table starts where the last one
    # stopped, so a search for a common word (which ranks the first matches a scan finds,
    # portal.search) showed different results on every reload.
    _workers = env.int("DATABASE_PARALLEL_WORKERS", default=0)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={_workers} -c synchronize_seqscans=off"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # The admin with optional two-factor login (core.admin_site); see docs/security.md.
    "regiodeal.admin_config.RegiodealAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "regiodeal.core",
    "regiodeal.organisations",
    "regiodeal.programmes",
    "regiodeal.projects",
    "regiodeal.decisions",
    "regiodeal.publishing",
    "regiodeal.finance",
    "regiodeal.calls",
    "regiodeal.monitoring",
    "regiodeal.ingest",
    "regiodeal.portal",
    "regiodeal.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regiodeal.core.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "regiodeal.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins per user name and address and refuses them after too many.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only this site's own scripts, styles, images and fonts. Style
# attributes stay allowed because Django's admin widgets set a few.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

ROOT_URLCONF = "regiodeal.urls"
WSGI_APPLICATION = "regiodeal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regiodeal.core.context_processors.branding",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

LOGIN_URL = "admin:login"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="regiodeal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # At INFO, WeasyPrint reports every layout step and fontTools every table of every font it
    # subsets: dozens of lines per PDF that say nothing to an operator.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

REGIODEAL_SITE_NAME = env.str("REGIODEAL_SITE_NAME", default="regiodeal")

# The programme's look on the public site (NL Design System components, see
# core/static/vendor/README.md). The logo is a static file path ("regiodeal/logo.svg") or a
# site-relative URL; empty shows the site name in text. Colours override the theme's design tokens:
# keys primary, primary-hover, on-primary, link, link-hover, surface; values are #rgb or #rrggbb
# (anything else is ignored). Environment: REGIODEAL_SITE_COLOURS="primary=#00557a,link=#00557a".
REGIODEAL_SITE_LOGO = env.str("REGIODEAL_SITE_LOGO", default="")
REGIODEAL_SITE_COLOURS = {
    "primary": "#00557a",
    "primary-hover": "#003a54",
    "on-primary": "#ffffff",
    "link": "#00557a",
    "link-hover": "#003a54",
    "surface": "#f4f6f8",
    **env.dict("REGIODEAL_SITE_COLOURS", default={}),
}

# The demo office account created by `regiodeal demo` (and so by `make run`).
REGIODEAL_DEMO_USER = env.str("REGIODEAL_DEMO_USER", default="demo")
REGIODEAL_DEMO_PASSWORD = env.str("REGIODEAL_DEMO_PASSWORD", default="regiodeal-demo")

# Opt in to Django 6's default now: a URL typed without a scheme is taken as https.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Imports of decision lists: files above this size are refused before they are read.
REGIODEAL_IMPORT_MAX_BYTES = env.int("REGIODEAL_IMPORT_MAX_BYTES", default=25 * 1024 * 1024)
# PDFs with more pages are refused: reading takes up to half a second a page.
REGIODEAL_IMPORT_MAX_PAGES = env.int("REGIODEAL_IMPORT_MAX_PAGES", default=300)

# Licence of the open data at /open-data/: "CC-BY-4.0" (attribution) or "CC0-1.0" (public domain).
REGIODEAL_OPEN_DATA_LICENCE = env.str("REGIODEAL_OPEN_DATA_LICENCE", default="CC-BY-4.0")
# Publisher prefix in the ids of the 360Giving package: grants are "360G-<prefix>-<decision id>".
REGIODEAL_360G_PREFIX = env.str("REGIODEAL_360G_PREFIX", default="XI-REGIODEAL")

# The REST API at /api/v1/ (regiodeal.api): read-only for everyone, writes with an office token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["regiodeal.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["regiodeal.api.permissions.ReadOnlyOrOffice"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "regiodeal.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "regiodeal.api.errors.problem_exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regio Deal API",
    "DESCRIPTION": "Published projects, decisions and money of the Regio Deal programmes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regiodeal.api.schema.add_problem_responses",
    ],
}
# The TOOI URI of the organisation that publishes the documents (DiWoo sitemap).
REGIODEAL_PUBLISHER_TOOI = env.str(
    "REGIODEAL_PUBLISHER_TOOI", default="https://identifier.overheid.nl/tooi/id/provincie/pv22"
)

# Cache: local memory by default; Redis in production (CACHE_URL=redis://127.0.0.1:6379/1),
# which every server process shares. See regiodeal.portal.caching.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://regiodeal")}
# Anonymous public pages are served from the cache until the next publication; the lifetime
# bounds how long a process with a private (local-memory) cache may lag behind a publication.
REGIODEAL_PAGE_CACHE = env.bool("REGIODEAL_PAGE_CACHE", default=True)
REGIODEAL_PAGE_CACHE_SECONDS = env.int("REGIODEAL_PAGE_CACHE_SECONDS", default=300)

# Read-only replicas for the public pages: DATABASE_REPLICA_URLS="postgres://...,postgres://..."
# adds them as "replica1", "replica2", ...; regiodeal.core.db_router sends reads there.
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASES[f"replica{_number}"] = {
        **env.db_url_config(_url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},
    }
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["regiodeal.core.db_router.ReplicaRouter"]
