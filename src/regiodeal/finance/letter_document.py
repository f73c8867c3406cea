"""The structure of a letter (beschikking, vaststelling) that every format renders."""

import datetime
from dataclasses import dataclass
from typing import ClassVar

from .constants import DIWOO_BESCHIKKING

DRAFT_LABEL = "CONCEPT"
DRAFT_NOTICE = (
    "CONCEPT – Deze beschikking is nog niet genomen en niet verzonden. "
    "Aan deze tekst kunnen geen rechten worden ontleend."
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Table:
    """Rows of text; the last column holds amounts. ``footer`` is the row that sums it up."""

    rows: tuple[tuple[str, ...], ...]
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    kind: ClassVar[str] = "table"


Block = Paragraph | Table


@dataclass(frozen=True)
class LetterSection:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class LetterDocument:
    kind: str  # "beschikking" or "vaststelling": the start of the file name
    reference: str
    is_draft: bool
    heading: str  # "Beschikking subsidieverlening"
    subject: str
    programme: str
    recipient: tuple[str, ...]
    particulars: tuple[tuple[str, str], ...]  # (label, value): date, reference, subject
    opening: tuple[Block, ...]
    sections: tuple[LetterSection, ...]
    created: datetime.datetime
    salutation: ClassVar[str] = "Geachte heer, mevrouw,"
    closing: ClassVar[str] = "Met vriendelijke groet,"
    category: ClassVar[str] = DIWOO_BESCHIKKING
    language: ClassVar[str] = "nl"

    @property
    def parts(self) -> tuple[LetterSection, ...]:
        """The body in reading order: the opening (without a heading), then the sections."""
        return (LetterSection("", self.opening), *self.sections)

    @property
    def sender(self) -> str:
        return f"Programmabureau {self.programme}"

    @property
    def signature(self) -> tuple[str, ...]:
        return (f"namens de stuurgroep van {self.programme},", self.sender)

    @property
    def title(self) -> str:
        """The heading and subject; a draft says so first, wherever the title is shown."""
        prefix = f"{DRAFT_LABEL} – " if self.is_draft else ""
        return f"{prefix}{self.heading} – {self.subject}"

    @property
    def draft_notice(self) -> str:
        return DRAFT_NOTICE if self.is_draft else ""

    @property
    def description(self) -> str:
        return f"{self.heading} {self.reference} aan {self.recipient[0]}, {self.programme}"

    @property
    def keywords(self) -> list[str]:
        return [self.heading, self.reference, self.programme, self.category]

    @property
    def filename_stem(self) -> str:
        return f"{self.kind}-{self.reference}"
