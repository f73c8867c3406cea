"""The uitvoeringsprogramma as PDF, DOCX, ODT and Markdown, all from one document structure.

The office formats start from the besluitenlijst's Dutch A4 documents (``office.new_docx`` and
``office.new_odt``). Each format states the DiWoo information category of a jaarplan or
jaarverslag where that format keeps a document's category: the PDF and DOCX keywords and the
DOCX category, an ODT user-defined property, the Markdown front matter.
"""

import datetime
import json
from io import BytesIO
from pathlib import Path

from django.template.loader import render_to_string
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from odf import dc, draw, meta, svg, teletype
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, P, Span

from regiodeal.publishing.renderers import CONTENT_TYPES, RenderedDocument, common, office
from regiodeal.publishing.renderers.markdown import escape_block, escape_heading, escape_inline

from .uitvoeringsprogramma import FORMATS, Chart, Table, UitvoeringsprogrammaDocument

TEMPLATE = "monitoring/uitvoeringsprogramma_print.html"
BASE_URL = (Path(__file__).resolve().parent / "templates" / "monitoring").as_uri() + "/"
DIWOO_LABEL = "DiWoo informatiecategorie"
PAGE_WIDTH_CM = 16.2  # A4 less the margins of office.new_odt


def render(document: UitvoeringsprogrammaDocument, fmt: str) -> RenderedDocument:
    """The document as a file in ``fmt``, one of ``FORMATS``; another raises ``ValueError``."""
    renderers = {"pdf": render_pdf, "docx": render_docx, "odt": render_odt, "md": render_md}
    if fmt not in FORMATS:
        raise ValueError(
            f"Onbekend formaat \u201c{fmt}\u201d voor een uitvoeringsprogramma; "
            f"kies uit {', '.join(FORMATS)}."
        )
    return RenderedDocument(
        content=renderers[fmt](document),
        content_type=CONTENT_TYPES[fmt],
        filename=f"{document.filename_stem}.{fmt}",
    )


def _keywords(document: UitvoeringsprogrammaDocument) -> str:
    return ", ".join(document.keywords)


# ----------------------------------------------------------------------------------------- PDF


def render_pdf(document: UitvoeringsprogrammaDocument) -> bytes:
    # WeasyPrint is imported here so that the other formats never load Pango and HarfBuzz.
    from weasyprint import HTML, URLFetcher

    from regiodeal.publishing.renderers.pdf import PDF_VARIANT

    html = render_to_string(
        TEMPLATE,
        {
            "document": document,
            "keywords": _keywords(document),
            "generator": common.generator(),
            "created": document.created.isoformat(),
        },
    )
    # A server-side render must never reach out to the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )


# ---------------------------------------------------------------------------------------- DOCX


def _docx_table(doc, table: Table) -> None:
    doc.add_paragraph(table.caption, style="Caption")
    lines = [(table.header, True)] if any(table.header) else []
    lines += [(row, False) for row in table.rows]
    lines += [(table.footer, True)] if table.footer else []
    grid = doc.add_table(rows=len(lines), cols=len(lines[0][0]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    if table.header and any(table.header):
        # Word repeats a header row on every page and tells screen readers it heads the columns.
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        grid.rows[0]._tr.get_or_add_trPr().append(header)
    for row, (values, strong) in zip(grid.rows, lines, strict=True):
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value).bold = strong
            if column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def render_docx(document: UitvoeringsprogrammaDocument) -> bytes:
    doc = office.new_docx(document.programme)
    doc.add_heading(document.title, level=1)
    for paragraph in document.introduction:
        doc.add_paragraph(paragraph.text)
    for section in document.sections:
        doc.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            if isinstance(block, Chart):
                # Word has no place for an SVG without a bitmap copy; the figure's table and its
                # description carry the same figures.
                doc.add_paragraph(block.caption, style="Caption")
                doc.add_paragraph(block.description)
                _docx_table(doc, block.table)
            elif isinstance(block, Table):
                _docx_table(doc, block)
            else:
                doc.add_paragraph().add_run(block.text).bold = block.strong

    properties = doc.core_properties
    properties.title = document.title
    properties.subject = document.description
    properties.author = properties.last_modified_by = document.programme
    properties.language = common.OFFICE_LANGUAGE
    properties.keywords = _keywords(document)
    # The DiWoo information category is the document's category in the Woo's own sense.
    properties.category = document.category
    properties.identifier = document.filename_stem
    properties.content_status = "Definitief"
    properties.comments = ""  # the template's says "generated by python-docx"
    # python-docx writes the time as UTC whatever tzinfo says, so it must be given UTC.
    properties.created = properties.modified = document.created.astimezone(datetime.UTC)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------- ODT


class _OdtWriter:
    """Adds the uitvoeringsprogramma's blocks to an ODT made by ``office.new_odt``."""

    def __init__(self, document: UitvoeringsprogrammaDocument) -> None:
        self.odt, self.styles = office.new_odt(document.programme)
        self.tables = 0
        self.figures = 0
        for level, size in ((3, "11.5pt"), (4, "10.5pt")):
            style = Style(
                name=f"Heading_20_{level}",
                displayname=f"Heading {level}",
                family="paragraph",
                parentstylename="Heading",
                defaultoutlinelevel=str(level),
                nextstylename="Text_20_body",
            )
            style.addElement(TextProperties(fontsize=size))
            self.odt.styles.addElement(style)
            self.styles[f"h{level}"] = style
        self.styles |= {
            "table": self._style("Tabel", "table", TableProperties(width="16.2cm", align="left")),
            "cell": self._style(
                "Cel",
                "table-cell",
                TableCellProperties(padding="0.06cm", border="0.5pt solid #8fa9c0"),
            ),
            "text": self._style("CelTekst", "paragraph", parentstylename="Standard"),
            "figure": self._style(
                "Getal",
                "paragraph",
                ParagraphProperties(textalign="end"),
                parentstylename="Standard",
            ),
            "caption": self._style(
                "Bijschrift",
                "paragraph",
                TextProperties(fontstyle="italic", color="#444444"),
                parentstylename="Text_20_body",
            ),
        }

    def _style(self, name: str, family: str, *properties, **attributes) -> Style:
        style = Style(name=name, family=family, **attributes)
        for element in properties:
            style.addElement(element)
        self.odt.automaticstyles.addElement(style)
        return style

    def add(self, element) -> None:
        self.odt.text.addElement(element)

    def paragraph(self, text: str, style: str = "body", strong: bool = False) -> None:
        if strong:
            paragraph = P(stylename=self.styles[style])
            paragraph.addElement(Span(stylename=self.styles["strong"], text=text))
            self.add(paragraph)
        else:
            self.add(office.odt_paragraph(P, self.styles[style], text))

    def heading(self, text: str, level: int) -> None:
        self.add(office.odt_paragraph(H, self.styles[f"h{level}"], text, outlinelevel=level))

    def table(self, table: Table) -> None:
        self.tables += 1
        self.paragraph(table.caption, "caption")
        columns = len(table.header)
        other = 6.0 if columns == 2 else min(2.8, 11.2 / (columns - 1))
        grid = OdfTable(name=f"Tabel{self.tables}", stylename=self.styles["table"])
        for number, width in ((1, PAGE_WIDTH_CM - other * (columns - 1)), (columns - 1, other)):
            style = self._style(
                f"Tabel{self.tables}Kolom{number}",
                "table-column",
                TableColumnProperties(columnwidth=f"{width:.2f}cm"),
            )
            grid.addElement(TableColumn(numbercolumnsrepeated=number, stylename=style))

        def row(values: tuple[str, ...], strong: bool) -> TableRow:
            element = TableRow()
            for column, value in enumerate(values):
                cell = TableCell(valuetype="string", stylename=self.styles["cell"])
                paragraph = P(stylename=self.styles["figure" if column else "text"])
                if strong:
                    paragraph.addElement(Span(stylename=self.styles["strong"], text=value))
                else:
                    teletype.addTextToElement(paragraph, value)
                cell.addElement(paragraph)
                element.addElement(cell)
            return element

        if any(table.header):
            header = TableHeaderRows()
            header.addElement(row(table.header, strong=True))
            grid.addElement(header)
        for values in table.rows:
            grid.addElement(row(values, strong=False))
        if table.footer:
            grid.addElement(row(table.footer, strong=True))
        self.add(grid)

    def chart(self, chart: Chart) -> None:
        self.figures += 1
        href = self.odt.addPicture(
            f"Pictures/figuur-{self.figures}.svg",
            mediatype="image/svg+xml",
            content=str(chart.print_svg()).encode("utf-8"),
        )
        # The chart's own proportions: bar_chart draws 640 wide and 32 high per bar plus 16.
        height = PAGE_WIDTH_CM * (16 + 32 * len(chart.bars)) / 640
        frame = draw.Frame(
            name=f"Figuur{self.figures}",
            anchortype="as-char",
            width=f"{PAGE_WIDTH_CM}cm",
            height=f"{height:.2f}cm",
        )
        frame.addElement(draw.Image(href=href))
        frame.addElement(svg.Title(text=chart.title))
        frame.addElement(svg.Desc(text=chart.description))
        holder = P(stylename=self.styles["body"])
        holder.addElement(frame)
        self.add(holder)
        self.paragraph(chart.caption, "caption")
        self.table(chart.table)


def render_odt(document: UitvoeringsprogrammaDocument) -> bytes:
    writer = _OdtWriter(document)
    writer.add(office.odt_paragraph(H, writer.styles["h1"], document.title, outlinelevel=1))
    for paragraph in document.introduction:
        writer.paragraph(paragraph.text)
    for section in document.sections:
        writer.heading(section.heading, section.level)
        for block in section.blocks:
            if isinstance(block, Chart):
                writer.chart(block)
            elif isinstance(block, Table):
                writer.table(block)
            else:
                writer.paragraph(block.text, strong=block.strong)

    created = document.created.isoformat()
    for element in (
        dc.Title(text=document.title),
        dc.Subject(text=document.description),
        dc.Description(text=document.description),
        dc.Language(text=common.OFFICE_LANGUAGE),
        dc.Creator(text=document.programme),
        dc.Date(text=created),
        meta.InitialCreator(text=document.programme),
        meta.CreationDate(text=created),
        *(meta.Keyword(text=keyword) for keyword in document.keywords),
        meta.UserDefined(name=DIWOO_LABEL, valuetype="string", text=document.category),
    ):
        writer.odt.meta.addElement(element)
    buffer = BytesIO()
    writer.odt.write(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------ Markdown


def _cell(value: str) -> str:
    return escape_inline(value).replace("|", "\\|") or " "


def _md_table(table: Table) -> str:
    rows = [table.header, *table.rows, *([table.footer] if table.footer else [])]
    lines = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    # The first column names the row; the figures align right.
    lines.insert(1, "| :-- |" + " --: |" * (len(table.header) - 1))
    return f"*{escape_inline(table.caption)}*\n\n" + "\n".join(lines)


def render_md(document: UitvoeringsprogrammaDocument) -> bytes:
    # JSON strings are valid YAML scalars: the front matter needs no YAML library.
    front = {
        "title": document.title,
        "description": document.description,
        "language": document.language,
        "author": document.programme,
        "date": document.created.isoformat(),
        "keywords": document.keywords,
        "diwoo_informatiecategorie": document.category,
    }
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    blocks = ["---\n" + "\n".join(lines) + "\n---", f"# {escape_heading(document.title)}"]
    blocks += [escape_block(p.text) for p in document.introduction]
    for section in document.sections:
        blocks.append(f"{'#' * section.level} {escape_heading(section.heading)}")
        for block in section.blocks:
            if isinstance(block, Chart):
                blocks.append(
                    f"**{escape_inline(block.caption)}** {escape_inline(block.description)}"
                )
                blocks.append(_md_table(block.table))
            elif isinstance(block, Table):
                blocks.append(_md_table(block))
            else:
                text = escape_block(block.text)
                blocks.append(f"**{text}**" if block.strong else text)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
