"""Reads of the public pages from read-only replicas; everything else from the primary.

Enabled by DATABASE_REPLICA_URLS (settings/base.py). A request that may write, or that comes
from the back office, must see its own writes at once, so the replicas are used only inside
``public_reads()``: the public views and the API's read-only requests enter it through
``ReplicaReadsMiddleware``. Replicas lag a little behind the primary; the public pages are
cached until the next publication anyway, so a lag of seconds is not visible.
"""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_public_reads: ContextVar[bool] = ContextVar("regiodeal_public_reads", default=False)
# Paths of the back office and of everything that writes or shows a person's own records.
PRIVATE_PREFIXES = ("/beheer/", "/i18n/", "/mijn-", "/beoordelen/", "/account", "/aanvragen")


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@contextmanager
def public_reads() -> Iterator[None]:
    token = _public_reads.set(True)
    try:
        yield
    finally:
        _public_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: object) -> str | None:
        names = replicas()
        if names and _public_reads.get():
            return random.choice(names)  # nosec B311 - load spreading, not security
        return "default"

    def db_for_write(self, model: type, **hints: object) -> str:
        return "default"

    def allow_relation(self, obj1: object, obj2: object, **hints: object) -> bool:
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    """Anonymous GET and HEAD requests to public pages read from a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            replicas()
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(PRIVATE_PREFIXES)
        ):
            with public_reads():
                return self.get_response(request)
        return self.get_response(request)
