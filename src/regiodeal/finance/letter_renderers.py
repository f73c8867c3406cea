"""The beschikking and vaststelling letters as PDF, DOCX and ODT, all from one LetterDocument.

The office formats start from the besluitenlijst's Dutch A4 documents (``office.new_docx`` and
``office.new_odt``), so both kinds of document look and declare themselves alike.
"""

import datetime
from io import BytesIO
from pathlib import Path

from django.template.loader import render_to_string
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from odf import dc, meta, teletype
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
from odf.text import H, LineBreak, P, Span

from regiodeal.publishing.renderers import common, office

from .letter_document import DRAFT_LABEL, LetterDocument, Table

TEMPLATE = "finance/letter_print.html"
BASE_URL = (Path(__file__).resolve().parent / "templates" / "finance").as_uri() + "/"
DRAFT_COLOUR = "#a4000f"
DIWOO_LABEL = "DiWoo informatiecategorie"


def _header_label(document: LetterDocument) -> str:
    return DRAFT_LABEL if document.is_draft else ""


# ----------------------------------------------------------------------------------------- PDF


def render_pdf(document: LetterDocument) -> bytes:
    # WeasyPrint is imported here so that the office formats never load Pango and HarfBuzz.
    from weasyprint import HTML, URLFetcher

    from regiodeal.publishing.renderers.pdf import PDF_VARIANT

    created = document.created.isoformat()
    html = render_to_string(
        TEMPLATE,
        {
            "letter": document,
            "keywords": ", ".join(document.keywords),
            "generator": common.generator(),
            "created": created,
            "modified": created,
        },
    )
    # A server-side render must never reach out to the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )


# ---------------------------------------------------------------------------------------- DOCX


def _mark_header_row(row) -> None:
    # Word repeats a header row on every page and tells screen readers it heads the columns.
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_table(doc, table: Table) -> None:
    lines = [(table.header, "header")] if table.header else []
    lines += [(row, "body") for row in table.rows]
    lines += [(table.footer, "footer")] if table.footer else []
    grid = doc.add_table(rows=len(lines), cols=len(lines[0][0]))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row, (values, role) in zip(grid.rows, lines, strict=True):
        if role == "header":
            _mark_header_row(row)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value).bold = role != "body"
            if column == len(values) - 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _docx_lines(doc, lines: tuple[str, ...], bold_first: bool = False) -> None:
    paragraph = doc.add_paragraph()
    for number, line in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line).bold = bold_first and number == 0


def render_docx(document: LetterDocument) -> bytes:
    doc = office.new_docx(document.programme, _header_label(document))
    _docx_lines(doc, (document.sender,), bold_first=True)
    _docx_lines(doc, document.recipient)
    for label, value in document.particulars:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    doc.add_heading(document.title, level=1)
    if document.draft_notice:
        run = doc.add_paragraph().add_run(document.draft_notice)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(DRAFT_COLOUR[1:])
    doc.add_paragraph(document.salutation)
    for part in document.parts:
        if part.heading:
            doc.add_heading(part.heading, level=2)
        for block in part.blocks:
            if block.kind == "table":
                _docx_table(doc, block)
            else:
                doc.add_paragraph().add_run(block.text).bold = block.strong
    doc.add_paragraph(document.closing)
    _docx_lines(doc, document.signature)

    properties = doc.core_properties
    properties.title = document.title
    properties.subject = document.description
    properties.author = properties.last_modified_by = document.programme
    properties.language = common.OFFICE_LANGUAGE
    properties.keywords = ", ".join(document.keywords)
    # The DiWoo information category is the document's category in the Woo's own sense.
    properties.category = document.category
    properties.identifier = document.reference
    properties.content_status = "Concept" if document.is_draft else "Definitief"
    properties.comments = ""  # the template's says "generated by python-docx"
    # python-docx writes the time as UTC whatever tzinfo says, so it must be given UTC.
    properties.created = properties.modified = document.created.astimezone(datetime.UTC)

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------- ODT


def _odt_letter_styles(odt, styles: dict[str, Style]) -> dict[str, Style]:
    """Styles for the letter's tables and draft notice, beside the besluitenlijst's own."""

    def add(name: str, family: str, *properties, **attributes) -> Style:
        style = Style(name=name, family=family, **attributes)
        for element in properties:
            style.addElement(element)
        odt.automaticstyles.addElement(style)
        return style

    return {
        **styles,
        "table": add("LetterTable", "table", TableProperties(width="16.2cm", align="left")),
        # Amounts get a narrow column at the right; the text columns share the rest.
        "amount_column": add(
            "LetterAmountColumn", "table-column", TableColumnProperties(columnwidth="4cm")
        ),
        "text_column_1": add(
            "LetterTextColumn1", "table-column", TableColumnProperties(columnwidth="12.2cm")
        ),
        "text_column_2": add(
            "LetterTextColumn2", "table-column", TableColumnProperties(columnwidth="6.1cm")
        ),
        "cell": add(
            "LetterCell",
            "table-cell",
            TableCellProperties(padding="0.08cm", border="0.5pt solid #8fa9c0"),
        ),
        "cell_text": add("LetterCellText", "paragraph", parentstylename="Standard"),
        "amount": add(
            "LetterAmount",
            "paragraph",
            ParagraphProperties(textalign="end"),
            parentstylename="Standard",
        ),
        "draft": add(
            "LetterDraft",
            "paragraph",
            TextProperties(fontweight="bold", color=DRAFT_COLOUR),
            parentstylename="Text_20_body",
        ),
    }


def _odt_table(styles: dict[str, Style], table: Table, number: int) -> OdfTable:
    columns = len(table.rows[0]) if table.rows else len(table.footer)
    grid = OdfTable(name=f"Tabel{number}", stylename=styles["table"])
    text_columns = columns - 1
    grid.addElement(
        TableColumn(
            numbercolumnsrepeated=text_columns, stylename=styles[f"text_column_{text_columns}"]
        )
    )
    grid.addElement(TableColumn(stylename=styles["amount_column"]))

    def row(values: tuple[str, ...], strong: bool) -> TableRow:
        element = TableRow()
        for column, value in enumerate(values):
            cell = TableCell(valuetype="string", stylename=styles["cell"])
            last = column == len(values) - 1
            paragraph = P(stylename=styles["amount" if last else "cell_text"])
            if strong:
                paragraph.addElement(Span(stylename=styles["strong"], text=value))
            else:
                teletype.addTextToElement(paragraph, value)
            cell.addElement(paragraph)
            element.addElement(cell)
        return element

    if table.header:
        header = TableHeaderRows()
        header.addElement(row(table.header, strong=True))
        grid.addElement(header)
    for values in table.rows:
        grid.addElement(row(values, strong=False))
    if table.footer:
        grid.addElement(row(table.footer, strong=True))
    return grid


def _odt_lines(style: Style, lines: tuple[str, ...]) -> P:
    paragraph = P(stylename=style)
    for number, line in enumerate(lines):
        if number:
            paragraph.addElement(LineBreak())
        teletype.addTextToElement(paragraph, line)
    return paragraph


def render_odt(document: LetterDocument) -> bytes:
    odt, base_styles = office.new_odt(document.programme, _header_label(document))
    styles = _odt_letter_styles(odt, base_styles)
    body = odt.text
    sender = P(stylename=styles["body"])
    sender.addElement(Span(stylename=styles["strong"], text=document.sender))
    body.addElement(sender)
    body.addElement(_odt_lines(styles["body"], document.recipient))
    for label, value in document.particulars:
        paragraph = P(stylename=styles["subtitle"] if label == "Onderwerp" else styles["body"])
        paragraph.addElement(Span(stylename=styles["strong"], text=f"{label}: "))
        teletype.addTextToElement(paragraph, value)
        body.addElement(paragraph)
    body.addElement(office.odt_paragraph(H, styles["h1"], document.title, outlinelevel=1))
    if document.draft_notice:
        body.addElement(office.odt_paragraph(P, styles["draft"], document.draft_notice))
    body.addElement(office.odt_paragraph(P, styles["body"], document.salutation))
    tables = 0
    for part in document.parts:
        if part.heading:
            body.addElement(office.odt_paragraph(H, styles["h2"], part.heading, outlinelevel=2))
        for block in part.blocks:
            if block.kind == "table":
                tables += 1
                body.addElement(_odt_table(styles, block, tables))
            elif block.strong:
                paragraph = P(stylename=styles["body"])
                paragraph.addElement(Span(stylename=styles["strong"], text=block.text))
                body.addElement(paragraph)
            else:
                body.addElement(office.odt_paragraph(P, styles["body"], block.text))
    body.addElement(office.odt_paragraph(P, styles["body"], document.closing))
    body.addElement(_odt_lines(styles["body"], document.signature))

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
        odt.meta.addElement(element)

    buffer = BytesIO()
    odt.write(buffer)
    return buffer.getvalue()
