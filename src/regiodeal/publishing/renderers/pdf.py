"""PDF through WeasyPrint, as PDF/A-3u so that the list can be archived as it was published."""

from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher

from regiodeal.publishing.besluitenlijst import BesluitenlijstDocument

from . import common

TEMPLATE = "publishing/besluitenlijst_print.html"
# PDF/A-3 level U: every font embedded and all text mapped to Unicode, so the archived file
# still renders and can be searched and copied in decades.
PDF_VARIANT = "pdf/a-3u"
# Relative URLs in the template (if any are ever added) resolve next to the template itself.
BASE_URL = (Path(__file__).resolve().parent.parent / "templates" / "publishing").as_uri() + "/"


def print_context(document: BesluitenlijstDocument) -> dict:
    published = common.published_local(document).isoformat()
    return {
        "document": document,
        "meeting_line": common.meeting_line(document),
        "description": common.description(document),
        "keywords": ", ".join(common.keywords(document)),
        "generator": common.generator(),
        "created": published,
        "modified": published,
        "conditions_label": common.CONDITIONS_LABEL,
    }


def render_pdf(document: BesluitenlijstDocument) -> bytes:
    html = render_to_string(TEMPLATE, print_context(document))
    # A server-side render must never reach out to the network; only local files and data:
    # URIs may be loaded.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT,
        # Tagged PDF: screen readers get the headings and reading order (WCAG for documents).
        pdf_tags=True,
    )
