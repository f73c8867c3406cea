"""The test suite: fast hashing, in-memory mail, static files without a manifest."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served from the apps' folders, so no collectstatic is needed for tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite tests use a file, not memory, so that a test can let a second process (the import
# that it kills halfway) work on the same test database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-regiodeal.sqlite3")}  # noqa: F405
