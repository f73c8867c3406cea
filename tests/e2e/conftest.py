"""Fixtures of the browser tests: Playwright's sync API driving the system Chromium, headless,
against pytest-django's live server. No browser is downloaded (``executable_path``), and the
pages may not reach anything beyond this machine.
"""

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .helpers import CHROMIUM, OUTSIDE

TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        # Outside CI the module is skipped before it gets here; CI installs the browser.
        pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package.")
    # Playwright's sync API keeps an event loop running in the test thread while the browser
    # lives, and Django refuses ORM calls from a thread with a running loop. The test's own
    # queries (and pytest-django's flush) are plain synchronous calls between browser steps, so
    # the check is lifted for exactly that long; the loop, and the lift, end with this module.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            yield browser
            browser.close()


@pytest.fixture
def open_page(browser: Browser, live_server) -> Iterator[Callable[[], Page]]:
    """A new page in its own browser context (its own cookies: one per person) on the site."""
    contexts, outside = [], []

    def refuse(route) -> None:
        outside.append(route.request.url)
        route.abort()

    def open_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(OUTSIDE, refuse)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert not outside, f"The pages asked for addresses beyond this machine: {outside}"
