"""The beschikking and vaststelling letters: every format opens, says the same and describes itself.

PDFs are slow (WeasyPrint), so only two are made: an issued grant and a draft settlement. The
office formats and the document structure cover the other cases.
"""

import datetime
from decimal import Decimal as D
from io import BytesIO

import docx
import pytest
from defusedxml import ElementTree
from odf import dc, meta, teletype, text
from odf.opendocument import load
from pypdf import PdfReader

from regiodeal.core.money import format_euro
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.tests.factories import make_meeting, make_published_list
from regiodeal.finance import services
from regiodeal.finance.constants import DIWOO_BESCHIKKING
from regiodeal.finance.letters import (
    LETTER_FORMATS,
    LetterDocument,
    build_grant_letter,
    build_settlement_letter,
    format_percentage,
    render_grant_letter,
    render_settlement_letter,
)
from regiodeal.finance.models import GrantDecision, LedgerEntry, Settlement
from regiodeal.finance.tests.factories import (
    make_funded_project,
    make_grant,
    make_published_decision,
)

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
OFFICE_FORMATS = ("docx", "odt")
# The factories' grant: € 200.000 eligible at 50%, the decision € 100.000, one advance of 80%.
GRANT_FIGURES = ["€ 200.000", "50%", "€ 100.000", "€ 80.000", "€ 20.000"]
PAID_ON = datetime.date(2022, 3, 1)
SETTLED_ON = datetime.date(2023, 5, 1)


# ------------------------------------------------------------------------------- reading


def _clean(value: str) -> str:
    # format_euro joins "€" and the number with a no-break space; compare with plain spaces.
    return " ".join(value.replace("\u00a0", " ").split())


def pdf_text(content: bytes) -> str:
    return _clean(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages))


def docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    parts = [p.text for p in document.sections[0].header.paragraphs]
    parts += [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return _clean("\n".join(parts))


def odt_text(content: bytes) -> str:
    odt = load(BytesIO(content))
    parts = [teletype.extractText(e) for e in odt.masterstyles.getElementsByType(text.P)]
    parts += [
        teletype.extractText(e)
        for kind in (text.H, text.P)
        for e in odt.text.getElementsByType(kind)
    ]
    return _clean("\n".join(parts))


def letter_text(fmt: str, content: bytes) -> str:
    return {"pdf": pdf_text, "docx": docx_text, "odt": odt_text}[fmt](content)


def structure_text(document: LetterDocument) -> str:
    blocks = [block for part in document.parts for block in part.blocks]
    parts = [getattr(block, "text", "") for block in blocks]
    for block in blocks:
        rows = (*getattr(block, "rows", ()), getattr(block, "footer", ()))
        parts += [" ".join(row) for row in rows]
    return _clean(" ".join(parts))


def letter_metadata(fmt: str, content: bytes) -> dict[str, str]:
    """Title, author, language, subject and keywords as each format keeps them."""
    if fmt == "pdf":
        reader = PdfReader(BytesIO(content))
        info = reader.metadata
        return {
            "title": info.title,
            "author": info.author,
            "language": str(reader.trailer["/Root"]["/Lang"]),
            "subject": info.subject,
            "keywords": info["/Keywords"],
            "category": info["/Keywords"],
        }
    if fmt == "docx":
        properties = docx.Document(BytesIO(content)).core_properties
        return {
            "title": properties.title,
            "author": properties.author,
            "language": properties.language,
            "subject": properties.subject,
            "keywords": properties.keywords,
            "category": properties.category,
        }
    odt = load(BytesIO(content))

    def texts(element_type) -> list[str]:
        return [teletype.extractText(e) for e in odt.meta.getElementsByType(element_type)]

    user_defined = {
        e.getAttribute("name"): teletype.extractText(e)
        for e in odt.meta.getElementsByType(meta.UserDefined)
    }
    return {
        "title": texts(dc.Title)[0],
        "author": texts(dc.Creator)[0],
        "language": texts(dc.Language)[0],
        "subject": texts(dc.Subject)[0],
        "keywords": ", ".join(texts(meta.Keyword)),
        "category": user_defined["DiWoo informatiecategorie"],
    }


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture
def decision():
    return make_published_decision(make_funded_project(), D("100000"))


@pytest.fixture
def grant(decision) -> GrantDecision:
    return make_grant(decision)


def settle(grant: GrantDecision, actual_costs: D, *, pay: bool = True, issue: bool = True):
    if pay:
        services.pay_advance(grant.instalments.get(), paid_on=PAID_ON)
    settlement = services.create_settlement(
        grant, actual_costs=actual_costs, date=SETTLED_ON, note="De kosten vielen lager uit."
    )
    return services.issue_settlement(settlement) if issue else settlement


def assert_metadata(fmt: str, content: bytes, title: str, programme: str) -> None:
    metadata = letter_metadata(fmt, content)
    assert metadata["title"] == title
    assert metadata["author"] == programme
    assert metadata["language"].startswith("nl")
    assert metadata["subject"]
    assert DIWOO_BESCHIKKING in metadata["keywords"]
    assert metadata["category"].endswith(DIWOO_BESCHIKKING)


# ------------------------------------------------------------------------ the beschikking


@pytest.mark.parametrize("fmt", OFFICE_FORMATS)
def test_an_issued_grant_letter_states_its_figures_the_dutch_way(grant, fmt):
    rendered = render_grant_letter(grant, fmt)
    assert rendered.filename == f"beschikking-{grant.reference}.{fmt}"
    assert rendered.content_type == CONTENT_TYPES[fmt]
    content = letter_text(fmt, rendered.content)
    programme = grant.project.programme.name
    for figure in GRANT_FIGURES:
        assert figure in content
    assert "Beschikking subsidieverlening" in content
    assert grant.recipient.name in content
    assert "14 december 2021" in content and "besluitenlijst december 2021" in content
    assert "1 maart 2022 80% van de subsidie € 80.000" in content
    assert "Wij verlenen u een subsidie van ten hoogste € 100.000." in content
    assert "De subsidie wordt besteed aan het project." in content
    assert "Halfjaarlijkse voortgangsrapportage." in content
    assert "Algemene wet bestuursrecht" in content and "zes weken" in content
    assert f"namens de stuurgroep van {programme}" in content
    assert "CONCEPT" not in content
    title = f"Beschikking subsidieverlening – {grant.project.title}"
    assert_metadata(fmt, rendered.content, title, programme)


def test_the_grant_pdf_is_pdf_a_with_its_metadata(grant):
    rendered = render_grant_letter(grant, "pdf")
    assert (rendered.filename, rendered.content_type) == (
        f"beschikking-{grant.reference}.pdf",
        CONTENT_TYPES["pdf"],
    )
    assert rendered.content.startswith(b"%PDF-")
    content = pdf_text(rendered.content)
    for figure in GRANT_FIGURES:
        assert figure in content
    assert "Wij verlenen u een subsidie van ten hoogste € 100.000." in content
    assert "CONCEPT" not in content
    programme = grant.project.programme.name
    assert_metadata(
        "pdf", rendered.content, f"Beschikking subsidieverlening – {grant.project.title}", programme
    )
    reader = PdfReader(BytesIO(rendered.content))
    rdf = ElementTree.fromstring(reader.xmp_metadata.stream.get_data())
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    claims = [
        (d.get(f"{pdfaid}part"), d.get(f"{pdfaid}conformance"))
        for d in rdf.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
        if d.get(f"{pdfaid}part")
    ]
    assert claims == [("3", "U")]
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers


@pytest.mark.parametrize("fmt", OFFICE_FORMATS)
def test_a_draft_grant_letter_says_concept_and_rendering_it_issues_nothing(decision, fmt):
    draft = make_grant(decision, issue=False)
    entries = LedgerEntry.objects.count()

    rendered = render_grant_letter(draft, fmt)

    content = letter_text(fmt, rendered.content)
    assert content.startswith("CONCEPT")  # the page header, on every page
    assert "CONCEPT – Deze beschikking is nog niet genomen en niet verzonden." in content
    assert letter_metadata(fmt, rendered.content)["title"].startswith("CONCEPT – Beschikking")
    draft.refresh_from_db()
    assert not draft.is_issued
    assert LedgerEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("eligible", "percentage", "maximum", "expected"),
    [
        (
            D("100000"),
            D("62.5"),
            None,
            "De subsidie bedraagt 62,5% van de subsidiabele kosten. Dat bedrag is niet hoger "
            "dan de bijdrage die de stuurgroep beschikbaar heeft gesteld.",
        ),
        (
            D("200000"),
            D("50"),
            D("60000"),
            "De subsidie is begrensd op het maximumbedrag van € 60.000: 50% van de "
            "subsidiabele kosten (€ 100.000) is hoger dan dat maximum.",
        ),
        (
            D("300000"),
            D("50"),
            D("120000"),
            "De subsidie is begrensd op de bijdrage van € 100.000 die de stuurgroep "
            "beschikbaar heeft gesteld: 50% van de subsidiabele kosten (€ 150.000) en het "
            "maximumbedrag (€ 120.000) zijn hoger dan die bijdrage.",
        ),
    ],
)
def test_the_letter_says_which_limit_binds_the_grant(
    decision, eligible, percentage, maximum, expected
):
    grant = make_grant(decision, eligible_costs=eligible, percentage=percentage, maximum=maximum)
    content = structure_text(build_grant_letter(grant))
    assert expected in content
    assert f"Verleende subsidie {_clean(format_euro(grant.granted_amount))}" in content


def test_without_conditions_duties_or_advances_those_parts_are_left_out(decision):
    grant = services.create_grant(
        decision,
        eligible_costs=D("200000"),
        subsidy_percentage=D("50"),
        date=datetime.date(2022, 2, 1),
    )
    document = build_grant_letter(grant)
    headings = [section.heading for section in document.sections]
    assert headings == ["Hoogte van de subsidie", "Betaling", "Bezwaar"]
    assert "Wij verstrekken geen voorschotten." in structure_text(document)


def test_an_issued_letter_keeps_the_decision_it_was_issued_under(decision):
    project = decision.project
    issued = make_grant(decision, eligible_costs=D("300000"))
    draft = make_grant(
        make_published_decision(project, D("100000"), datetime.date(2022, 1, 10)),
        eligible_costs=D("300000"),
        issue=False,
    )
    meeting = make_meeting(project.programme, datetime.date(2022, 6, 1))
    corrections = [
        decision_services.create_correction(
            original=grant.decision, meeting=meeting, amount=D("120000"), text="Hoger bedrag."
        )
        for grant in (issued, draft)
    ]
    make_published_list(meeting, *corrections)

    # The issued letter still says what it said when it was issued.
    issued_text = structure_text(build_grant_letter(issued))
    assert "gecorrigeerd" not in issued_text
    assert "Bijdrage volgens het besluit van de stuurgroep € 100.000" in issued_text
    assert "Verleende subsidie € 100.000" in issued_text
    # The draft follows the correction: issuing it now would grant € 120.000.
    draft_text = structure_text(build_grant_letter(draft))
    assert "In haar vergadering van 1 juni 2022 heeft de stuurgroep dit besluit gecorrigeerd" in (
        draft_text
    )
    assert "Verleende subsidie € 120.000" in draft_text
    assert "1 maart 2022 80% van de subsidie € 96.000" in draft_text
    draft.refresh_from_db()
    assert draft.granted_amount == D("100000")  # the letter changed nothing


# ----------------------------------------------------------------------- the vaststelling


def test_a_draft_settlement_pdf_says_concept_and_states_the_recovery(grant):
    settlement = settle(grant, D("100000"), issue=False)  # 50% of it: € 50.000, € 80.000 paid

    rendered = render_settlement_letter(settlement, "pdf")

    assert rendered.filename == f"vaststelling-{settlement.reference}.pdf"
    content = pdf_text(rendered.content)
    assert content.startswith("CONCEPT")
    assert "CONCEPT – Deze beschikking is nog niet genomen en niet verzonden." in content
    assert f"Beschikking {grant.reference} van 1 februari 2022" in content
    assert "Wij stellen de subsidie vast op € 50.000." in content
    assert "Wij vorderen € 30.000 van u terug." in content
    programme = grant.project.programme.name
    title = f"CONCEPT – Beschikking tot vaststelling subsidie – {grant.project.title}"
    assert_metadata("pdf", rendered.content, title, programme)
    settlement.refresh_from_db()
    assert not settlement.is_issued


@pytest.mark.parametrize("fmt", OFFICE_FORMATS)
def test_a_settlement_with_recovery_states_the_release_and_the_recovery(grant, fmt):
    settlement = settle(grant, D("100000"))

    rendered = render_settlement_letter(settlement, fmt)

    assert rendered.filename == f"vaststelling-{settlement.reference}.{fmt}"
    content = letter_text(fmt, rendered.content)
    assert "Werkelijke subsidiabele kosten € 100.000" in content
    assert "De subsidie is vastgesteld op 50% van de werkelijke subsidiabele kosten." in content
    assert "valt € 50.000 vrij" in content
    assert "Ontvangen voorschotten € 80.000" in content
    assert "Terug te betalen € 30.000" in content
    assert "Wij vorderen € 30.000 van u terug." in content
    assert "binnen zes weken na de datum van deze beschikking terugbetalen" in content
    assert "De kosten vielen lager uit." in content
    assert "CONCEPT" not in content
    programme = grant.project.programme.name
    title = f"Beschikking tot vaststelling subsidie – {grant.project.title}"
    assert_metadata(fmt, rendered.content, title, programme)


def test_a_settlement_below_the_grant_releases_the_rest_and_pays_the_balance(grant):
    settlement = settle(grant, D("180000"))  # 50%: € 90.000 of € 100.000; € 80.000 paid

    content = docx_text(render_settlement_letter(settlement, "docx").content)

    assert "Wij stellen de subsidie vast op € 90.000." in content
    assert "valt € 10.000 vrij" in content
    assert "Het restant van € 10.000 betalen wij aan u uit." in content
    assert "Terugvordering" not in content and "vorderen" not in content


def test_a_settlement_at_the_grant_explains_why_and_leaves_nothing_to_do(grant):
    settlement = settle(grant, D("400000"), pay=False)  # 50% would be € 200.000

    content = structure_text(build_settlement_letter(settlement))

    assert "De subsidie is vastgesteld op het verleende bedrag" in content
    assert "Wij stellen de subsidie vast op € 100.000." in content
    assert "Vrijval" not in [s.heading for s in build_settlement_letter(settlement).sections]
    assert "Het restant van € 100.000 betalen wij aan u uit." in content


def test_advances_equal_to_the_settlement_end_the_grant(grant):
    settlement = settle(grant, D("160000"))  # € 80.000 settled, € 80.000 paid

    content = structure_text(build_settlement_letter(settlement))

    assert "Er volgt geen betaling of terugvordering meer." in content
    assert "valt € 20.000 vrij" in content


# --------------------------------------------------------------------------------- both


def test_an_unknown_format_is_refused_in_dutch_and_changes_nothing(grant):
    settlement = settle(grant, D("100000"), issue=False)
    entries, version = LedgerEntry.objects.count(), settlement.version

    with pytest.raises(ValueError, match="Onbekend formaat “xlsx” voor een beschikking"):
        render_grant_letter(grant, "xlsx")
    with pytest.raises(ValueError, match=f"kies uit {', '.join(LETTER_FORMATS)}"):
        render_settlement_letter(settlement, "md")

    assert LedgerEntry.objects.count() == entries
    assert Settlement.objects.get(pk=settlement.pk).version == version
    assert not Settlement.objects.get(pk=settlement.pk).is_issued


@pytest.mark.parametrize(
    ("percentage", "expected"),
    [(D("50"), "50%"), (D("62.50"), "62,5%"), (D("33.33"), "33,33%"), (D("100"), "100%")],
)
def test_percentages_are_written_the_dutch_way(percentage, expected):
    assert format_percentage(percentage) == expected
