"""The uitvoeringsprogramma: the demo's 2022 document in every format, its page and command.

The demo is loaded once per module (it takes seconds) inside a transaction that is rolled back
at the end; each test runs in a savepoint within it. The PDF is rendered once as well.
"""

import datetime
import re
import zipfile
from decimal import Decimal as D
from io import BytesIO, StringIO

import docx
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from odf import meta, teletype, text
from odf.opendocument import load
from pypdf import PdfReader

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.core.demo import load_demo
from regiodeal.core.errors import DomainError
from regiodeal.finance.tests.factories import make_funded_project, make_published_decision
from regiodeal.monitoring import services
from regiodeal.monitoring.constants import DIWOO_JAARPLAN
from regiodeal.monitoring.models import IndicatorPeriod, ProjectLead
from regiodeal.monitoring.tests.factories import indicator_with_period
from regiodeal.monitoring.uitvoeringsprogramma import build_document
from regiodeal.monitoring.uitvoeringsprogramma_renderers import render
from regiodeal.programmes.tests.factories import ProgrammeFactory
from regiodeal.projects.models import Project

SLUG = "zuid-en-oost-drenthe"
TITLE = "Uitvoeringsprogramma 2022 – Regio Deal Zuid- en Oost-Drenthe"
# The demo's projects as they stood at the end of 2022 (monitoring/demo_content.py): status
# from the last report accepted over 2022, and each indicator's row in the document: title,
# unit, baseline, target and actual for 2022, and how far it came (actual against target).
STATUS_END_2022 = {
    "toekomstbestendige-bedrijventerreinen": "risico",
    "haalbaarheidsonderzoek-internationaal-mbo-coevorden": "op schema",
    "360-graden-arbeidsmarkt-excellente-vakkrachten": "vertraagd",
    "levensloop-bestendig-wonen": "op schema",
    "monitoren-en-leren-van-jeugdprojecten": "op schema",
}
INDICATOR_ROWS_2022 = [
    "Pilotlocaties met een uitvoeringsplan locaties 0 3 2 66,7%",
    "Bedrijven aangesloten op een collectieve energievoorziening bedrijven 0 20 12 60%",
    "Gesprekken met onderwijspartners en werkgevers gesprekken 0 15 18 120%",
    "Binationale opleidingen van start opleidingen 0 1 1 100%",
    "Studenten met een stage over de grens studenten 0 30 12 40%",
    "Verkende locaties locaties 0 4 4 100%",
    "Senioren die meedachten personen 0 60 75 125%",
    "Jeugdprojecten die de gezamenlijke monitor gebruiken projecten 0 12 9 75%",
    # Lower is better: from 8 weeks to 6 of the 4 aimed at is half the way.
    "Wachttijd tot een eerste gesprek weken 8 4 6 50%",
]
CHART_BAR_FILL = "0.121569 0.305882 0.47451 rg"  # core.charts' bars, #1f4e79


def clean(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        programme = load_demo().programme
        titles = dict(Project.objects.public().values_list("slug", "title"))
        document = build_document(programme, 2022)
        pdf = render(document, "pdf").content
        yield {"programme": programme, "titles": titles, "document": document, "pdf": pdf}
        transaction.set_rollback(True)


@pytest.fixture
def pdf_reader(demo) -> PdfReader:
    return PdfReader(BytesIO(demo["pdf"]))


def pdf_text(reader: PdfReader) -> str:
    return clean(" ".join(page.extract_text() for page in reader.pages))


# ------------------------------------------------------------------------------ the PDF


def test_the_2022_pdf_has_every_demo_project_with_its_status_and_actuals(demo, pdf_reader, db):
    content = pdf_text(pdf_reader)
    assert content.startswith("Regio Deal Zuid- en Oost-Drenthe " + TITLE)
    assert set(demo["titles"]) == set(STATUS_END_2022)
    for slug, title in demo["titles"].items():
        # The project's heading, then its table of status and money.
        assert f"Stand van “{title}” Status eind 2022 {STATUS_END_2022[slug]}" in content
    for row in INDICATOR_ROWS_2022:
        assert row in content
    # The report accepted in 2023 does not make the 2022 document say "afgerond".
    assert "afgerond 1" not in content.split("Projecten naar status eind 2022")[1][:80]
    assert "Parkmanagers vroeg betrekken scheelt maanden in de uitvoering." in content


def test_the_pdf_has_the_money_chart_drawn_as_vectors(demo, pdf_reader, db):
    caption = "Figuur 1. Toegezegd per pijler"
    pages = [page for page in pdf_reader.pages if caption in page.extract_text()]
    assert len(pages) == 1
    page_text = clean(pages[0].extract_text())
    # The bars' labels and values are text inside the SVG, not a picture of text.
    assert "Werken € 905.000 Wonen € 70.000 Welzijn € 167.500" in page_text
    drawing = pages[0].get_contents().get_data().decode("latin-1")
    assert CHART_BAR_FILL in drawing
    assert len(re.findall(r"^210 [\d.]+ [\d.]+ 16 re$", drawing, re.MULTILINE)) == 3
    assert "/Subtype /Image" not in str(pages[0].get("/Resources"))


def test_the_pdf_is_a_tagged_dutch_pdf_a_with_the_diwoo_category(demo, pdf_reader, db):
    info = pdf_reader.metadata
    assert info.title == TITLE
    assert info.author == "Regio Deal Zuid- en Oost-Drenthe"
    assert DIWOO_JAARPLAN in info["/Keywords"]
    assert str(pdf_reader.trailer["/Root"]["/Lang"]) == "nl"
    assert "/StructTreeRoot" in pdf_reader.trailer["/Root"]
    rdf = ElementTree.fromstring(pdf_reader.xmp_metadata.stream.get_data())
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    claims = [
        (d.get(f"{pdfaid}part"), d.get(f"{pdfaid}conformance"))
        for d in rdf.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
        if d.get(f"{pdfaid}part")
    ]
    assert claims == [("3", "U")]


# ---------------------------------------------------------------------- the other formats


def test_the_docx_opens_with_every_title_and_the_diwoo_category(demo, db):
    rendered = render(demo["document"], "docx")
    assert rendered.filename == "uitvoeringsprogramma-zuid-en-oost-drenthe-2022.docx"
    document = docx.Document(BytesIO(rendered.content))
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("H")}
    assert headings[TITLE] == "Heading 1"
    assert headings["Financiën van het programma"] == "Heading 2"
    assert headings["Werken"] == "Heading 3"
    for title in demo["titles"].values():
        assert headings[title] == "Heading 4"
    cells = clean(" ".join(c.text for t in document.tables for r in t.rows for c in r.cells))
    assert "Pilotlocaties met een uitvoeringsplan locaties 0 3 2 66,7%" in cells
    properties = document.core_properties
    assert properties.title == TITLE
    assert properties.category == DIWOO_JAARPLAN
    assert DIWOO_JAARPLAN in properties.keywords
    assert properties.language == "nl-NL"


def test_the_odt_opens_with_every_title_the_chart_and_the_diwoo_category(demo, db):
    rendered = render(demo["document"], "odt")
    odt = load(BytesIO(rendered.content))
    headings = [teletype.extractText(h) for h in odt.text.getElementsByType(text.H)]
    assert headings[0] == TITLE
    assert set(demo["titles"].values()) <= set(headings)
    user_defined = {
        e.getAttribute("name"): teletype.extractText(e)
        for e in odt.meta.getElementsByType(meta.UserDefined)
    }
    assert user_defined["DiWoo informatiecategorie"] == DIWOO_JAARPLAN
    with zipfile.ZipFile(BytesIO(rendered.content)) as archive:
        chart = archive.read("Pictures/figuur-1.svg").decode()
    assert 'role="img"' in chart and "<title" in chart and "Toegezegd per pijler" in chart


def test_the_markdown_has_front_matter_with_the_diwoo_category(demo, db):
    content = render(demo["document"], "md").content.decode()
    front, body = content.split("\n---\n", 1)
    assert front.startswith("---\ntitle: ")
    assert f'diwoo_informatiecategorie: "{DIWOO_JAARPLAN}"' in front
    assert f"\n# {TITLE}\n" in "\n" + body
    for title in demo["titles"].values():
        assert f"\n#### {title}\n" in body
    assert "| Pilotlocaties met een uitvoeringsplan | locaties | 0 | 3 | 2 | 66,7% |" in body


def test_an_unknown_format_is_refused(demo, db):
    with pytest.raises(ValueError, match="Onbekend formaat “xls”"):
        render(demo["document"], "xls")


# ------------------------------------------------------------------------ the structure


def test_status_progress_results_and_lessons_are_those_of_the_year(db):
    """A worked example: a report over 2023 does not count in the 2022 document."""
    project = make_funded_project()
    project.title = "Groene daken"
    project.save()
    lead = UserFactory()
    ProjectLead.objects.create(project=project, user=lead)
    make_published_decision(project)
    period = indicator_with_period(project, baseline="40", target="100")
    period.actual = D(70)
    period.save()
    IndicatorPeriod.objects.create(
        indicator=period.indicator,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        target=D(100),
        actual=D(100),
    )
    for end, status, progress, lesson in (
        (datetime.date(2022, 12, 31), "risico", 40, "Vroeg beginnen met vergunningen."),
        (datetime.date(2023, 12, 31), "afgerond", 100, "Daken zijn sterker dan gedacht."),
    ):
        report = project.reports.create(
            period_start=end.replace(month=1, day=1),
            period_end=end,
            due_date=end + datetime.timedelta(days=1),
            status=status,
            progress=progress,
            narrative="Verslag.",
            lessons_learned=lesson,
        )
        services.submit_report(report, user=lead)
        services.accept_report(report)

    document = build_document(project.programme, 2022)

    section = next(s for s in document.sections if s.heading == "Groene daken")
    facts = dict(section.blocks[1].rows[:2])
    assert facts == {"Status eind 2022": "risico", "Voortgang eind 2022": "40%"}
    results = section.blocks[2]
    # 40 → 70 of 100: half way. The 2023 period (100, all the way) is not this year's.
    assert results.rows == (("Banen in de regio", "banen", "40", "100", "70", "50%"),)
    lessons = next(s for s in document.sections if s.heading == "Geleerde lessen in 2022")
    said = " ".join(block.text for block in lessons.blocks)
    assert "Vroeg beginnen met vergunningen." in said
    assert "Daken zijn sterker dan gedacht." not in said


def test_a_year_outside_the_programme_is_refused_in_dutch(db):
    programme = ProgrammeFactory(name="Regio Deal Test", slug="test")
    with pytest.raises(DomainError) as refused:
        build_document(programme, 2030)
    assert refused.value.messages == [
        "Regio Deal Test loopt van 2020 tot en met 2024; er is geen uitvoeringsprogramma voor 2030."
    ]


# ----------------------------------------------------------------------------- the page


def test_the_page_shows_the_document_with_an_accessible_chart_and_its_table(
    demo, client, db, django_assert_max_num_queries
):
    url = reverse("monitoring:uitvoeringsprogramma", args=[SLUG, 2022])
    with django_assert_max_num_queries(45):
        response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert clean(page.h1.get_text()) == TITLE and page.h1["lang"] == "nl"
    assert page.find("article")["lang"] == "nl"
    for title in demo["titles"].values():
        assert page.find("h4", string=title)
    figure = page.find("figure")
    svg = figure.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Toegezegd per pijler"
    assert "Werken € 905.000" in clean(svg.find("desc").get_text())
    table = figure.find_next_sibling("table")
    assert clean(table.caption.get_text()) == "Budget en geld per pijler"
    assert [clean(th.get_text()) for th in table.tbody.find_all("th")] == [
        "Werken",
        "Wonen",
        "Welzijn",
    ]
    links = [a["href"] for a in page.select("ul.downloads a")]
    assert links == [
        f"/uitvoeringsprogramma/{SLUG}/2022/uitvoeringsprogramma.{fmt}"
        for fmt in ("pdf", "docx", "odt", "md")
    ]


def test_the_document_needs_as_many_queries_however_many_projects(demo, db):
    from .test_portfolio_views import add_monitored_projects

    with CaptureQueriesContext(connection) as before:
        build_document(demo["programme"], 2022)
    add_monitored_projects(demo["programme"], 3)
    with CaptureQueriesContext(connection) as after:
        document = build_document(demo["programme"], 2022)
    assert len(after) == len(before)
    assert sum(section.level == 4 for section in document.sections) == 5 + 3


def test_a_download_is_an_attachment(demo, client, db):
    url = reverse("monitoring:uitvoeringsprogramma_download", args=[SLUG, 2022, "md"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="uitvoeringsprogramma-zuid-en-oost-drenthe-2022.md"'
    )


@pytest.mark.parametrize(
    "url",
    [
        f"/uitvoeringsprogramma/{SLUG}/2030/",
        "/uitvoeringsprogramma/bestaat-niet/2022/",
        f"/uitvoeringsprogramma/{SLUG}/2022/uitvoeringsprogramma.xls",
        f"/uitvoeringsprogramma/{SLUG}/1999/uitvoeringsprogramma.pdf",
    ],
)
def test_unknown_programmes_years_and_formats_are_not_found(demo, client, db, url):
    assert client.get(url).status_code == 404


# -------------------------------------------------------------------------- the command


def run(*args: str) -> str:
    out = StringIO()
    call_command("uitvoeringsprogramma", *args, stdout=out, no_color=True)
    return out.getvalue()


def test_the_command_writes_the_docx_and_says_where(demo, db, tmp_path):
    target = tmp_path / "up.docx"
    message = run("--programme", SLUG, "--year", "2022", "--format", "docx", "-o", str(target))
    assert message.startswith(f"{TITLE} geschreven naar {target} (")
    assert docx.Document(str(target)).core_properties.title == TITLE


def test_the_command_writes_markdown_to_standard_output(demo, db):
    output = run("--programme", SLUG, "--year", "2022", "--format", "md")
    assert output.startswith("---\ntitle: ") and f"\n# {TITLE}\n" in output


@pytest.mark.parametrize(
    ("programme", "year", "message"),
    [
        (
            "bestaat-niet",
            "2022",
            "Er is geen programma met de naam “bestaat-niet”. Bekende programma's: test,",
        ),
        ("test", "twintig", "“twintig” is geen jaartal; geef het jaar op in vier cijfers"),
        ("test", "2030", "Regio Deal Test loopt van 2020 tot en met 2024; er is geen"),
    ],
)
def test_the_command_refuses_in_dutch_and_writes_nothing(db, tmp_path, programme, year, message):
    ProgrammeFactory(name="Regio Deal Test", slug="test")
    target = tmp_path / "up.pdf"
    with pytest.raises(CommandError) as refused:
        run("--programme", programme, "--year", year, "-o", str(target))
    assert str(refused.value).startswith(message)
    assert not target.exists()


def test_a_binary_format_needs_a_file(db):
    ProgrammeFactory(slug="test")
    with pytest.raises(CommandError, match="geef met -o een bestandsnaam op"):
        run("--programme", "test", "--year", "2022", "--format", "pdf")
