"""Read an uploaded or local file into a ReadDocument: text, PDF, Word, OpenDocument or HTML.

The extension picks the reader, and the content must match it: a PDF renamed to .docx is
refused with a message saying what the file appears to be. Whatever goes wrong, the caller
gets an IngestError with a Dutch message naming the file, never a library's exception.
"""

import logging
from collections.abc import Callable
from pathlib import Path, PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from regiodeal.ingest.documents import ReadDocument
from regiodeal.ingest.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    IngestError,
    UnreadableFileError,
)

from ._common import damaged
from ._sniff import FORMATS, SUPPORTED_EXTENSIONS, mismatch, sniff, unsupported
from .docx import read_docx
from .html import read_html
from .odt import read_odt
from .pdf import read_pdf
from .text import decode, read_markdown, read_text

__all__ = ["SUPPORTED_EXTENSIONS", "read_bytes", "read_file"]

logger = logging.getLogger(__name__)

# Enough of an unsupported file to tell what it is (a zip's directory may need more, rarely).
_SNIFF_BYTES = 65536

# The kinds of content (see _sniff) each format accepts. Text and HTML are both text: a .txt
# with markup in it is still text, and a page saved as .htm may hold no tags at all.
_ACCEPTS = {
    "txt": {"text", "html"},
    "md": {"text", "html"},
    "html": {"text", "html"},
    "pdf": {"pdf"},
    "docx": {"docx"},
    "odt": {"odt"},
}


def _read_txt(data: bytes, source: str) -> ReadDocument:
    return read_text(_decoded(data, source), source)


def _read_md(data: bytes, source: str) -> ReadDocument:
    return read_markdown(_decoded(data, source), source)


def _decoded(data: bytes, source: str) -> str:
    text = decode(data)
    if text is None:
        raise mismatch(source, "binary")
    return text


_READERS: dict[str, Callable[[bytes, str], ReadDocument]] = {
    "txt": _read_txt,
    "md": _read_md,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
    "odt": read_odt,
}


def read_file(path: Path, *, max_bytes: int | None = None) -> ReadDocument:
    """Read a file from disk; its size is checked before its content is loaded."""
    path = Path(path)
    limit = _limit(max_bytes)
    try:
        size = path.stat().st_size
        supported = path.suffix.lower() in FORMATS
        if size > limit and supported:
            raise _too_large(path.name, size, limit)
        with path.open("rb") as handle:
            # An unsupported file is only read far enough to say what it appears to be. Else
            # at most one byte past the limit: a file that grew since stat() still fails.
            data = handle.read(limit + 1 if supported else _SNIFF_BYTES)
    except OSError as error:
        raise UnreadableFileError(
            _("%(file)s could not be opened: %(error)s")
            % {"file": path.name, "error": error.strerror or error},
            code="os_error",
        ) from error
    return read_bytes(data, path.name, max_bytes=limit)


def read_bytes(data: bytes, filename: str, *, max_bytes: int | None = None) -> ReadDocument:
    """Read an upload. filename may be a client's full path; only its last part is kept."""
    name = PurePath(filename.replace("\\", "/")).name or filename
    extension = PurePath(name).suffix.lower()
    limit = _limit(max_bytes)
    if extension not in FORMATS:
        kind = sniff(data[:_SNIFF_BYTES]) if data else "binary"
        # Only the start was looked at, and a zip's directory is at its end.
        raise unsupported(name, "zip" if kind == "corrupt_zip" else kind)
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    if not data:
        raise _empty(name)
    fmt = FORMATS[extension]
    kind = sniff(data)
    if kind == "corrupt_zip" and fmt in ("docx", "odt"):
        raise damaged(name)
    if kind not in _ACCEPTS[fmt]:
        raise mismatch(name, kind)
    try:
        document = _READERS[fmt](data, name)
    except IngestError:
        raise
    except Exception as error:
        # Deliberately broad: pypdf, lxml, python-docx, odfpy and zipfile raise dozens of
        # exception types on malformed input (PdfReadError, KeyError, XMLSyntaxError,
        # struct.error, ValueError, RecursionError, MemoryError, ...), and not one of them is
        # documented completely. For the person importing each means the same thing: this
        # file cannot be read. The traceback goes to the log for whoever looks into it.
        logger.warning("Could not read %s as %s", name, fmt, exc_info=True)
        raise damaged(name) from error
    if not document.blocks:
        raise _empty(name)
    return document


def _limit(max_bytes: int | None) -> int:
    return settings.REGIODEAL_IMPORT_MAX_BYTES if max_bytes is None else max_bytes


def _too_large(name: str, size: int, limit: int) -> FileTooLargeError:
    # The same words as services.ensure_within_limit: one message for one rule.
    return FileTooLargeError(
        _("%(file)s is %(size)s; files up to %(limit)s can be imported.")
        % {"file": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_large",
    )


def _empty(name: str) -> EmptyDocumentError:
    return EmptyDocumentError(_("%(file)s contains no text.") % {"file": name}, code="empty")
