"""Word documents (.docx) through python-docx: the body in document order, tables included.

python-docx parses the XML parts with lxml and resolve_entities=False (docx/oxml/parser.py),
and lxml never loads external DTDs or network resources by default, so entity expansion and
XXE do not apply; without huge_tree lxml also caps the nesting depth and the size of a text
node. Unpacking size is checked before (see _archive).
"""

import io
import re

import docx
from docx.oxml.ns import qn

from regiodeal.ingest.documents import BlockKind, ReadDocument, assemble

from ._archive import check_zip
from ._common import HEADING_MAX_CHARS, Part, promote_title

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T = qn("w:r"), qn("w:t")
_VAL = qn("w:val")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Block-level wrappers (content controls, custom XML) whose children are paragraphs and tables.
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
# Deleted text (tracked changes), the Fallback copy of a text box, and text boxes themselves:
# none of it is the paragraph's own visible text.
_HIDDEN_ANCESTORS = frozenset({qn("w:del"), qn("w:moveFrom"), _FALLBACK, qn("w:txbxContent")})
_TEXT_TAGS = {
    _T: None,
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)\b", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|lijst)", re.IGNORECASE)
_OFF = frozenset({"0", "false", "off"})


def read_docx(data: bytes, source: str) -> ReadDocument:
    check_zip(data, source)
    document = docx.Document(io.BytesIO(data))
    styles = _Styles(document.styles.element)
    parts: list[Part] = []
    # Iterators over the children still to visit, without recursion: boxes can nest.
    stack = [iter(document.element.body.iterchildren())]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif element.tag == _P:
            parts.append(_paragraph(element, styles))
        elif element.tag == _TBL:
            rows = [_cells(row) for row in element.iterchildren(_TR)]
            if all(len(cells) <= 1 for cells in rows):
                # A one-column table is a box around content (a "kader"), not data: read what
                # is inside it as ordinary paragraphs, headings, lists and tables.
                stack.append(iter([child for cells in rows for tc in cells for child in tc]))
                continue
            style = styles.names.get(_property(element, "w:tblPr", "w:tblStyle"), "")
            for cells in rows:
                texts = [" ".join(_text(p) for p in tc.iter(_P) if _visible(p, tc)) for tc in cells]
                if any(text.strip() for text in texts):
                    parts.append((BlockKind.TABLE_ROW, " | ".join(texts), None, style))
        elif element.tag in _WRAPPERS:
            stack.append(element.iterchildren())
    return assemble(source, "docx", promote_title(parts))


class _Styles:
    """Paragraph and character styles by id: name, outline level, bold, base style."""

    def __init__(self, root) -> None:
        self.names: dict[str, str] = {}
        self.outline: dict[str, int] = {}
        self.bold: dict[str, bool] = {}
        self.based_on: dict[str, str] = {}
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            name = style.find(qn("w:name"))
            self.names[style_id] = name.get(_VAL, style_id) if name is not None else style_id
            level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if level is not None and (level.get(_VAL) or "").isdigit():
                self.outline[style_id] = int(level.get(_VAL))
            bold = style.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if bold is not None:
                self.bold[style_id] = bold.get(_VAL, "true").lower() not in _OFF
            based = style.find(qn("w:basedOn"))
            if based is not None:
                self.based_on[style_id] = based.get(_VAL, "")

    def is_bold(self, style_id: str) -> bool:
        for _depth in range(10):  # basedOn chains are short; a loop in them must not hang us
            if style_id in self.bold:
                return self.bold[style_id]
            if style_id not in self.based_on:
                break
            style_id = self.based_on[style_id]
        return False


def _paragraph(p, styles: _Styles) -> Part:
    text = _text(p)
    style_id = _property(p, "w:pPr", "w:pStyle")
    name = styles.names.get(style_id, style_id)
    if match := _HEADING_STYLE.match(name) or _HEADING_STYLE.match(style_id):
        return (BlockKind.HEADING, text, int(match.group(1)), name)
    if _TITLE_STYLE.match(name) or _TITLE_STYLE.match(style_id):
        return (BlockKind.HEADING, text, 1, name)
    outline = _property(p, "w:pPr", "w:outlineLvl")
    level = int(outline) if outline.isdigit() else styles.outline.get(style_id)
    if level is not None and level < 9:  # level 9 is Word's "body text"
        return (BlockKind.HEADING, text, level + 1, name)
    num_id = _property(p, "w:pPr", "w:numPr", "w:numId")
    if _LIST_STYLE.match(name) or (num_id and num_id != "0"):
        return (BlockKind.LIST_ITEM, text, None, name)
    if _fake_heading(p, text, style_id, styles):
        # Many real files make a heading by typing a short line in bold.
        return (BlockKind.HEADING, text, None, name)
    return (BlockKind.PARAGRAPH, text, None, name)


def _fake_heading(p, text: str, style_id: str, styles: _Styles) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) >= HEADING_MAX_CHARS or stripped.endswith((".", ",", ";")):
        return False
    runs = [r for r in p.iter(_R) if _visible(r, p) and "".join(_text_of_run(r)).strip()]
    return bool(runs) and all(_run_bold(r, style_id, styles) for r in runs)


def _run_bold(run, style_id: str, styles: _Styles) -> bool:
    bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    if bold is not None:
        return bold.get(_VAL, "true").lower() not in _OFF
    char_style = _property(run, "w:rPr", "w:rStyle")
    if char_style and char_style in styles.names:
        return styles.is_bold(char_style)
    return styles.is_bold(style_id)


def _property(element, *path: str) -> str:
    found = element.find("/".join(qn(tag) for tag in path))
    return (found.get(_VAL) or "") if found is not None else ""


def _cells(row) -> list:
    """The cells of a row; a cell merged with the one above it counts only once."""
    cells = []
    for cell in row.iterchildren(_TC):
        merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if merge is None or merge.get(_VAL, "continue") != "continue":
            cells.append(cell)
    return cells


def _visible(element, paragraph) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _HIDDEN_ANCESTORS:
            return False
        parent = parent.getparent()
    return True


def _text_of_run(run) -> list[str]:
    return [
        (child.text or "") if _TEXT_TAGS[child.tag] is None else _TEXT_TAGS[child.tag]
        for child in run.iterchildren(*_TEXT_TAGS)
    ]


def _text(p) -> str:
    """The visible text of a paragraph: runs, hyperlinks, insertions, fields' results."""
    return "".join(piece for run in p.iter(_R) if _visible(run, p) for piece in _text_of_run(run))
