"""Cached public pages and aggregates, invalidated when something is published.

Everything the public sees changes only when the office publishes or edits public records, so
anonymous pages and expensive sums are kept in Django's cache under a *generation* number; a
publication (or a change to a public record) increments the generation, which makes every
earlier entry unreachable at once, without having to know which pages showed what.

With the default local-memory cache each server process keeps its own entries and its own
generation, so a publication reaches the other processes only when their entries expire
(``REGIODEAL_PAGE_CACHE_SECONDS``); production uses Redis (``CACHE_URL``), which all processes
share, so there the change is immediate.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

GENERATION_KEY = "regiodeal:public-generation"
# Headers a cached page keeps; everything else (CSP, security headers) the middleware adds anew.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "API-Version")

T = TypeVar("T")


def _timeout() -> int:
    return settings.REGIODEAL_PAGE_CACHE_SECONDS


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # add() rather than set(): two processes starting at once agree on one value. It starts
        # from the clock, not from 1: a cache that lost the key (evicted, or emptied) may still
        # hold entries of the generations counted before, which must stay unreachable.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate_public_cache() -> None:
    """Make every cached page and aggregate stale: called when something public changes."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): start a generation nobody has used
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


# The latest aggregates asked for with ``local=True``, in this process's memory as well.
LOCAL_ENTRIES = 64
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()


def cached_aggregate(name: str, compute: Callable[[], T], *parts: object, local: bool = False) -> T:
    """The value of ``compute()``, kept until the next publication; ``parts`` tell variants
    apart (e.g. a programme's id). Values must be picklable (Decimals, dicts, lists, ...).

    ``local``: also keep it in this process (the last LOCAL_ENTRIES such values), for values
    that nearly every page reads and that cost more to unpickle than to look up: the filter
    choices, a corpus. The key holds the generation, so a publication reaches these too. The
    caller must not change the value it gets.
    """
    variant = ":".join(str(part) for part in parts)
    key = f"regiodeal:agg:{generation()}:{name}:{variant}"
    if local:
        with _local_lock:
            if key in _local:
                _local.move_to_end(key)
                return _local[key]
    value = cache.get(key)
    if value is None:
        value = _compute_once(key, compute)
    if local:
        with _local_lock:
            _local[key] = value
            while len(_local) > LOCAL_ENTRIES:
                _local.popitem(last=False)
    return value


# After a publication every aggregate is computed anew, the national ones in seconds. One process
# computes each (the one that takes the lock); the others wait for its value instead of running
# the same seconds-long sums beside it. The lock expires by itself if that process dies; a
# waiter that has waited WAIT_SECONDS computes the value itself.
LOCK_SECONDS = 60
WAIT_SECONDS = 30
WAIT_STEP = 0.05


def _compute_once(key: str, compute: Callable[[], T]) -> T:
    lock = f"{key}:computing"
    if cache.add(lock, 1, timeout=LOCK_SECONDS):
        try:
            value = compute()
            cache.set(key, value, timeout=_timeout())
        finally:
            cache.delete(lock)
        return value
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and cache.get(lock) is not None:
        time.sleep(WAIT_STEP)
        if (value := cache.get(key)) is not None:
            return value
    # The other computation ended without a value (it failed), or takes too long.
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=_timeout())
    return value


def _page_key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"regiodeal:page:{generation()}:{language}:{request.method}:{path}"


def _cacheable_request(request: HttpRequest) -> bool:
    if not settings.REGIODEAL_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:  # an API client with a token may see more
        return False
    # Only visitors without a session: whoever is logged in may see more, or their own things.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GET requests of ``view`` from the cache until the next publication.

    Only complete 200 responses without cookies are kept, so nothing personal (a CSRF token, a
    session, a message) can be handed to the next visitor.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not getattr(
            response, "is_rendered", True
        ):
            response = response.render()  # DRF and template responses render lazily
        if (
            response.status_code == 200
            and not response.cookies
            # The page used a CSRF token: it belongs to this visitor alone.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "streaming", False)
        ):
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            cache.set(key, (200, headers, response.content), timeout=_timeout())
            response["X-Cache"] = "miss"
        return response

    return wrapper
