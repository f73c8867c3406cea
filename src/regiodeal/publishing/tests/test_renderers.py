"""Every format says the same thing, carries its metadata and shows text exactly as typed."""

import re
from io import BytesIO

import docx
import pytest
from defusedxml import ElementTree
from docx.oxml.ns import qn
from odf import dc, meta, style, teletype, text
from odf.opendocument import load
from pypdf import PdfReader

from regiodeal.publishing.besluitenlijst import build_document
from regiodeal.publishing.renderers import FORMATS, RenderedDocument, render_besluitenlijst
from regiodeal.publishing.renderers.common import published_local
from regiodeal.publishing.renderers.markdown import escape_block, escape_heading

from .conftest import AWKWARD_TITLE, DECISIONS, EXPECTED_AMOUNTS, PROGRAMME, PUBLISHED_AT

TITLE = "Besluitenlijst december 2021"
HEADINGS = [title for title, *_ in DECISIONS]
CONDITIONS = "Voorwaarden: De gemeente Coevorden rapporteert halfjaarlijks aan de stuurgroep."
ESCAPING_ARTEFACTS = ("&amp;", "&lt;", "&gt;", "&#", "\\&", "\\<")


@pytest.fixture(scope="module")
def rendered(sample_document) -> dict[str, RenderedDocument]:
    # One render per format for the whole module: the PDF alone takes a second or two.
    return {fmt: render_besluitenlijst(sample_document, fmt) for fmt in FORMATS}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    # Line breaks fall wherever the layout puts them; compare text with single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(BytesIO(content)).paragraphs)


def odt_blocks(content: bytes, element_type=None) -> list[str]:
    body = load(BytesIO(content)).text
    types = [element_type] if element_type else [text.H, text.P]
    return [teletype.extractText(e) for kind in types for e in body.getElementsByType(kind)]


def plain_text(fmt: str, content: bytes) -> str:
    if fmt == "pdf":
        return pdf_text(content)
    if fmt == "docx":
        return docx_text(content)
    if fmt == "odt":
        return "\n".join(odt_blocks(content))
    return content.decode("utf-8")


# ------------------------------------------------------------------------------------ all


def test_an_unknown_format_is_refused_in_dutch(sample_document):
    with pytest.raises(ValueError, match="Onbekend formaat “xls”"):
        render_besluitenlijst(sample_document, "xls")


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("odt", "application/vnd.oasis.opendocument.text", b"PK"),
        ("md", "text/markdown; charset=utf-8", b"# "),
    ],
)
def test_each_format_has_its_content_type_and_file_name(rendered, fmt, content_type, magic):
    assert rendered[fmt].content_type == content_type
    assert rendered[fmt].filename == f"besluitenlijst-december-2021.{fmt}"
    assert rendered[fmt].content.startswith(magic)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_the_title_headings_amounts_and_conditions(rendered, fmt):
    content = plain_text(fmt, rendered[fmt].content)
    assert TITLE in content
    assert f"{PROGRAMME} – vergadering van de stuurgroep op 14 december 2021" in content
    assert "Onderstaand treft u een overzicht aan" in content
    for heading in HEADINGS:
        assert heading in content
    for amount in EXPECTED_AMOUNTS:
        assert f"Hiervoor is een bijdrage van {amount} beschikbaar gesteld." in content
    label = "*Voorwaarden:*" if fmt == "md" else "Voorwaarden:"
    assert CONDITIONS.replace("Voorwaarden:", label) in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_title_with_markup_characters_reads_as_typed(rendered, fmt):
    content = plain_text(fmt, rendered[fmt].content)
    assert AWKWARD_TITLE in content
    assert "Een fonds van € 2 miljoen voor jongeren & werkgevers." in content
    for artefact in ESCAPING_ARTEFACTS:
        assert artefact not in content


# ------------------------------------------------------------------------------------ PDF


def test_pdf_is_pdf_a_3u_with_the_documents_metadata(rendered):
    reader = PdfReader(BytesIO(rendered["pdf"].content))
    info = reader.metadata
    assert info.title == TITLE
    assert info.author == PROGRAMME
    assert info.creator.startswith("regiodeal")
    assert "14 december 2021" in info.subject
    assert info.creation_date == PUBLISHED_AT
    assert info.modification_date == PUBLISHED_AT
    assert reader.trailer["/Root"]["/Lang"] == "nl"

    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": TITLE}
    assert xmp.dc_creator == [PROGRAMME]
    rdf = ElementTree.fromstring(xmp.stream.get_data())
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    claims = [
        (d.get(f"{pdfaid}part"), d.get(f"{pdfaid}conformance"))
        for d in rdf.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
        if d.get(f"{pdfaid}part")
    ]
    assert claims == [("3", "U")]
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert [intent.get_object()["/S"] for intent in intents] == ["/GTS_PDFA1"]


def test_pdf_embeds_its_fonts_with_unicode_maps_and_numbers_its_pages(rendered):
    reader = PdfReader(BytesIO(rendered["pdf"].content))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVu" in font["/BaseFont"]
            assert "/ToUnicode" in font
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
    pages = len(reader.pages)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert f"{PROGRAMME} pagina {pages} van {pages}" in last


# ----------------------------------------------------------------------------------- DOCX


def test_docx_uses_heading_styles_and_declares_dutch(rendered):
    document = docx.Document(BytesIO(rendered["docx"].content))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == [TITLE]
    assert by_style["Heading 2"] == HEADINGS

    properties = document.core_properties
    assert properties.title == TITLE
    assert properties.language == "nl-NL"
    assert properties.author == PROGRAMME
    assert "14 december 2021" in properties.subject
    assert properties.created == properties.modified == PUBLISHED_AT
    assert "python-docx" not in properties.comments

    normal = document.styles["Normal"].element
    assert normal.rPr.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# ------------------------------------------------------------------------------------ ODT


def test_odt_uses_outline_headings_and_declares_dutch(rendered):
    odt = load(BytesIO(rendered["odt"].content))
    headings = [
        (h.getAttribute("outlinelevel"), h.getAttribute("stylename"), teletype.extractText(h))
        for h in odt.text.getElementsByType(text.H)
    ]
    assert headings == [("1", "Heading_20_1", TITLE)] + [
        ("2", "Heading_20_2", heading) for heading in HEADINGS
    ]

    def meta_text(element_type) -> list[str]:
        return [teletype.extractText(e) for e in odt.meta.getElementsByType(element_type)]

    published = "2021-12-20T10:00:00+01:00"
    assert meta_text(dc.Title) == [TITLE]
    assert meta_text(dc.Language) == ["nl-NL"]
    assert meta_text(meta.InitialCreator) == [PROGRAMME]
    assert meta_text(meta.CreationDate) == [published]
    assert meta_text(dc.Date) == [published]

    default = odt.styles.getElementsByType(style.DefaultStyle)[0]
    properties = default.getElementsByType(style.TextProperties)[0]
    assert (properties.getAttribute("language"), properties.getAttribute("country")) == (
        "nl",
        "NL",
    )


# ------------------------------------------------------------------------------- Markdown


def test_markdown_reads_as_the_printed_list(rendered):
    markdown = rendered["md"].content.decode("utf-8")
    assert markdown.startswith(
        f"# {TITLE}\n\n{PROGRAMME} – vergadering van de stuurgroep op 14 december 2021\n\n"
    )
    assert re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE) == HEADINGS
    assert f"\n\n*{CONDITIONS.replace('Voorwaarden:', 'Voorwaarden:*')}\n" in markdown
    assert markdown.endswith(".\n")
    assert "\n\n\n" not in markdown


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("Gewoon een zin; met € & ’.", "Gewoon een zin; met € & ’."),
        ("# geen kop", "\\# geen kop"),
        ("- geen opsomming", "\\- geen opsomming"),
        ("1. geen genummerde lijst", "1\\. geen genummerde lijst"),
        ("2021. Een jaar vol besluiten.", "2021\\. Een jaar vol besluiten."),
        ("> geen citaat", "\\> geen citaat"),
        ("***", "\\***"),
        ("-12% kosten", "-12% kosten"),
        ("360-graden arbeidsmarkt", "360-graden arbeidsmarkt"),
        ("Zie <b>dit</b> en &euro;", "Zie \\<b>dit\\</b> en \\&euro;"),
        ("Kosten < 5 en R&D", "Kosten < 5 en R&D"),
    ],
)
def test_markdown_escapes_only_what_would_become_markup(typed, escaped):
    assert escape_block(typed) == escaped


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("#1 in de regio", "\\#1 in de regio"),
        ("Project C#", "Project C#"),
        ("Project nummer #", "Project nummer \\#"),
        ("- of 1. in een kop", "- of 1. in een kop"),
    ],
)
def test_markdown_headings_keep_their_hashes(typed, escaped):
    assert escape_heading(typed) == escaped


# --------------------------------------------------------------------------- from the DB


@pytest.mark.django_db
def test_a_published_list_renders_its_decisions_and_publication_date(published_list):
    document = build_document(published_list)
    # The PDF is left to the command tests, which render it from the database once.
    rendered = {fmt: render_besluitenlijst(document, fmt).content for fmt in ("docx", "odt", "md")}
    for fmt, content in rendered.items():
        content = plain_text(fmt, content)
        for heading in HEADINGS:
            assert heading in content
        for amount in EXPECTED_AMOUNTS:
            assert f"Hiervoor is een bijdrage van {amount} beschikbaar gesteld." in content
    assert odt_blocks(rendered["odt"], text.H) == [TITLE, *HEADINGS]
    created = docx.Document(BytesIO(rendered["docx"])).core_properties.created
    assert created == published_list.published_at.replace(microsecond=0)


def test_dates_are_amsterdam_time(sample_document):
    assert published_local(sample_document).isoformat() == "2021-12-20T10:00:00+01:00"
