"""The besluitenlijst as a downloadable file: PDF, DOCX, ODT or Markdown.

Every format is rendered from the same ``BesluitenlijstDocument``, so the files cannot say
something the web page does not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from regiodeal.publishing.besluitenlijst import BesluitenlijstDocument

FORMATS = ("pdf", "docx", "odt", "md")


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    content_type: str
    filename: str


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "md": "text/markdown; charset=utf-8",
}

# Module and function per format. The modules are imported on first use: WeasyPrint loads
# Pango and HarfBuzz, which every web worker and management command would otherwise pay for.
_RENDERERS = {
    "pdf": ("pdf", "render_pdf"),
    "docx": ("office", "render_docx"),
    "odt": ("office", "render_odt"),
    "md": ("markdown", "render_markdown"),
}


def _renderer(fmt: str) -> Callable[[BesluitenlijstDocument], bytes]:
    module_name, function_name = _RENDERERS[fmt]
    return getattr(import_module(f"{__name__}.{module_name}"), function_name)


def render_besluitenlijst(document: BesluitenlijstDocument, fmt: str) -> RenderedDocument:
    """The document as a file in ``fmt``, one of ``FORMATS``."""
    if fmt not in FORMATS:
        raise ValueError(
            f"Onbekend formaat “{fmt}” voor een besluitenlijst; kies uit {', '.join(FORMATS)}."
        )
    return RenderedDocument(
        content=_renderer(fmt)(document),
        content_type=CONTENT_TYPES[fmt],
        filename=f"{document.filename_stem}.{fmt}",
    )


__all__ = ["CONTENT_TYPES", "FORMATS", "RenderedDocument", "render_besluitenlijst"]
