"""The programme's logo and colours for the public site's templates (``base.html``)."""

import re

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

# Each colour setting and the NL Design System design tokens it overrides. The site's own
# stylesheet reads the same tokens, so one setting changes header, buttons and links alike.
TOKENS: dict[str, tuple[str, ...]] = {
    "primary": (
        "--basis-color-action-1-inverse-bg-default",
        "--regiodeal-header-background-color",
    ),
    "primary-hover": (
        "--basis-color-action-1-inverse-bg-hover",
        "--basis-color-action-1-inverse-bg-active",
    ),
    "on-primary": (
        "--basis-color-action-1-inverse-color-default",
        "--basis-color-action-1-inverse-color-hover",
        "--basis-color-action-1-inverse-color-active",
        "--regiodeal-header-color",
    ),
    "link": ("--basis-color-action-2-color-default", "--utrecht-link-color"),
    "link-hover": ("--basis-color-action-2-color-hover", "--basis-color-action-2-color-active"),
    "surface": ("--basis-color-accent-1-bg-default", "--regiodeal-surface-color"),
}
# Only plain hex colours: the value ends up in a style attribute, so nothing else may get in.
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def colour_declarations(colours: dict[str, str]) -> str:
    """CSS custom-property declarations for the known, well-formed ``colours``; others are
    left out so the theme's own value stays."""
    declarations = []
    for key, tokens in TOKENS.items():
        value = str(colours.get(key, "")).strip()
        if HEX_COLOUR.match(value):
            declarations.extend(f"{token}: {value}" for token in tokens)
    return "; ".join(declarations)


def logo_url(logo: str) -> str:
    """The logo setting as a URL: site-relative URLs as they are, anything else as a static
    file path. Addresses on other hosts are not used (the site loads nothing from elsewhere)."""
    if not logo or "://" in logo or logo.startswith("//"):
        return ""
    if logo.startswith("/"):
        return logo
    try:
        return static(logo)
    except ValueError:
        # A manifest storage refuses a file it does not hold: the site shows the name instead.
        return ""


def branding(request: HttpRequest) -> dict[str, object]:
    """The site's look, or the programme's where a view put one on the request
    (``request.regiodeal_programme``): its name, its logo and the colours it sets."""
    name = settings.REGIODEAL_SITE_NAME
    logo = getattr(settings, "REGIODEAL_SITE_LOGO", "")
    colours = dict(getattr(settings, "REGIODEAL_SITE_COLOURS", {}))
    programme = getattr(request, "regiodeal_programme", None)
    if programme is not None:
        name = programme.name
        # Not the site's logo under the programme's name: without a logo of its own the
        # programme's name is shown as text.
        logo = programme.logo
        for key, value in (("primary", programme.primary_colour), ("link", programme.link_colour)):
            if value:
                colours[key] = value
    return {
        "site_branding": {
            "name": name,
            "logo": logo_url(logo),
            "style": colour_declarations(colours),
        }
    }
