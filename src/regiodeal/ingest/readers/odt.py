"""OpenDocument text (.odt) through odfpy: headings, paragraphs, lists and tables in order.

odfpy parses with defusedxml, which refuses entity declarations and external references.
"""

import io
import re
import zipfile
from xml.parsers import expat

from odf import teletype
from odf.namespaces import DRAWNS, OFFICENS, TABLENS, TEXTNS
from odf.opendocument import load

from regiodeal.ingest.documents import BlockKind, ReadDocument, assemble

from ._archive import check_zip
from ._common import Part, damaged, promote_title
from ._odf_styles import OdfStyles

_H, _P = (TEXTNS, "h"), (TEXTNS, "p")
_LIST, _LIST_ITEM, _LIST_HEADER = (TEXTNS, "list"), (TEXTNS, "list-item"), (TEXTNS, "list-header")
_TABLE, _ROW, _CELL = (TABLENS, "table"), (TABLENS, "table-row"), (TABLENS, "table-cell")
# Containers whose children are read in order as if they stood in the body.
_CONTAINERS = frozenset(
    {
        (TEXTNS, "section"),
        (TABLENS, "table-header-rows"),
        (TABLENS, "table-rows"),
        (TABLENS, "table-row-group"),
    }
)
# Comments, footnotes, the deleted text of tracked changes, frames (images and text boxes) and
# generated indexes: none of it is the running text, and extractText would glue it into it.
_REMOVED = frozenset(
    {
        (OFFICENS, "annotation"),
        (OFFICENS, "annotation-end"),
        (TEXTNS, "note"),
        (TEXTNS, "tracked-changes"),
        (TEXTNS, "table-of-content"),
        (TEXTNS, "alphabetical-index"),
        (TEXTNS, "illustration-index"),
        (DRAWNS, "frame"),
    }
)
# <text:s text:c="n"/> is n spaces; a crafted n of two billion would fill the memory.
MAX_SPACES = 100
# "Heading 2", "Kop 2", plain "Heading"; not "Koptekst" (the page header) or "Header".
_HEADING_STYLE = re.compile(r"\b(?:heading|kop)(?:\s*(\d+))?\b", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"\b(?:title|titel)\b", re.IGNORECASE)
# The parts odfpy parses, at the top and in embedded objects ("Object 1/content.xml").
_PARSED_PARTS = frozenset({"content.xml", "styles.xml", "meta.xml", "settings.xml"})


def read_odt(data: bytes, source: str) -> ReadDocument:
    check_zip(data, source)
    _check_well_formed(data, source)
    document = load(io.BytesIO(data))
    styles = OdfStyles(document)
    _prune(document.text)
    parts: list[Part] = []
    stack = [iter(document.text.childNodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        qname = getattr(node, "qname", None)
        if qname == _H:
            level = node.getAttrNS(TEXTNS, "outline-level")
            level = int(level) if level and level.isdigit() else 1
            text = teletype.extractText(node)
            parts.append((BlockKind.HEADING, text, level, _name(node, styles)))
        elif qname == _P:
            parts.append(_paragraph(node, styles))
        elif qname in (_LIST_ITEM, _LIST_HEADER):
            texts = [teletype.extractText(child) for child in _children(node, _P)]
            parts.append((BlockKind.LIST_ITEM, " ".join(texts), None, _name(node, styles)))
            # Headings and nested lists inside the item are read in their turn.
            stack.append(iter([c for c in node.childNodes if getattr(c, "qname", None) != _P]))
        elif qname == _TABLE:
            parts += _table(node, stack)
        elif qname == _LIST or qname in _CONTAINERS:
            stack.append(iter(node.childNodes))
    return assemble(source, "odt", promote_title(parts))


def _check_well_formed(data: bytes, source: str) -> None:
    """odfpy prints a part it cannot parse to stdout and goes on without it; refuse instead."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if entry.filename.rsplit("/", 1)[-1] not in _PARSED_PARTS:
                continue
            # With namespaces, as odfpy parses: an undeclared prefix fails here, not there.
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.EntityDeclHandler = _refuse_entities
            try:
                parser.Parse(archive.read(entry), True)
            except expat.ExpatError as error:
                raise damaged(source) from error


def _refuse_entities(*_args) -> None:
    raise expat.ExpatError("entity declarations are not allowed")


def _prune(root) -> None:
    """Remove what is not running text, and cap runs of spaces, before extracting text."""
    doomed = []
    stack = [root]
    while stack:
        node = stack.pop()
        for child in getattr(node, "childNodes", ()):
            qname = getattr(child, "qname", None)
            if qname in _REMOVED:
                doomed.append((node, child))
            else:
                if qname == (TEXTNS, "s"):
                    count = child.getAttrNS(TEXTNS, "c") or "1"
                    spaces = min(int(count), MAX_SPACES) if count.isdigit() else 1
                    child.setAttrNS(TEXTNS, "c", str(spaces))
                stack.append(child)
    for parent, child in doomed:
        parent.removeChild(child)


def _children(node, qname: tuple[str, str]) -> list:
    return [child for child in node.childNodes if getattr(child, "qname", None) == qname]


def _paragraph(node, styles: OdfStyles) -> Part:
    text = teletype.extractText(node)
    chain = styles.chain(node.getAttrNS(TEXTNS, "style-name") or "")
    style = chain[0] if chain else ""
    for name in chain:
        if match := _HEADING_STYLE.search(name):
            level = int(match.group(1)) if match.group(1) else None
            return (BlockKind.HEADING, text, level, style)
        if _TITLE_STYLE.search(name):
            return (BlockKind.HEADING, text, 1, style)
    if styles.is_fake_heading(node, text):
        return (BlockKind.HEADING, text, None, style)
    return (BlockKind.PARAGRAPH, text, None, style)


def _table(node, stack: list) -> list[Part]:
    rows = []
    pending = [iter(node.childNodes)]
    while pending:  # rows may sit in header-rows or row groups
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif getattr(child, "qname", None) == _ROW:
            # Covered cells (merged into the cell before them) are other elements: not read.
            rows.append(_children(child, _CELL))
        elif getattr(child, "qname", None) in _CONTAINERS:
            pending.append(iter(child.childNodes))
    if all(len(cells) <= 1 for cells in rows):
        # A one-column table is a box around content, not data: read its paragraphs as such.
        stack.append(iter([c for cells in rows for cell in cells for c in cell.childNodes]))
        return []
    parts: list[Part] = []
    for cells in rows:
        texts = [" ".join(_all_text(cell)) for cell in cells]
        if any(text.strip() for text in texts):
            parts.append((BlockKind.TABLE_ROW, " | ".join(texts), None, "Table"))
    return parts


def _all_text(cell) -> list[str]:
    """The text of every paragraph and heading in a cell, nested lists and tables included."""
    texts, stack = [], [iter(cell.childNodes)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif getattr(child, "qname", None) in (_P, _H):
            texts.append(teletype.extractText(child))
        elif getattr(child, "childNodes", None):
            stack.append(iter(child.childNodes))
    return texts


def _name(node, styles: OdfStyles) -> str:
    chain = styles.chain(node.getAttrNS(TEXTNS, "style-name") or "")
    return chain[0] if chain else ""
