"""Accessibility of the public site in a real browser (issue 8): axe-core finds no WCAG 2.1 A
or AA violation on any public page type, and the project filters work with the keyboard alone.

axe-core is vendored (``vendor/axe.min.js``, MPL-2.0) and evaluated in each page through the
browser's DevTools protocol, which the site's Content-Security-Policy does not govern, so the
pages are tested with the policy they have in production. Pages of parts that are not built yet
are skipped while their URL name does not resolve: the lead switches them on by adding the URL.
"""

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regiodeal.core.demo import load_demo
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.projects.models import Project

from .helpers import CHROMIUM, flow

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it",
    ),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Case:
    """A public page: its URL name, how to find its arguments in the demo, and a query."""

    url_name: str
    kwargs: Callable[[], dict[str, str]] = dict
    query: str = ""
    calls: bool = False  # needs the second programme and its calls (slower to load)


def first_project() -> dict[str, str]:
    return {"slug": Project.objects.public().order_by("title", "pk").first().slug}


def coevorden_organisation() -> dict[str, str]:
    return {"slug": Organisation.objects.get(name="Gemeente Coevorden").slug}


def coevorden() -> dict[str, str]:
    return {"slug": Municipality.objects.get(code="GM0109").slug}


def december_2021() -> dict[str, str]:
    return {"slug": "december-2021"}


PAGES = {
    "home": Case("portal:home"),
    "projects-filtered": Case("portal:projects", query="pillar=werken&pijler=werken"),
    "project": Case("portal:project", first_project),
    "besluitenlijst-archive": Case("portal:besluitenlijsten"),
    "besluitenlijst": Case("portal:besluitenlijst", december_2021),
    "finances": Case("finance:overview"),
    "calls": Case("calls:calls", calls=True),
    "call": Case("calls:call", lambda: {"slug": "openstelling-tweede-ronde"}, calls=True),
    "portfolio": Case("monitoring:portfolio"),
    "search-results": Case("portal:search", query="q=jeugd"),
    "organisation": Case("places:organisation", coevorden_organisation),
    "municipality": Case("places:municipality", coevorden),
    "map": Case("places:map"),
    "open-data": Case("opendata:index"),
}


def url_of(case: Case) -> str:
    path = reverse(case.url_name, kwargs=case.kwargs() or None)
    return f"{path}?{case.query}" if case.query else path


def axe_violations(page: Page) -> list[dict]:
    # Evaluated as a script, not added as a <script> element: the CSP would (rightly) refuse it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {AXE}\n; window.axe = axe; }}")
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
        })""",
        WCAG_21_AA,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
            for node in violation["nodes"][:10]
        )
    return "\n".join(lines)


def check_page(open_page, name: str, case: Case) -> None:
    load_demo(with_calls=case.calls)
    page = open_page()
    with flow(f"axe-{name}", page):
        response = page.goto(url_of(case))
        assert response.status == 200, f"{name}: HTTP {response.status}"
        violations = axe_violations(page)
        assert not violations, f"{name} ({page.url}):\n{describe(violations)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(open_page, name):
    check_page(open_page, name, PAGES[name])


def test_the_language_menu_and_a_narrow_screen_have_no_violations(open_page):
    """The page frame on a phone-sized screen, with the focus on the language menu."""
    load_demo(with_calls=False)
    page = open_page()
    page.set_viewport_size({"width": 360, "height": 740})
    with flow("axe-narrow", page):
        page.goto(reverse("portal:home"))
        page.locator("#taal").focus()
        assert not (violations := axe_violations(page)), describe(violations)
        # Nothing sticks out sideways: the page reflows to the screen (WCAG 1.4.10).
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def focused(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute('name') || '',
                href: el.getAttribute('href') || '',
                inFilters: Boolean(el.closest('form[role=search], form.filters')),
                outline: getComputedStyle(el).outlineStyle,
            };
        }"""
    )


def tab_to(page: Page, wanted: Callable[[dict[str, str]], bool], limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outline"] != "none" or now["tag"] == "body", f"no visible focus on {now}"
        if wanted(now):
            return now
    raise AssertionError("The keyboard never reached the element")


def test_keyboard_only_from_the_skip_link_to_filtered_projects(open_page):
    load_demo(with_calls=False)
    page = open_page()
    with flow("keyboard-filters", page):
        page.goto(reverse("portal:projects"))
        status = page.get_by_role("status").first
        before = status.inner_text()

        skip = tab_to(page, lambda now: True, limit=1)
        assert skip["href"] == "#inhoud", "the first Tab reaches the skip link"
        expect(page.locator(".skip-link")).to_be_in_viewport()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhoud"

        field = tab_to(
            page, lambda now: now["inFilters"] and now["name"] in ("q", "jaar"), limit=40
        )
        page.keyboard.type("jeugd" if field["name"] == "q" else "2021")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(rf"[?&]{field['name']}="))
        expect(status).not_to_have_text(before)


def test_language_menu_works_with_the_keyboard(open_page):
    load_demo(with_calls=False)
    page = open_page()
    with flow("keyboard-language", page):
        page.goto(reverse("portal:home"))
        tab_to(page, lambda now: now["name"] == "language")
        # A closed select changes with the arrow keys; then Tab to the button and press it.
        before = page.locator("#taal").input_value()
        page.keyboard.press("ArrowDown" if before == "nl" else "ArrowUp")
        chosen = page.locator("#taal").input_value()
        assert chosen != before, "the arrow keys change the language menu"
        tab_to(page, lambda now: now["tag"] == "button", limit=2)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        expect(page.locator("html")).to_have_attribute("lang", chosen)
