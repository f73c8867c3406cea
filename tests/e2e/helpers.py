"""Helpers of the browser tests: the texts the pages show, where the browser is, screenshots.

The pages are found by the English msgids of the texts they show, looked up in the Dutch
catalogue as the site does (the live server runs in this process, so it reads the same
catalogue): a label that is not translated yet is shown, and found, in English; once the lead
translates it, the test follows without a change.
"""

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Locator, Page

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
# Every address but this machine's: the site must not need the internet, and the tests may not
# use it.
OUTSIDE = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/)")


def nl(text: str | Promise, **params: object) -> str:
    """``text`` (a msgid or a lazy label) as the Dutch site shows it, with ``params`` filled in."""
    with translation.override("nl"):
        shown = gettext(text) if isinstance(text, str) else str(text)
    return shown % params if params else shown


def nl_plural(singular: str, plural: str, count: int, **params: object) -> str:
    with translation.override("nl"):
        return ngettext(singular, plural, count) % {"count": count, **params}


def exactly(text: str) -> re.Pattern:
    """The whole text and nothing else, for matchers that otherwise look for a part."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def starting(text: str) -> re.Pattern:
    """A label that starts with ``text``: the admin adds a colon to its labels."""
    return re.compile(rf"^\s*{re.escape(text)}", re.IGNORECASE)


def fact(page: Page | Locator, term: str) -> Locator:
    """The value (``dd``) beside a term (``dt``) of a description list."""
    return page.locator("dt", has_text=exactly(term)).locator("xpath=following-sibling::dd[1]")


def message(page: Page, text: str) -> Locator:
    """A message of the Django messages framework: public site, reviewer's pages, admin."""
    return page.locator(".messages .message, p.message, .messagelist li").filter(
        has_text=exactly(text)
    )


@contextlib.contextmanager
def flow(name: str, page: Page) -> Iterator[None]:
    """One flow of the journey: when it fails, a screenshot of its page goes to artifacts/."""
    screenshot = ARTIFACTS / f"{name}.png"
    screenshot.unlink(missing_ok=True)  # one of an earlier run would mislead
    try:
        yield
    except (Exception, pytest.fail.Exception):
        ARTIFACTS.mkdir(exist_ok=True)
        # The screenshot must not hide the failure it is taken for.
        with contextlib.suppress(Exception):
            page.screenshot(path=screenshot, full_page=True)
        raise
