"""The shape every reader produces: text blocks with their kind, over one normalised text.

Readers differ per file format; everything after them (extraction, evidence highlighting in the
review screen) works on this shape only. Offsets are character offsets into ``text``.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    text: str
    # Heading level (1 = the document title) where the format tells it, else None.
    level: int | None = None
    # The source's own style name (a DOCX/ODT paragraph style, an HTML tag), for the extractor.
    style: str = ""


@dataclass(frozen=True)
class ReadDocument:
    source: str  # the file name as given
    format: str  # "txt", "md", "html", "pdf", "docx", "odt"
    text: str
    blocks: tuple[Block, ...]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


BLOCK_SEPARATOR = "\n\n"
# Spaces that Word, PDFs and web pages use between a currency sign and a number.
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalise(text: str) -> str:
    """One block's text: NFC, soft hyphens and zero-width characters gone, spaces collapsed.

    Non-breaking and thin spaces become plain spaces, so amounts like ``€\u00a0480.000`` read as
    typed; line breaks inside a block become spaces.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = " ".join(line.strip() for line in text.split("\n"))
    return _SPACES.sub(" ", text).strip()


def assemble(
    source: str, fmt: str, parts: list[tuple[BlockKind, str, int | None, str]]
) -> ReadDocument:
    """Build a ReadDocument from (kind, raw text, level, style) parts in reading order.

    Empty parts are dropped; the blocks are joined by a blank line.
    """
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, raw, level, style in parts:
        text = normalise(raw)
        if not text:
            continue
        if pieces:
            pieces.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind, offset, offset + len(text), text, level, style))
        pieces.append(text)
        offset += len(text)
    return ReadDocument(source=source, format=fmt, text="".join(pieces), blocks=tuple(blocks))
