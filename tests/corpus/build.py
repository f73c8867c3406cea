"""Regenerate the evaluation corpus in tests/corpus/ from the sources in tests/corpus/src/.

Usage (from the repository root)::

    .venv/bin/python tests/corpus/build.py

Every document in the corpus is built from one source file in src/; the gold files
(NAME.gold.json) are written by hand and are not touched. Source names say what they
become:

* ``NAME.txt.in``, ``NAME.md.in``, ``NAME.html.in`` -> ``NAME.txt`` / ``.md`` / ``.html``,
  UTF-8, except the names in CP1252 below, which are written as Windows-1252;
* ``NAME.pdf.html`` -> ``NAME.pdf``, rendered by WeasyPrint;
* ``NAME.docx.mark`` -> ``NAME.docx`` (python-docx), ``NAME.odt.mark`` -> ``NAME.odt`` (odfpy).

In every source ``{nbsp}`` stands for a non-breaking space (U+00A0), so that the places
where the corpus uses one stay visible in the sources.

The ``.mark`` format is a tiny line markup:

* ``% headings: styles`` or ``% headings: bold`` (front matter): real Heading styles or
  bold paragraphs that only look like headings;
* ``# text``, ``## text``, ``### text``: heading of level 1-3;
* ``**text**``: a paragraph in bold;
* ``- text``: bulleted list item; ``1. text``: numbered list item (the number is not text);
* ``| a | b |``: a table row; the first row of a table is its header, ``|---|`` lines are
  skipped;
* any other non-blank lines form a paragraph (joined with spaces); blank lines end it.

The seed (seed-besluitenlijst-december-2021.txt) is a byte copy of a published document
and has no source here.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
NBSP_MARK = "{nbsp}"

# Text documents written as Windows-1252 rather than UTF-8.
CP1252 = {
    "besluitenlijst-juni-2022.txt",
    "besluiten-vergadering-7-juli-2022.txt",
    "leefbaarheidsfonds-voorjaarsronde-2023.txt",
}


def expand(text: str) -> str:
    return text.replace(NBSP_MARK, "\u00a0")


# --------------------------------------------------------------------------- .mark


@dataclass
class Block:
    kind: str  # heading, para, bold, bullet, number, table
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

    for raw in expand(source).splitlines():
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
        elif line.startswith("**") and line.endswith("**") and len(line) > 4:
            flush()
            blocks.append(Block("bold", line[2:-2]))
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


def build_docx(source: str, target: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    options, blocks = parse_mark(source)
    styles = options.get("headings", "styles") == "styles"
    document = Document()
    document.core_properties.author = "Regio Deal (fictief)"
    document.core_properties.title = next(
        (b.text for b in blocks if b.kind in ("heading", "bold")), ""
    )
    for block in blocks:
        if block.kind == "heading" and styles:
            document.add_heading(block.text, level=block.level)
        elif block.kind == "heading":
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt({1: 16, 2: 13, 3: 11}[block.level])
        elif block.kind == "bold":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "number":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "table":
            width = max(len(row) for row in block.rows)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for index, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    bold = index == 0 or text.startswith("**")
                    cell.paragraphs[0].add_run(text.strip("*")).bold = bold
        else:
            document.add_paragraph(block.text)
    document.save(target)


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
    column.addElement(TableColumnProperties(columnwidth="4cm"))
    document.automaticstyles.addElement(column)

    def bold_paragraph(text: str) -> P:
        paragraph = P()
        paragraph.addElement(Span(stylename=bold, text=text))
        return paragraph

    current_list = None
    for block in blocks:
        if block.kind not in ("bullet", "number"):
            current_list = None
        if block.kind == "heading" and styles:
            document.text.addElement(
                H(outlinelevel=block.level, stylename=headings[block.level], text=block.text)
            )
        elif block.kind in ("heading", "bold"):
            document.text.addElement(bold_paragraph(block.text))
        elif block.kind in ("bullet", "number"):
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            item = ListItem()
            item.addElement(P(text=block.text))
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
                    if index == 0 or text.startswith("**"):
                        cell.addElement(bold_paragraph(text.strip("*")))
                    else:
                        cell.addElement(P(text=text))
                    table_row.addElement(cell)
                table.addElement(table_row)
            document.text.addElement(table)
        else:
            document.text.addElement(P(text=block.text))
    document.save(str(target))


# ---------------------------------------------------------------------------- build


def build_pdf(source: str, target: Path) -> None:
    from weasyprint import HTML

    HTML(string=expand(source), base_url=str(SRC)).write_pdf(target)


def build_text(source_path: Path, target: Path) -> None:
    text = expand(source_path.read_text(encoding="utf-8"))
    encoding = "cp1252" if target.name in CP1252 else "utf-8"
    target.write_bytes(text.encode(encoding))


def build_one(source_path: Path) -> Path:
    name = source_path.name
    if name.endswith(".in"):
        target = HERE / name[: -len(".in")]
        build_text(source_path, target)
    elif name.endswith(".pdf.html"):
        target = HERE / name[: -len(".html")]
        build_pdf(source_path.read_text(encoding="utf-8"), target)
    elif name.endswith(".docx.mark"):
        target = HERE / name[: -len(".mark")]
        build_docx(source_path.read_text(encoding="utf-8"), target)
    elif name.endswith(".odt.mark"):
        target = HERE / name[: -len(".mark")]
        build_odt(source_path.read_text(encoding="utf-8"), target)
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
        if size > 200_000:
            raise SystemExit(f"{target.name} is larger than 200 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
