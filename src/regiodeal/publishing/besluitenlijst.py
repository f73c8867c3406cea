"""The besluitenlijst as a document: one structure that every format is rendered from.

The web page, PDF, DOCX, ODT and Markdown all read this structure, so they cannot drift apart.
"""

import datetime
import re
from dataclasses import dataclass

from regiodeal.core.dates import long_date
from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.selectors import decisions_of_list
from regiodeal.decisions.wording import amount_sentence, correction_sentence
from regiodeal.portal.caching import cached_aggregate


@dataclass(frozen=True)
class DocumentItem:
    anchor: str
    heading: str
    paragraphs: tuple[str, ...]
    conditions: str = ""


@dataclass(frozen=True)
class BesluitenlijstDocument:
    slug: str
    title: str
    programme: str
    meeting_title: str
    meeting_date: datetime.date
    published_at: datetime.datetime
    introduction: tuple[str, ...]
    items: tuple[DocumentItem, ...]
    language: str = "nl"

    @property
    def meeting_line(self) -> str:
        """``Regio Deal X – vergadering van de stuurgroep op 14 december 2021``."""
        return f"{self.programme} – vergadering van de stuurgroep op {long_date(self.meeting_date)}"

    @property
    def filename_stem(self) -> str:
        return f"besluitenlijst-{self.slug}"


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs are separated by blank lines; single line breaks inside one are kept as spaces."""
    blocks = re.split(r"\n\s*\n", text.strip()) if text.strip() else []
    return tuple(" ".join(line.strip() for line in block.splitlines()) for block in blocks)


def build_document(besluitenlijst: DecisionList) -> BesluitenlijstDocument:
    meeting = besluitenlijst.meeting
    items = []
    for decision in decisions_of_list(besluitenlijst):
        paragraphs = list(split_paragraphs(decision.text))
        closing = amount_sentence(decision.kind, decision.amount)
        if decision.is_correction:
            closing = " ".join(
                part
                for part in (
                    correction_sentence(decision.corrects_heading, decision.corrects_list_title),
                    closing,
                )
                if part
            )
        if closing:
            if paragraphs:
                paragraphs[-1] = f"{paragraphs[-1]} {closing}"
            else:
                paragraphs.append(closing)
        items.append(
            DocumentItem(
                anchor=f"besluit-{decision.pk}",
                heading=decision.heading,
                paragraphs=tuple(paragraphs),
                conditions=decision.conditions.strip(),
            )
        )
    return BesluitenlijstDocument(
        slug=meeting.slug,
        title=besluitenlijst.title,
        programme=meeting.programme.name,
        meeting_title=meeting.title,
        meeting_date=meeting.date,
        published_at=besluitenlijst.published_at,
        introduction=split_paragraphs(besluitenlijst.introduction),
        items=tuple(items),
    )


def published_document(besluitenlijst: DecisionList) -> BesluitenlijstDocument:
    """build_document() of a published list, kept until the next change to public data.

    What a published list says never changes (a correction is a new decision in a later
    list), so its page and downloads need not read and word its decisions again for every
    visitor; a national programme's list holds hundreds of them.
    """
    return cached_aggregate(
        "besluitenlijst-document", lambda: build_document(besluitenlijst), besluitenlijst.pk
    )
