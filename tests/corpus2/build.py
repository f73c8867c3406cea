"""Build the binary documents of the second evaluation corpus from tests/corpus2/src/.

Usage (from the repository root)::

    .venv/bin/python tests/corpus2/build.py            # all binary documents
    .venv/bin/python tests/corpus2/build.py kempen     # only sources whose name contains this

The .txt, .md and .html documents are written by hand directly in tests/corpus2/ and have no
source. The binary ones are built from one source each:

* ``NAME.pdf.html`` -> ``NAME.pdf``, rendered by WeasyPrint (CSS footnotes, page headers);
* ``NAME.docx.mark`` -> ``NAME.docx`` (python-docx);
* ``NAME.odt.mark`` -> ``NAME.odt`` (odfpy).

The ``.mark`` format is a small line markup:

* front matter lines ``% key: value``: ``headings: styles`` (real Heading 1-3 styles, the
  default) or ``headings: bold`` (bold paragraphs that only look like headings);
  ``header: text`` and ``footer: text`` (page header/footer, .docx only);
* ``# text``, ``## text``, ``### text``: heading of level 1-3;
* ``- text``: bulleted list item; ``1. text``: numbered list item (the number is not text);
* ``| a | b |``: a table row; the first row is the header row, ``|---|`` lines are skipped;
  ``<br>`` inside a cell starts a new paragraph in that cell;
* any other non-blank lines form a paragraph (joined with spaces); a blank line ends it;
* ``**text**`` anywhere in a paragraph, list item or cell is a bold run.

The gold files (NAME.gold.json) are written by hand and are not touched.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
MAX_BYTES = 100_000
BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    kind: str  # heading, para, bullet, number, table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def parse_mark(source: str) -> tuple[dict[str, str], list[Block]]:
    options: dict[str, str] = {}
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("% ") and ":" in line:
            key, value = line[2:].split(":", 1)
            options[key.strip()] = value.strip()
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        number = re.match(r"^\d+\.\s+(.*)$", line)
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:]))
        elif number:
            flush()
            blocks.append(Block("number", number.group(1)))
        elif line.startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        else:
            para.append(line)
    flush()
    return options, blocks


def runs(text: str) -> list[tuple[str, bool]]:
    """Split text with **bold** markers into (text, bold) runs."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in BOLD.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


# ----------------------------------------------------------------------------- .docx


def build_docx(source: str, target: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    options, blocks = parse_mark(source)
    styles = options.get("headings", "styles") == "styles"
    document = Document()
    document.core_properties.author = "Programmabureau (fictief)"
    document.core_properties.title = next((b.text for b in blocks if b.kind == "heading"), "")
    section = document.sections[0]
    if "header" in options:
        section.header.paragraphs[0].text = options["header"]
    if "footer" in options:
        section.footer.paragraphs[0].text = options["footer"]

    def fill(paragraph, text: str, bold: bool = False) -> None:
        for part, is_bold in runs(text):
            paragraph.add_run(part).bold = bold or is_bold

    for block in blocks:
        if block.kind == "heading" and styles:
            document.add_heading(block.text, level=block.level)
        elif block.kind == "heading":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt({1: 16, 2: 13, 3: 11}[block.level])
        elif block.kind == "bullet":
            fill(document.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "number":
            fill(document.add_paragraph(style="List Number"), block.text)
        elif block.kind == "table":
            width = max(len(row) for row in block.rows)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for index, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    pieces = [piece.strip() for piece in text.split("<br>")]
                    fill(cell.paragraphs[0], pieces[0], bold=index == 0)
                    for piece in pieces[1:]:
                        fill(cell.add_paragraph(), piece, bold=index == 0)
        else:
            fill(document.add_paragraph(), block.text)
    document.save(target)


# ------------------------------------------------------------------------------ .odt


def build_odt(source: str, target: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P, Span

    options, blocks = parse_mark(source)
    styles = options.get("headings", "styles") == "styles"
    document = OpenDocumentText()

    headings = {}
    for level, size in ((1, "16pt"), (2, "13pt"), (3, "11pt")):
        style = Style(
            name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph"
        )
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
        document.styles.addElement(style)
        headings[level] = style
    bold = Style(name="Vet", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    column = Style(name="Kolom", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="5cm"))
    document.automaticstyles.addElement(column)

    def paragraph(text: str, all_bold: bool = False) -> P:
        element = P()
        for part, is_bold in runs(text):
            if all_bold or is_bold:
                element.addElement(Span(stylename=bold, text=part))
            else:
                element.addText(part)
        return element

    current_list = None
    for block in blocks:
        if block.kind not in ("bullet", "number"):
            current_list = None
        if block.kind == "heading" and styles:
            document.text.addElement(
                H(outlinelevel=block.level, stylename=headings[block.level], text=block.text)
            )
        elif block.kind == "heading":
            document.text.addElement(paragraph(block.text, all_bold=True))
        elif block.kind in ("bullet", "number"):
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            item = ListItem()
            item.addElement(paragraph(block.text))
            current_list.addElement(item)
        elif block.kind == "table":
            width = max(len(row) for row in block.rows)
            table = Table(name=f"Tabel{blocks.index(block) + 1}")
            for _ in range(width):
                table.addElement(TableColumn(stylename=column))
            for index, row in enumerate(block.rows):
                table_row = TableRow()
                for text in row + [""] * (width - len(row)):
                    cell = TableCell(valuetype="string")
                    for piece in text.split("<br>"):
                        cell.addElement(paragraph(piece.strip(), all_bold=index == 0))
                    table_row.addElement(cell)
                table.addElement(table_row)
            document.text.addElement(table)
        else:
            document.text.addElement(paragraph(block.text))
    document.save(str(target))


# ------------------------------------------------------------------------------ .pdf


def build_pdf(source: str, target: Path) -> None:
    from weasyprint import HTML

    HTML(string=source, base_url=str(SRC)).write_pdf(target)


def build_one(source_path: Path) -> Path:
    name = source_path.name
    source = source_path.read_text(encoding="utf-8")
    if name.endswith(".pdf.html"):
        target = HERE / name[: -len(".html")]
        build_pdf(source, target)
    elif name.endswith(".docx.mark"):
        target = HERE / name[: -len(".mark")]
        build_docx(source, target)
    elif name.endswith(".odt.mark"):
        target = HERE / name[: -len(".mark")]
        build_odt(source, target)
    else:
        raise SystemExit(f"unknown source type: {name}")
    return target


def main(argv: list[str]) -> int:
    sources = sorted(SRC.iterdir())
    if argv:
        sources = [path for path in sources if any(arg in path.name for arg in argv)]
    for source_path in sources:
        target = build_one(source_path)
        size = target.stat().st_size
        print(f"{target.name:60} {size:>8} bytes")
        if size > MAX_BYTES:
            raise SystemExit(f"{target.name} is larger than {MAX_BYTES} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
