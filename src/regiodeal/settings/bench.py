"""The benchmark's server (`make bench`): production settings on plain HTTP at localhost.

Only what a local measurement needs differs from production: no HTTPS redirect or HSTS, a
throwaway secret key when none is given, static files without a collectstatic manifest, and the
URLs of the floor views (``regiodeal.urls_bench``) beside the product's own.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")

from .production import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "regiodeal.urls_bench"
# The benchmark makes thousands of requests: one log line each would cost the server time.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
