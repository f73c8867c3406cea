"""What a file is by its content, not its name: magic bytes, the parts of a zip, text or not."""

import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from regiodeal.ingest.errors import UnsupportedFormatError

from ._common import count_controls

# File name extension -> format; also the order in which messages list them.
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(FORMATS)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# How much of the start is enough to tell text from binary, and to spot an HTML page.
_PREFIX = 8192

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"MZ", "program"),
    (b"\x7fELF", "program"),
    (b"\xca\xfe\xba\xbe", "program"),
    (b"\xcf\xfa\xed\xfe", "program"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"BM", "image"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf", "archive"),
    (b"Rar!", "archive"),
    (b"BZh", "archive"),
    (b"\xfd7zXZ", "archive"),
)


def describe(kind: str) -> str:
    """What the file appears to be, for the message to the person importing it."""
    descriptions = {
        "pdf": _("a PDF document"),
        "docx": _("a Word document (.docx)"),
        "odt": _("an OpenDocument text (.odt)"),
        "opendocument": _("an OpenDocument spreadsheet, presentation or drawing"),
        "xlsx": _("an Excel workbook (.xlsx)"),
        "pptx": _("a PowerPoint presentation (.pptx)"),
        "zip": _("a zip archive"),
        "corrupt_zip": _("a damaged zip archive"),
        "ole": _("an old Microsoft Office file (.doc, .xls or .ppt)"),
        "program": _("a program"),
        "image": _("an image"),
        "rtf": _("an RTF document"),
        "archive": _("a compressed archive"),
        "html": _("a web page (HTML)"),
        "text": _("plain text"),
        "binary": _("binary data, not text"),
    }
    return descriptions.get(kind, descriptions["binary"])


def sniff(data: bytes) -> str:
    """One of the kinds describe() knows. Text and HTML are judged on the first few KB only."""
    head = data[:_PREFIX]
    # Acrobat accepts up to 1 KB of junk before the header, so some real PDFs have it.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return _sniff_text(head)


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                mimetype = archive.read("mimetype").strip()
                if mimetype == ODT_MIMETYPE:
                    return "odt"
                if mimetype.startswith(b"application/vnd.oasis.opendocument."):
                    return "opendocument"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "ppt/presentation.xml" in names:
                return "pptx"
            return "zip"
    except Exception:
        # zipfile raises BadZipFile, but also ValueError, struct.error, EOFError,
        # NotImplementedError or RuntimeError on a mangled directory; all mean "damaged".
        return "corrupt_zip"


def _sniff_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A byte order mark: UTF-16, as Notepad saves "Unicode" text.
        sample = head.decode("utf-16", errors="replace")
    else:
        # Only control characters count here, and they are the same bytes in UTF-8 and
        # Windows-1252; ignoring the rest also forgives a character cut off at the prefix end.
        sample = head.decode("utf-8", errors="ignore")
    if "\x00" in sample or count_controls(sample) > max(4, len(sample) // 100):
        return "binary"
    lowered = sample[:2048].lower()
    if any(tag in lowered for tag in ("<!doctype html", "<html", "<body", "<head")):
        return "html"
    return "text"


def mismatch(name: str, kind: str) -> UnsupportedFormatError:
    """The name promises one format, the content is another (or no text at all)."""
    return UnsupportedFormatError(
        _(
            "%(file)s is named %(extension)s, but its content appears to be %(kind)s. "
            "Supported formats: %(formats)s."
        )
        % {
            "file": name,
            "extension": PurePath(name).suffix.lower(),
            "kind": describe(kind),
            "formats": ", ".join(SUPPORTED_EXTENSIONS),
        },
        code="mismatch",
    )


def unsupported(name: str, kind: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        _(
            "%(file)s is not a supported file type; it appears to be %(kind)s. "
            "Supported formats: %(formats)s."
        )
        % {"file": name, "kind": describe(kind), "formats": ", ".join(SUPPORTED_EXTENSIONS)},
        code="unsupported",
    )
