"""What the readers share: the part tuple, line heuristics and the error messages they raise."""

import re

from django.utils.translation import gettext as _

from regiodeal.ingest.documents import BlockKind
from regiodeal.ingest.errors import UnreadableFileError

# (kind, raw text, heading level, style): what documents.assemble() takes.
Part = tuple[BlockKind, str, int | None, str]

# Lines longer than this are prose, never a heading or a one-line list entry.
HEADING_MAX_CHARS = 120
# Bullets people type or that PDFs show: "•", "-", "*", "–", "·" and their cousins.
BULLET = re.compile(r"^\s*[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7*\-–—]\s+")
# Enumerators: "1.", "12)", "a)", "b.", "(3)". Kept in the text, titles.py strips them.
ENUMERATOR = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z])[.)]\s+")
# Fields of a list entry, "Titel – Aanvrager – € 99.999;". Spaced dashes only: "Borger-Odoorn".
_FIELD_SEPARATOR = re.compile(r"\s[–—-]\s|\t|\s\|\s")
_AMOUNT = re.compile(
    r"(?:€|\bEUR\b)\s?\d|\d[\d.]*(?:,\d{1,2}|,-)?\s?(?:euro\b|EUR\b)", re.IGNORECASE
)
_ENDS_WITH_AMOUNT = re.compile(r"(?:\d|,-|euro|EUR)\s*\)?\s*;?$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
# C0 and C1 control characters other than tab and line breaks: binary noise, never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def is_list_marker(line: str) -> bool:
    return bool(BULLET.match(line) or ENUMERATOR.match(line))


def strip_bullet(line: str) -> str:
    """A list line without its bullet glyph. Numbers stay: "besluit 3" may refer to them."""
    return BULLET.sub("", line, count=1)


def is_heading_like(line: str) -> bool:
    """Short, with a letter, not a list line, and not ending like a sentence or a lead-in."""
    line = line.strip()
    return (
        0 < len(line) < HEADING_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and bool(_LETTER.search(line))
        and not is_list_marker(line)
    )


def looks_like_entry(line: str) -> bool:
    """One line of an enumeration typed without bullets: "Titel – Aanvrager – € 99.999;".

    Fields separated by spaced dashes, tabs or pipes, or a short line that ends in an amount.
    A wrapped line of prose has neither, so a run of these is a list, not a paragraph.
    """
    line = line.strip()
    if not line or len(line) >= HEADING_MAX_CHARS or line.endswith("."):
        return False
    if is_list_marker(line):
        return True
    separators = len(_FIELD_SEPARATOR.findall(line))
    has_amount = bool(_AMOUNT.search(line))
    return (
        separators >= 2
        or (separators >= 1 and has_amount)
        or (has_amount and bool(_ENDS_WITH_AMOUNT.search(line)))
    )


def split_entries(lines: list[str]) -> list[str] | None:
    """The lines as separate list entries if there are several and each looks like one."""
    lines = [line for line in lines if line.strip()]
    if len(lines) >= 2 and all(looks_like_entry(line) for line in lines):
        return [strip_bullet(line) for line in lines]
    return None


def promote_title(parts: list[Part]) -> list[Part]:
    """With no level-1 heading, the first heading (a bold line, say) is the document's title."""
    headings = [
        i for i, part in enumerate(parts) if part[0] is BlockKind.HEADING and part[1].strip()
    ]
    if headings and not any(parts[i][2] == 1 for i in headings) and parts[headings[0]][2] is None:
        kind, text, _level, style = parts[headings[0]]
        parts[headings[0]] = (kind, text, 1, style)
    return parts


def count_controls(text: str) -> int:
    return len(_CONTROL.findall(text))


def clean_controls(text: str) -> str:
    """Stray control characters (a DOS end-of-file mark, a PDF's odd glyph) become spaces."""
    return _CONTROL.sub(" ", text)


def damaged(name: str) -> UnreadableFileError:
    return UnreadableFileError(
        _(
            "%(file)s could not be read; it may be damaged. Open it, save it again and import "
            "that copy."
        )
        % {"file": name},
        code="damaged",
    )
