"""Wording and metadata every format shares, so the files describe themselves alike."""

import datetime
from importlib.metadata import PackageNotFoundError, version

from django.utils import timezone

from regiodeal.core.dates import long_date
from regiodeal.publishing.besluitenlijst import BesluitenlijstDocument, DocumentItem

CONDITIONS_LABEL = "Voorwaarden:"
# The language as office suites and spell checkers expect it; "nl" alone is the HTML/PDF tag.
OFFICE_LANGUAGE = "nl-NL"


def meeting_line(document: BesluitenlijstDocument) -> str:
    return document.meeting_line


def description(document: BesluitenlijstDocument) -> str:
    return (
        f"Besluiten van de stuurgroep van {document.programme} "
        f"in de vergadering van {long_date(document.meeting_date)}"
    )


def keywords(document: BesluitenlijstDocument) -> list[str]:
    return ["besluitenlijst", "stuurgroep", document.programme]


def generator() -> str:
    try:
        return f"regiodeal {version('regiodeal')}"
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "regiodeal"


def published_local(document: BesluitenlijstDocument) -> datetime.datetime:
    """The publication moment in the programme's time zone, to the second.

    The document is Dutch: its dates should read as they did in the Netherlands, not in UTC.
    """
    published = document.published_at
    if timezone.is_naive(published):
        published = timezone.make_aware(published)
    return timezone.localtime(published).replace(microsecond=0)


def published_utc(document: BesluitenlijstDocument) -> datetime.datetime:
    return published_local(document).astimezone(datetime.UTC)


def conditions_text(item: DocumentItem) -> str:
    """The conditions as one running sentence, the way the print and web versions show them."""
    return " ".join(line.strip() for line in item.conditions.splitlines() if line.strip())
