"""``slug_url`` and ``fixed_url``: what ``reverse()`` gives, without reversing each time.

Written here because Django reverses a URL from its patterns on every call, about 50 µs on our
servers, and a page of search results links sixty projects and lists. A URL whose one argument
is a slug is the same text around that slug every time: it is reversed once per view (and URL
configuration and script prefix) with a placeholder, and the slug put in its place. A value
that is not a slug goes to ``reverse()``, which refuses it as before.
"""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Django's slug path converter; such a value needs no quoting in a URL.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "regiodeal-slug-placeholder"


@lru_cache(maxsize=64)
def _around_slug(viewname: str, urlconf: str | None, script_prefix: str) -> tuple[str, str]:
    # The script prefix is part of the key: reverse() reads it for the URL it gives.
    before, _placeholder, after = reverse(viewname, args=[PLACEHOLDER], urlconf=urlconf).partition(
        PLACEHOLDER
    )
    return before, after


def slug_url(viewname: str, slug: str) -> str:
    if not SLUG.fullmatch(slug):
        return reverse(viewname, args=[slug])
    before, after = _around_slug(viewname, get_urlconf(), get_script_prefix())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=128)
def _fixed(viewname: str, urlconf: str | None, script_prefix: str) -> str:
    return reverse(viewname, urlconf=urlconf)


def fixed_url(viewname: str) -> str:
    """``reverse(viewname)`` of a URL without arguments: the same text every time, reversed
    once per URL configuration and script prefix. Every public page links a dozen of them in
    its menu."""
    return _fixed(viewname, get_urlconf(), get_script_prefix())
