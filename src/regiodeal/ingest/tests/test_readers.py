"""The readers: every format into the same blocks, and every bad file into an IngestError.

Sample files are built here (python-docx, odfpy, WeasyPrint, plain bytes), so nothing depends
on files outside the repository. Messages are checked for the file name only: the Dutch
catalogue is filled in separately, and the English msgids must not be asserted either.
"""

import datetime
import io
import random
import zipfile
from pathlib import Path

import docx
import pytest
import weasyprint
from odf import teletype
from odf.office import Annotation
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import CoveredTableCell, Table, TableColumn, TableRow
from odf.table import TableCell as OdfCell
from odf.text import H, List, ListItem, P, S, Span
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError

from regiodeal.ingest import readers
from regiodeal.ingest.documents import BlockKind, ReadDocument
from regiodeal.ingest.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    IngestError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from regiodeal.ingest.readers import SUPPORTED_EXTENSIONS, read_bytes, read_file

# From the published besluitenlijst of December 2021 (the seed), with its non-breaking spaces,
# shortened; the last paragraph adds "€" and "—", which Windows-1252 has at 0x80 and 0x97.
SEED_TITLE = "Besluitenlijst december 2021"
SEED_INTRO = (
    "Een paar keer per jaar neemt onze stuurgroep besluiten over nieuwe of de uitbreiding/vervolg"
    " van bestaande projecten.\u00a0Voor de uitbreiding/vervolg van bestaande projecten verwijzen"
    " we naar het Uitvoeringsprogramma."
)
SEED_PROJECTS = [
    (
        "Toekomstbestendige bedrijventerreinen",
        "Dit gebeurt op zes pilot-locaties verspreid over Zuid- en Oost-Drenthe. Hiervoor is een"
        " bijdrage van 480.000 euro beschikbaar gesteld. Centraal in dit project staat het"
        " creëren van een aanpak waar ondernemers, overheid en onderwijs samenwerken om de"
        " krachten te bundelen gericht op\u00a0vergroening, toekomstbestendigheid en energie"
        " neutrale terreinen.",
    ),
    (
        "Haalbaarheidsonderzoek internationaal MBO Coevorden",
        "De\u00a0Landkreis\u00a0Grafschaft Bentheim en de gemeente Coevorden willen hierin een"
        " verbindende rol vervullen. Een eerste stap naar onderwijs voor de 360-graden"
        " economie.\u00a0Hiervoor is 50.000 euro beschikbaar gesteld.",
    ),
    (
        "360-graden\u00a0arbeidsmarkt; excellente vakkrachten voor de (EU)Regio",
        "Zuid- en Oost-Drenthe en Hardenberg hebben nu nog vooral een 180-graden"
        " arbeidsmarktregio. Vanuit de Regio Deal Zuid- en Oost-Drenthe is hiervoor 375.000 euro"
        " beschikbaar gesteld.",
    ),
]
SEED_CLOSING = "Totaal toegekend: € 905.000 — vastgesteld door de stuurgroep."
SEED = "\n\n".join(
    [SEED_TITLE + "\n", SEED_INTRO]
    + [f"{title}\n\n{text}" for title, text in SEED_PROJECTS]
    + [SEED_CLOSING]
)


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def check(document: ReadDocument) -> list[tuple[BlockKind, str, int | None]]:
    """Offsets line up, no non-breaking space is left; (kind, text, level) of each block."""
    previous_end = 0
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        assert block.start >= previous_end and block.text == block.text.strip()
        previous_end = block.end
    assert "\u00a0" not in document.text
    return [(block.kind, block.text, block.level) for block in document.blocks]


def messages(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


# Text and Markdown ------------------------------------------------------------------------


def seed_blocks() -> list[tuple[BlockKind, str, int | None]]:
    expected = [(BlockKind.HEADING, SEED_TITLE, 1), (BlockKind.PARAGRAPH, plain(SEED_INTRO), None)]
    for title, text in SEED_PROJECTS:
        expected += [
            (BlockKind.HEADING, plain(title), None),
            (BlockKind.PARAGRAPH, plain(text), None),
        ]
    return [*expected, (BlockKind.PARAGRAPH, SEED_CLOSING, None)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_seed_as_text_in_each_encoding(encoding):
    data = SEED.encode(encoding)
    if encoding == "cp1252":
        assert b"\x80 905.000 \x97" in data and "creëren".encode("cp1252") in data
    document = read_bytes(data, "besluitenlijst-december-2021.txt")
    assert (document.source, document.format) == ("besluitenlijst-december-2021.txt", "txt")
    assert check(document) == seed_blocks()
    assert "creëren" in document.text and "\ufeff" not in document.text


def test_text_from_disk_is_named_by_its_file_name(tmp_path):
    path = tmp_path / "Besluiten.TXT"
    path.write_text(SEED, encoding="utf-8")
    document = read_file(path)
    assert document.source == "Besluiten.TXT"
    assert check(document) == seed_blocks()


def test_plain_text_lists_and_enumerations():
    text = (
        "Besluiten\n\n"
        "De stuurgroep heeft besloten:\n"
        "• Dorpshuis De Spil te steunen\n"
        "- Fietspad Noord aan te houden,\n"
        "  tot de gemeente heeft besloten\n"
        "1. Groen schoolplein toe te kennen\n"
        "a) Zorgpost Cadzand af te wijzen\n\n"
        "Dorpshuis De Spil – Stichting De Spil – € 272.780;\n"
        "Groen schoolplein – OBS De Linde – € 45.000;\n"
        "Fietspad Noord – Gemeente Emmen – € 99.999\n\n"
        "Een gewone alinea\nover twee regels.\n"
    )
    assert check(read_bytes(text.encode(), "lijst.txt")) == [
        (BlockKind.HEADING, "Besluiten", 1),
        (BlockKind.PARAGRAPH, "De stuurgroep heeft besloten:", None),
        (BlockKind.LIST_ITEM, "Dorpshuis De Spil te steunen", None),
        (BlockKind.LIST_ITEM, "Fietspad Noord aan te houden, tot de gemeente heeft besloten", None),
        (BlockKind.LIST_ITEM, "1. Groen schoolplein toe te kennen", None),
        (BlockKind.LIST_ITEM, "a) Zorgpost Cadzand af te wijzen", None),
        (BlockKind.LIST_ITEM, "Dorpshuis De Spil – Stichting De Spil – € 272.780;", None),
        (BlockKind.LIST_ITEM, "Groen schoolplein – OBS De Linde – € 45.000;", None),
        (BlockKind.LIST_ITEM, "Fietspad Noord – Gemeente Emmen – € 99.999", None),
        (BlockKind.PARAGRAPH, "Een gewone alinea over twee regels.", None),
    ]


def test_numbered_heading_right_above_its_paragraph():
    text = (
        "Besluiten uit de vergadering van 7 juli 2022\nRegio Deal Parkstad Grensland\n\n"
        "1. Wijkgezondheidscentra Heerlen-Noord\n"
        "De bijdrage aan het project wordt verhoogd met € 50.000 vanwege de bouwkosten.\n"
    )
    assert check(read_bytes(text.encode("cp1252"), "juli.txt")) == [
        (BlockKind.HEADING, "Besluiten uit de vergadering van 7 juli 2022", 1),
        (BlockKind.PARAGRAPH, "Regio Deal Parkstad Grensland", None),
        (BlockKind.HEADING, "1. Wijkgezondheidscentra Heerlen-Noord", None),
        (
            BlockKind.PARAGRAPH,
            "De bijdrage aan het project wordt verhoogd met € 50.000 vanwege de bouwkosten.",
            None,
        ),
    ]


def test_markdown_headings_lists_and_tables():
    text = (
        "# Besluitenlijst *april* 2023 #\n\n"
        "Regio Deal Hunzedal en Vechtdal \\- stuurgroep\n\n"
        "## Toegekend\n\n"
        "- **Haven als klaslokaal** – € 48.000;\n"
        "* Wonen boven [winkels](https://example.org) – € 315.000;\n"
        "  met een tweede regel\n"
        "1. Fietsverbinding Sluis\n\n"
        "| Project | Bedrag |\n"
        "|:--------|-------:|\n"
        "| Dorpshuis De Spil | € 272.780 |\n"
        "| Totaal \\| alles | `€ 272.780` |\n\n"
        "Afgewezen\n---------\n\n"
        "Een alinea met _nadruk_ en een snake_case_naam.\n"
    )
    assert check(read_bytes(text.encode(), "april.md")) == [
        (BlockKind.HEADING, "Besluitenlijst april 2023", 1),
        (BlockKind.PARAGRAPH, "Regio Deal Hunzedal en Vechtdal - stuurgroep", None),
        (BlockKind.HEADING, "Toegekend", 2),
        (BlockKind.LIST_ITEM, "Haven als klaslokaal – € 48.000;", None),
        (BlockKind.LIST_ITEM, "Wonen boven winkels – € 315.000; met een tweede regel", None),
        (BlockKind.LIST_ITEM, "1. Fietsverbinding Sluis", None),
        (BlockKind.TABLE_ROW, "Project | Bedrag", None),
        (BlockKind.TABLE_ROW, "Dorpshuis De Spil | € 272.780", None),
        (BlockKind.TABLE_ROW, "Totaal | alles | € 272.780", None),
        (BlockKind.HEADING, "Afgewezen", 2),
        (BlockKind.PARAGRAPH, "Een alinea met nadruk en een snake_case_naam.", None),
    ]


def test_utf16_text_with_byte_order_mark():
    document = read_bytes(SEED.encode("utf-16"), "notepad.txt")
    assert check(document) == seed_blocks()


# HTML -------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Besluiten | Regio Deal</title>
<style>p { color: red }</style><script>var besluit = "niet dit";</script></head>
<body>
<a class="skip-link" href="#inhoud">Direct naar de inhoud</a>
<div class="cookie-banner">Deze website gebruikt cookies.</div>
<header class="site"><a href="/">Regio Deal</a><nav><a href="/">Home</a></nav></header>
<nav class="breadcrumb"><a href="/">Home</a> › Besluiten</nav>
<main id="inhoud"><article>
  <h1>Besluitenlijst&nbsp;mei 2022</h1>
  <div class="lead">Een paar keer per jaar neemt de stuurgroep <b>besluiten</b>.<!-- x --></div>
  <h2>Toegekend</h2>
  <ul>
    <li>Dorpshuis De Spil
      <ul><li>Nieuwe vleugel</li><li>Zonnepanelen</li></ul>
    </li>
    <li><p>Groen schoolplein</p></li>
  </ul>
  <table><thead><tr><th>Project</th><th>Bedrag</th></tr></thead>
    <tbody><tr><td>Dorpshuis <em>De Spil</em></td><td>€&nbsp;272.780</td></tr>
    <tr><td></td><td></td></tr></tbody></table>
  <p>Buurtmoestuin Emmer – Dorpsbelang Emmer – € 2.500;<br>
     Verlichting ijsbaan Sleen – IJsvereniging Sleen – € 8.160,-;<br>
     Podiumkar Schoonebeek – Stichting Evenementen – € 6.375</p>
  <p>Een gewone alinea<br>met een regelafbreking.</p>
  <div hidden>Verborgen tekst</div><p style="display: none">Ook verborgen</p>
  <footer>Geplaatst in Nieuws</footer>
</article></main>
<aside><h2>Zie ook</h2><p>Ander nieuws</p></aside>
<form><label>Zoeken</label></form>
<footer class="site-footer"><p>© Regio Deal</p></footer>
</body></html>"""


def test_html_page_without_boilerplate():
    document = read_bytes(HTML.encode(), "besluiten.html")
    assert document.format == "html"
    assert check(document) == [
        (BlockKind.HEADING, "Besluitenlijst mei 2022", 1),
        (BlockKind.PARAGRAPH, "Een paar keer per jaar neemt de stuurgroep besluiten.", None),
        (BlockKind.HEADING, "Toegekend", 2),
        (BlockKind.LIST_ITEM, "Dorpshuis De Spil", None),
        (BlockKind.LIST_ITEM, "Nieuwe vleugel", None),
        (BlockKind.LIST_ITEM, "Zonnepanelen", None),
        (BlockKind.LIST_ITEM, "Groen schoolplein", None),
        (BlockKind.TABLE_ROW, "Project | Bedrag", None),
        (BlockKind.TABLE_ROW, "Dorpshuis De Spil | € 272.780", None),
        (BlockKind.LIST_ITEM, "Buurtmoestuin Emmer – Dorpsbelang Emmer – € 2.500;", None),
        (BlockKind.LIST_ITEM, "Verlichting ijsbaan Sleen – IJsvereniging Sleen – € 8.160,-;", None),
        (BlockKind.LIST_ITEM, "Podiumkar Schoonebeek – Stichting Evenementen – € 6.375", None),
        (BlockKind.PARAGRAPH, "Een gewone alinea met een regelafbreking.", None),
        (BlockKind.PARAGRAPH, "Geplaatst in Nieuws", None),
    ]
    assert [block.style for block in document.blocks][:3] == ["h1", "div", "h2"]


def test_html_title_stands_in_for_a_missing_h1_and_a_header_with_h1_is_kept():
    page = (
        "<html><head><title>Besluiten juni 2025</title></head><body>"
        "<header><h2>Regio Deal</h2></header><p>Tekst.</p></body></html>"
    )
    assert check(read_bytes(page.encode(), "juni.htm")) == [
        (BlockKind.HEADING, "Besluiten juni 2025", 1),
        (BlockKind.PARAGRAPH, "Tekst.", None),
    ]
    # Our own print template: the h1 sits in a <header> outside <main>.
    page = "<body><header><p>Regio Deal</p><h1>Besluitenlijst</h1></header><p>Tekst.</p></body>"
    assert check(read_bytes(page.encode(), "eigen.html"))[:2] == [
        (BlockKind.PARAGRAPH, "Regio Deal", None),
        (BlockKind.HEADING, "Besluitenlijst", 1),
    ]


def test_html_declared_windows_1252():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café – € 5</p></body></html>'
    data = page.encode("cp1252")
    assert b"\x80" in data
    assert check(read_bytes(data, "oud.html")) == [(BlockKind.PARAGRAPH, "Café – € 5", None)]


# DOCX -------------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Besluitenlijst december 2021", level=0)
    document.add_paragraph("Een paar keer per jaar neemt onze stuurgroep besluiten.")
    document.add_heading("Nieuwe projecten", level=1)
    document.add_heading("Toekomstbestendige bedrijventerreinen", level=2)
    document.add_paragraph("Hiervoor is een bijdrage van €\u00a0480.000 beschikbaar gesteld.")
    document.add_paragraph("Eerste besluit", style="List Bullet")
    document.add_paragraph("Tweede besluit", style="List Number")
    fake = document.add_paragraph()
    fake.add_run("Levensloop bestendig ").bold = True
    fake.add_run("wonen").bold = True
    document.add_paragraph("Voor passende huisvesting is 70.000 euro beschikbaar gesteld.")
    table = document.add_table(rows=3, cols=3)
    header, first = ("Project", "Aanvrager", "Bedrag"), ("De Spil", "Stichting", "€ 272.780")
    for row, texts in zip(table.rows, [header, first], strict=False):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Totaal"
    table.rows[2].cells[2].text = "€ 272.780"
    document.add_paragraph("De volgende vergadering is in maart.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_styles_lists_tables_and_bold_headings():
    document = read_bytes(make_docx(), "december.docx")
    assert document.format == "docx"
    assert check(document) == [
        (BlockKind.HEADING, "Besluitenlijst december 2021", 1),
        (BlockKind.PARAGRAPH, "Een paar keer per jaar neemt onze stuurgroep besluiten.", None),
        (BlockKind.HEADING, "Nieuwe projecten", 1),
        (BlockKind.HEADING, "Toekomstbestendige bedrijventerreinen", 2),
        (BlockKind.PARAGRAPH, "Hiervoor is een bijdrage van € 480.000 beschikbaar gesteld.", None),
        (BlockKind.LIST_ITEM, "Eerste besluit", None),
        (BlockKind.LIST_ITEM, "Tweede besluit", None),
        (BlockKind.HEADING, "Levensloop bestendig wonen", None),
        (
            BlockKind.PARAGRAPH,
            "Voor passende huisvesting is 70.000 euro beschikbaar gesteld.",
            None,
        ),
        (BlockKind.TABLE_ROW, "Project | Aanvrager | Bedrag", None),
        (BlockKind.TABLE_ROW, "De Spil | Stichting | € 272.780", None),
        (BlockKind.TABLE_ROW, "Totaal | € 272.780", None),
        (BlockKind.PARAGRAPH, "De volgende vergadering is in maart.", None),
    ]
    assert document.blocks[0].style == "Title"


# ODT --------------------------------------------------------------------------------------


def make_odt(*, spaces: int = 3) -> bytes:
    odt = OpenDocumentText()
    bold = Style(name="Vet", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    odt.automaticstyles.addElement(bold)
    heading_2 = Style(name="Heading_20_2", displayname="Heading 2", family="paragraph")
    odt.styles.addElement(heading_2)
    direct = Style(name="P1", family="paragraph", parentstylename=heading_2)
    odt.automaticstyles.addElement(direct)

    body = odt.text
    body.addElement(H(outlinelevel=1, text="Besluitenlijst december 2021"))
    intro = P(text="Een paar keer per jaar neemt onze stuurgroep besluiten.")
    note = Annotation()
    note.addElement(P(text="Interne opmerking"))
    intro.addElement(note)
    body.addElement(intro)
    body.addElement(H(outlinelevel=2, text="Toekomstbestendige bedrijventerreinen"))
    amount = P(text="Hiervoor is €\u00a0480.000")
    amount.addElement(S(c=spaces))
    teletype.addTextToElement(amount, "beschikbaar\tgesteld.")
    body.addElement(amount)
    body.addElement(P(stylename=direct, text="Haalbaarheidsonderzoek MBO Coevorden"))
    fake = P()
    fake.addElement(Span(stylename=bold, text="Levensloop bestendig wonen"))
    body.addElement(fake)
    items = List()
    for text in ("Eerste besluit", "Tweede besluit"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    nested, inner = List(), ListItem()
    inner.addElement(P(text="Onderdeel van het tweede besluit"))
    nested.addElement(inner)
    item.addElement(nested)
    body.addElement(items)
    table = Table(name="Bijdragen")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    for texts in (("Project", "Aanvrager", "Bedrag"), ("De Spil", "Stichting", "€ 272.780")):
        row = TableRow()
        for text in texts:
            cell = OdfCell(valuetype="string")
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    row, total = TableRow(), OdfCell(numbercolumnsspanned=2)
    total.addElement(P(text="Totaal"))
    row.addElement(total)
    row.addElement(CoveredTableCell())
    amount_cell = OdfCell()
    amount_cell.addElement(P(text="€ 272.780"))
    row.addElement(amount_cell)
    table.addElement(row)
    body.addElement(table)
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()


def test_odt_headings_lists_tables_and_bold_headings():
    document = read_bytes(make_odt(), "december.odt")
    assert document.format == "odt"
    assert check(document) == [
        (BlockKind.HEADING, "Besluitenlijst december 2021", 1),
        (BlockKind.PARAGRAPH, "Een paar keer per jaar neemt onze stuurgroep besluiten.", None),
        (BlockKind.HEADING, "Toekomstbestendige bedrijventerreinen", 2),
        (BlockKind.PARAGRAPH, "Hiervoor is € 480.000 beschikbaar gesteld.", None),
        (BlockKind.HEADING, "Haalbaarheidsonderzoek MBO Coevorden", 2),
        (BlockKind.HEADING, "Levensloop bestendig wonen", None),
        (BlockKind.LIST_ITEM, "Eerste besluit", None),
        (BlockKind.LIST_ITEM, "Tweede besluit", None),
        (BlockKind.LIST_ITEM, "Onderdeel van het tweede besluit", None),
        (BlockKind.TABLE_ROW, "Project | Aanvrager | Bedrag", None),
        (BlockKind.TABLE_ROW, "De Spil | Stichting | € 272.780", None),
        (BlockKind.TABLE_ROW, "Totaal | € 272.780", None),
    ]
    assert document.blocks[4].style == "Heading 2"


def test_odt_with_two_billion_spaces_is_read_with_a_few():
    document = read_bytes(make_odt(spaces=2_000_000_000), "spaties.odt")
    assert "Hiervoor is € 480.000 beschikbaar gesteld." in document.text


def test_odt_with_malformed_xml_is_refused_without_printing_it(capsys):
    source = zipfile.ZipFile(io.BytesIO(make_odt()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "content.xml":
                content = content[: len(content) // 2]
            target.writestr(entry, content)
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(buffer.getvalue(), "half.odt")
    assert "half.odt" in messages(error)
    assert capsys.readouterr().out == ""


# PDF --------------------------------------------------------------------------------------

FOOTER = "Stuurgroep Regiodeal besluitenlijst"
# Set narrow with automatic hyphenation, WeasyPrint breaks words with U+2010 at line ends.
NARROW = "Wij gaan samen een nieuwe aanpak ontwikkelen voor de samenwerkingsverbanden in de regio."
# Typed hyphens at forced line ends: a broken word, and compounds that keep their hyphen.
BROKEN = (
    "Daarom gaan wij een nieuwe aanpak ontwik-<br>kelen voor de 360-<br>graden arbeidsmarkt"
    " in Zuid- <br>en Oost-<br>Drenthe."
)
MENDED = (
    "Daarom gaan wij een nieuwe aanpak ontwikkelen voor de 360-graden arbeidsmarkt"
    " in Zuid- en Oost-Drenthe."
)
PDF_STYLE = f"""
@page {{ size: A5; margin: 18mm 15mm 22mm;
  @bottom-left {{ content: "{FOOTER}"; font-size: 7pt; }}
  @bottom-right {{ content: "pagina " counter(page) " van " counter(pages); font-size: 7pt; }} }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; }}
h1 {{ font-size: 18pt; }} h2 {{ font-size: 12pt; margin: 5mm 0 1mm; }} p {{ margin: 0 0 2mm; }}
.smal {{ width: 38mm; hyphens: auto; }}
"""


@pytest.fixture(scope="module")
def weasyprint_pdf() -> bytes:
    sections = "".join(
        f"<h2>{title}</h2><p>{text.replace('480.000 euro', '€&nbsp;480.000')}</p>"
        for title, text in SEED_PROJECTS * 2
    )
    html = (
        f'<html lang="nl"><head><meta charset="utf-8"><style>{PDF_STYLE}</style></head><body>'
        f"<h1>{SEED_TITLE}</h1><p>{SEED_INTRO}</p>{sections}"
        f'<h2>Samenwerking</h2><p class="smal">{NARROW}</p><p>{BROKEN}</p>'
        "<ul><li>Eerste besluit</li><li>Tweede besluit</li></ul></body></html>"
    )
    data = weasyprint.HTML(string=html).write_pdf()
    reader = PdfReader(io.BytesIO(data))
    # The fixture must show what it claims: several pages, and words hyphenated at line ends.
    assert len(reader.pages) >= 2
    assert "\u2010" in "".join(page.extract_text() for page in reader.pages)
    return data


def test_pdf_from_weasyprint(weasyprint_pdf):
    document = read_bytes(weasyprint_pdf, "december.pdf")
    blocks = check(document)
    assert document.format == "pdf"
    assert blocks[:2] == [
        (BlockKind.HEADING, SEED_TITLE, 1),
        (BlockKind.PARAGRAPH, plain(SEED_INTRO), None),
    ]
    for title, text in SEED_PROJECTS:
        assert blocks.count((BlockKind.HEADING, plain(title), 2)) == 2
        expected = plain(text).replace("480.000 euro", "€ 480.000")
        assert blocks.count((BlockKind.PARAGRAPH, expected, None)) == 2
    assert blocks[-5:] == [
        (BlockKind.HEADING, "Samenwerking", 2),
        (BlockKind.PARAGRAPH, NARROW, None),
        (BlockKind.PARAGRAPH, MENDED, None),
        (BlockKind.LIST_ITEM, "Eerste besluit", None),
        (BlockKind.LIST_ITEM, "Tweede besluit", None),
    ]
    assert FOOTER not in document.text and "pagina" not in document.text


def test_pdf_owner_password_only_opens(weasyprint_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(weasyprint_pdf))
    writer.encrypt("", owner_password="eigenaar")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert read_bytes(buffer.getvalue(), "beperkt.pdf").blocks[0].text == SEED_TITLE


def test_pdf_encrypted_with_a_password(weasyprint_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(weasyprint_pdf))
    writer.encrypt("geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(buffer.getvalue(), "geheim.pdf")
    assert error.value.code == "encrypted" and "geheim.pdf" in messages(error)


def test_pdf_with_encryption_pypdf_cannot_open(monkeypatch, weasyprint_pdf):
    def refuse(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(readers.pdf, "PdfReader", refuse)
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(weasyprint_pdf, "aes.pdf")
    assert error.value.code == "encrypted" and "aes.pdf" in messages(error)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def svg_pdf() -> bytes:
    svg = '<svg width="200" height="100"><rect width="200" height="100" fill="#1c5a8c"/></svg>'
    return weasyprint.HTML(string=f"<html><body>{svg}</body></html>").write_pdf()


@pytest.mark.parametrize("make", [blank_pdf, svg_pdf])
def test_pdf_without_text_layer(make):
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(make(), "scan.pdf")
    assert error.value.code == "no_text_layer" and "scan.pdf" in messages(error)


def test_damaged_pdf():
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff", "kapot.pdf")
    assert "kapot.pdf" in messages(error)


def test_layout_lines_with_double_spacing_and_justified_prose():
    from regiodeal.ingest.readers._layout import lines_to_parts

    double_spaced = [
        "Besluitenlijst", "", "", "",
        "Een eerste alinea die over twee regels", "", "doorloopt tot hier.", "", "",
        "Dorpshuis De Spil", "", "",
        "Hiervoor is 50.000 euro beschikbaar.",
    ]  # fmt: skip
    assert [(kind, " ".join(text.split())) for kind, text, *_ in lines_to_parts(double_spaced)] == [
        (BlockKind.HEADING, "Besluitenlijst"),
        (BlockKind.PARAGRAPH, "Een eerste alinea die over twee regels doorloopt tot hier."),
        (BlockKind.HEADING, "Dorpshuis De Spil"),
        (BlockKind.PARAGRAPH, "Hiervoor is 50.000 euro beschikbaar."),
    ]
    justified = [
        "De provincie gaat samen met ondernemers en parkmanagers een",
        "belangrijke      rol      in      de",
        "energietransitie,          circulaire",
        "economie en klimaat vervullen.",
    ]
    parts = lines_to_parts(justified)
    assert [part[0] for part in parts] == [BlockKind.PARAGRAPH]


# The project's own published formats ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt", "md"])
def test_our_own_besluitenlijst_reads_back(fmt):
    from regiodeal.publishing.besluitenlijst import BesluitenlijstDocument, DocumentItem
    from regiodeal.publishing.renderers import render_besluitenlijst

    items = tuple(
        DocumentItem(anchor=f"besluit-{n}", heading=plain(title), paragraphs=(plain(text),))
        for n, (title, text) in enumerate(SEED_PROJECTS)
    )
    published = BesluitenlijstDocument(
        slug="december-2021",
        title=SEED_TITLE,
        programme="Regio Deal Zuid- en Oost-Drenthe",
        meeting_title="Stuurgroep",
        meeting_date=datetime.date(2021, 12, 14),
        published_at=datetime.datetime(2021, 12, 20, 9, 0, tzinfo=datetime.UTC),
        introduction=(plain(SEED_INTRO),),
        items=items,
    )
    rendered = render_besluitenlijst(published, fmt)
    blocks = check(read_bytes(rendered.content, rendered.filename))
    # The first heading is the title: in the PDF the smaller "Regio Deal ..." line above it
    # is a paragraph, known by its font size.
    assert next(block for block in blocks if block[0] is BlockKind.HEADING) == (
        BlockKind.HEADING,
        SEED_TITLE,
        1,
    )
    for item in items:
        assert (BlockKind.HEADING, item.heading, 2) in blocks
        assert (BlockKind.PARAGRAPH, item.paragraphs[0], None) in blocks


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", SUPPORTED_EXTENSIONS)
def test_empty_file(extension, tmp_path):
    with pytest.raises(EmptyDocumentError) as error:
        read_bytes(b"", f"leeg{extension}")
    assert f"leeg{extension}" in messages(error)
    (tmp_path / f"leeg{extension}").write_bytes(b"")
    with pytest.raises(EmptyDocumentError):
        read_file(tmp_path / f"leeg{extension}")


@pytest.mark.parametrize("name", ["wit.txt", "wit.md", "wit.html"])
def test_text_without_words_is_empty(name):
    with pytest.raises(EmptyDocumentError):
        read_bytes(b"  \r\n\t\n\n", name)


@pytest.mark.parametrize("name", ["ruis.pdf", "ruis.docx", "ruis.odt", "ruis.txt", "ruis.html"])
def test_random_bytes(name):
    noise = random.Random(2021).randbytes(4096)
    with pytest.raises(UnsupportedFormatError) as error:
        read_bytes(noise, name)
    assert name in messages(error)


def test_content_that_does_not_match_its_name(weasyprint_pdf):
    with pytest.raises(UnsupportedFormatError) as error:
        read_bytes(weasyprint_pdf, "besluiten.docx")
    assert error.value.code == "mismatch" and "besluiten.docx" in messages(error)
    with pytest.raises(UnsupportedFormatError):
        read_bytes(make_docx(), "besluiten.odt")
    with pytest.raises(UnsupportedFormatError):
        read_bytes(weasyprint_pdf, "besluiten.txt")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("besluiten.txt", "Besluitenlijst")
    with pytest.raises(UnsupportedFormatError):
        read_bytes(archive.getvalue(), "besluiten.pdf")


@pytest.mark.parametrize(
    "name", ["setup.exe", "besluitenlijst", "besluiten.doc", "C:\\Users\\Jan\\besluiten.rtf"]
)
def test_unsupported_extension(name, tmp_path):
    with pytest.raises(UnsupportedFormatError) as error:
        read_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), name)
    text = messages(error)
    basename = name.replace("\\", "/").rsplit("/", 1)[-1]
    assert basename in text and ".docx" in text and ".odt" in text
    assert error.value.code == "unsupported"


def test_case_of_the_extension_does_not_matter():
    assert read_bytes(make_docx(), "LIJST.DocX").format == "docx"
    assert read_bytes(b"Tekst.", "C:\\Users\\Jan\\lijst.TXT").source == "lijst.TXT"


def test_corrupt_zip_named_docx():
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(make_docx()[:3000], "afgebroken.docx")
    assert "afgebroken.docx" in messages(error)


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """A real docx plus 300 MB of zeros, which compress to about 300 KB; never all in memory."""
    path = tmp_path_factory.mktemp("bomb") / "bom.docx"
    with (
        zipfile.ZipFile(io.BytesIO(make_docx())) as source,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        chunk = bytes(1024 * 1024)
        with target.open("word/media/nullen.bin", "w", force_zip64=True) as handle:
            for _ in range(300):
                handle.write(chunk)
    return path


def test_zip_bomb_is_refused(zip_bomb):
    assert zip_bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UnreadableFileError) as error:
        read_file(zip_bomb)
    assert error.value.code == "zip_bomb" and "bom.docx" in messages(error)


def test_zip_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_odt())) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        for number in range(10_001):
            target.writestr(f"Pictures/{number}.txt", "")
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(buffer.getvalue(), "veel.odt")
    assert error.value.code == "zip_bomb"


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch, settings):
    with pytest.raises(FileTooLargeError) as error:
        read_bytes(SEED.encode(), "groot.txt", max_bytes=100)
    assert "groot.txt" in messages(error)
    settings.REGIODEAL_IMPORT_MAX_BYTES = 100
    with pytest.raises(FileTooLargeError):
        read_bytes(SEED.encode(), "groot.txt")
    path = tmp_path / "groot.txt"
    path.write_text(SEED, encoding="utf-8")

    def no_reading(*args, **kwargs):
        raise AssertionError("the content was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(FileTooLargeError):
        read_file(path, max_bytes=100)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFileError) as error:
        read_file(tmp_path / "weg.pdf")
    assert "weg.pdf" in messages(error)


@pytest.mark.parametrize(
    "failure", [KeyError("word/document.xml"), RecursionError(), ValueError("struct"), OSError()]
)
def test_no_library_exception_escapes(monkeypatch, failure):
    def broken(data: bytes, source: str) -> ReadDocument:
        raise failure

    monkeypatch.setitem(readers._READERS, "docx", broken)
    with pytest.raises(UnreadableFileError) as error:
        read_bytes(make_docx(), "stuk.docx")
    assert "stuk.docx" in messages(error)
    assert isinstance(error.value, IngestError)


def test_pdf_over_the_page_limit_is_refused(settings):
    from pypdf import PdfWriter

    settings.REGIODEAL_IMPORT_MAX_PAGES = 2
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableFileError) as refused:
        read_bytes(buffer.getvalue(), "lang.pdf")
    assert refused.value.code == "too_many_pages"
    assert "lang.pdf" in refused.value.messages[0]
