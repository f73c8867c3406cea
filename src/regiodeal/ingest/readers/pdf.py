"""PDF (.pdf): the text layer through pypdf, turned back into headings, paragraphs and lists.

pypdf's layout mode places text by its position on the page, so the vertical space between
paragraphs comes out as blank lines and list bullets stay in front of their item; plain mode
(the fallback) loses both. Scanned PDFs have no text layer; we do no OCR and say so.
"""

import io
import re
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from regiodeal.ingest.documents import ReadDocument, assemble
from regiodeal.ingest.errors import UnreadableFileError

from ._common import clean_controls, damaged
from ._fonts import heading_levels
from ._layout import lines_to_parts

# Running headers and footers are looked for among the first and last few lines of a page.
EDGE_LINES = 3
# A line on this share of the pages (at least two) is a running header or footer.
RUNNING_SHARE = 0.6
_PAGE_NUMBER = re.compile(
    r"^[-–(]?\s*(?:(?:pagina|page|blz\.?|blad|p\.)\s*)?\d{1,4}"
    r"(?:\s*(?:van|of|/)\s*\d{1,4})?\s*[-–)]?$",
    re.IGNORECASE,
)
# The page number inside a running line: "Besluitenlijst 2023 – pagina 3 van 7".
_PAGE_LABEL = r"(?:pagina|page|seite|blz\.?|blad)\s*\d{1,4}(?:\s*(?:van|of|von|/)\s*\d{1,4})?"
_PAGE_NUMBER_PART = re.compile(rf"{_PAGE_LABEL}|^\d{{1,4}}\s|\s\d{{1,4}}$", re.IGNORECASE)
# A line at the top or bottom that ends in a page label is a running line even on one page.
_ENDS_WITH_PAGE_LABEL = re.compile(rf"{_PAGE_LABEL}$", re.IGNORECASE)


def read_pdf(data: bytes, source: str) -> ReadDocument:
    reader = _open(data, source)
    if len(reader.pages) == 0:
        raise damaged(source)
    # pypdf takes up to half a second a page: a page limit bounds the time a request may take.
    limit = settings.REGIODEAL_IMPORT_MAX_PAGES
    if len(reader.pages) > limit:
        raise UnreadableFileError(
            _("%(file)s has %(pages)d pages; files up to %(limit)d pages can be imported.")
            % {"file": source, "pages": len(reader.pages), "limit": limit},
            code="too_many_pages",
        )
    pages = [_page_lines(page) for page in reader.pages]
    if not any(line.strip() for page in pages for line in page):
        raise UnreadableFileError(
            _(
                "%(file)s has no text layer; it is probably a scan. Run text recognition "
                "(OCR) on it first, or import the original document."
            )
            % {"file": source},
            code="no_text_layer",
        )
    lines: list[str] = []
    for page in _drop_running_lines(pages):
        lines += _trim(page)
    return assemble(source, "pdf", lines_to_parts(lines, heading_levels(reader.pages)))


def _open(data: bytes, source: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        # pypdf already tried the empty user password: PDFs that only forbid editing open.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UnreadableFileError(
                _(
                    "%(file)s is encrypted with a password; save it without protection and "
                    "try again."
                )
                % {"file": source},
                code="encrypted",
            )
    except DependencyError as error:
        # AES needs the cryptography package, which this installation does not have.
        raise UnreadableFileError(
            _(
                "%(file)s is protected with an encryption we cannot open; save it without "
                "protection and try again."
            )
            % {"file": source},
            code="encrypted",
        ) from error
    return reader


def _page_lines(page) -> list[str]:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:
        # Layout mode needs font metrics that some PDFs get wrong, and pypdf raises a range of
        # errors then; plain mode reads the same text without positions. A second failure is
        # a damaged page and goes up to the dispatcher.
        text = page.extract_text()
    text = clean_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    return [line.rstrip() for line in text.split("\n")]


def _running_key(line: str) -> str:
    return " ".join(_PAGE_NUMBER_PART.sub(" # ", line.strip()).split()).lower()


def _edges(page: list[str]) -> list[int]:
    """The first and last few filled lines of a page, where page numbers are."""
    filled = [index for index, line in enumerate(page) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _margins(page: list[str]) -> list[int]:
    """The lines above the first and below the last blank line, if only a few: the margins.

    A running header or footer is set apart from the text by white space; requiring that
    keeps a sentence that happens to end two pages from being taken for one.
    """
    blank = [index for index, line in enumerate(page) if not line.strip()]
    filled = [index for index, line in enumerate(page) if line.strip()]
    if not blank or not filled:
        return []
    top = [index for index in filled if index < blank[0]]
    bottom = [index for index in filled if index > blank[-1]]
    return (top if len(top) <= EDGE_LINES else []) + (bottom if len(bottom) <= EDGE_LINES else [])


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Without page numbers and the header or footer that repeats on most pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_running_key(page[index]) for index in _margins(page)})
    threshold = max(2, round(RUNNING_SHARE * len(pages) + 0.49))
    running = {key for key, count in counts.items() if count >= threshold}
    cleaned = []
    for page in pages:
        drop = {index for index in _margins(page) if _running_key(page[index]) in running}
        drop |= {
            index
            for index in _edges(page)
            if _PAGE_NUMBER.match(page[index].strip())
            or _ENDS_WITH_PAGE_LABEL.search(page[index].strip())
        }
        cleaned.append([line for index, line in enumerate(page) if index not in drop])
    return cleaned


def _trim(page: list[str]) -> list[str]:
    """Without blank lines at the top and bottom: a paragraph may go on on the next page."""
    filled = [index for index, line in enumerate(page) if line.strip()]
    return page[filled[0] : filled[-1] + 1] if filled else []
