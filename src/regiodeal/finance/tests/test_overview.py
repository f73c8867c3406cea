"""The public finance page: its figures, their agreement with the downloads, and what it hides."""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from odf.opendocument import load as load_ods
from odf.table import Table as OdsTable
from odf.table import TableCell, TableRow

from regiodeal.core.demo import load_demo
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.constants import DecisionKind
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.finance import services
from regiodeal.finance.exports import build_tables
from regiodeal.finance.models import FunderInstalment
from regiodeal.finance.selectors import finance_summary
from regiodeal.finance.tests.factories import (
    make_funded_project,
    make_grant,
    make_published_decision,
)
from regiodeal.organisations.constants import OrganisationKind
from regiodeal.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from regiodeal.programmes.models import Programme
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

D = Decimal


@dataclass
class Money:
    programme: Programme
    settled_project: Project
    running_project: Project


def make_money() -> Money:
    """A settled project in Emmen and a running one without a place, in one programme.

    Settled: decided 100.000, granted 50% of 200.000 = 100.000, an advance of 80% (80.000)
    paid; actual costs 150.000 settle at 75.000, so 25.000 is released and 5.000 recovered.
    Running: decided 50.000, which limits the grant; 40% and 60% advances due in 2030, and a
    funder still has to pay 250.000 in the first quarter of 2030.
    """
    settled = make_funded_project(contributions=(D("1500000"), D("1000000")))
    programme = settled.programme
    settled.places.add(MunicipalityFactory(code="GM0114", name="Emmen", slug="emmen"))
    grant = make_grant(make_published_decision(settled, D("100000")))
    services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2022, 3, 1))
    settlement = services.create_settlement(
        grant, actual_costs=D("150000"), date=datetime.date(2023, 1, 15)
    )
    services.issue_settlement(settlement)

    running = ProjectFactory(
        programme=programme, title="Zorg in de wijk", lead_organisation=OrganisationFactory()
    )
    make_grant(
        make_published_decision(running, D("50000"), datetime.date(2022, 6, 1)),
        schedule=[
            (datetime.date(2030, 2, 1), D("40"), None),
            (datetime.date(2030, 8, 1), D("60"), None),
        ],
    )
    FunderInstalment.objects.create(
        contribution=programme.contributions.order_by("pk").first(),
        due_date=datetime.date(2030, 3, 1),
        amount=D("250000"),
    )
    # Adopted but never published: its money must not reach the page or the files.
    meeting = make_meeting(programme, datetime.date(2022, 9, 1))
    hidden = ProjectFactory(programme=programme, pillar=settled.pillar)
    decision_services.adopt_decision(make_decision(meeting, hidden, amount=D("77777")))
    return Money(programme, settled, running)


@pytest.fixture
def money() -> Money:
    return make_money()


@pytest.fixture
def client(client):
    """The public in English: the headings asserted here are the msgids, whatever nl says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# Reading what the page and the files say, independently of the code that wrote them.


def euros(text: str) -> Decimal | None:
    """``€ 571.249,99`` or ``-€ 5.000`` back to a Decimal; ``–`` is no amount."""
    text = text.replace("\u00a0", " ").strip()
    if text in ("", "–"):
        return None
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-").replace("€", "").replace(" ", "").replace(".", "").replace(",", ".")
    return sign * D(digits).quantize(D("0.01"))


def page_tables(html: str) -> dict[str, list[dict[str, str]]]:
    """Each table on the page by caption: rows as {column heading: cell text}."""
    found = {}
    for table in BeautifulSoup(html, "html.parser").find_all("table"):
        headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
        rows = []
        for tr in table.tbody.find_all("tr"):
            cells = tr.find_all(["th", "td"])
            if len(cells) != len(headings):
                continue  # the "nothing to show" row
            texts = [cell.find(string=True, recursive=False) or "" for cell in cells]
            rows.append(dict(zip(headings, (t.strip() for t in texts), strict=True)))
        found[table.caption.get_text(strip=True)] = rows
    return found


def headline(html: str) -> list[str]:
    figures = BeautifulSoup(html, "html.parser").select("ul.figures .value")
    return [value.get_text().replace("\u00a0", " ") for value in figures]


def csv_value(value: str) -> Decimal | None:
    return D(value) if value else None


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def read_xlsx(content: bytes) -> dict[str, list[list]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook
    }


def read_ods(content: bytes) -> dict[str, list[list]]:
    """Sheets as rows of values: Decimals for currency cells, text otherwise."""
    document = load_ods(io.BytesIO(content))
    sheets = {}
    for sheet in document.spreadsheet.getElementsByType(OdsTable):
        rows = []
        for row in sheet.getElementsByType(TableRow):
            values = []
            for cell in row.getElementsByType(TableCell):
                kind = cell.getAttribute("valuetype")
                if kind == "currency":
                    assert cell.getAttribute("currency") == "EUR"
                    values.append(D(cell.getAttribute("value")))
                elif kind == "percentage":
                    values.append(D(cell.getAttribute("value")))
                else:
                    values.append(str(cell) or None)
            rows.append(values)
        sheets[sheet.getAttribute("name")] = rows
    return sheets


def test_the_page_shows_the_programmes_figures(money, client):
    response = client.get("/financien/")
    assert response.status_code == 200
    html = response.content.decode()
    assert headline(html) == [
        "€ 2.500.000",  # total of the contributions
        "€ 150.000",  # committed
        "€ 150.000",  # granted
        "€ 80.000",  # paid: one advance
        "€ 75.000",  # settled
        "€ 25.000",  # released
        "€ 5.000",  # recovered
        "€ 2.375.000",  # available: 2.500.000 - 150.000 + 25.000
    ]
    tables = page_tables(html)
    places = tables["Money per municipality where the projects take place"]
    emmen = next(row for row in places if row["CBS code"] == "GM0114")
    assert euros(emmen["Committed"]) == D("100000.00")
    assert euros(emmen["Released"]) == D("25000.00")
    # The running project has no place: its money is in a row and explained in a note.
    assert euros(places[-1]["Committed"]) == D("50000.00")
    assert "of the committed money is in projects that are not linked" in html
    cash_flow = tables["Expected payments per quarter"]
    assert [(row["Quarter"], *map(euros, list(row.values())[1:])) for row in cash_flow] == [
        ("2030-K1", D("20000.00"), D("250000.00")),
        ("2030-K3", D("30000.00"), D("0.00")),
    ]
    # Each term is explained, and the downloads are linked.
    assert "returns to the budget and can be committed again" in html
    for fmt in ("csv", "xlsx", "ods"):
        assert f'href="/financien/financien.{fmt}?programma={money.programme.slug}"' in html


def test_unpublished_decisions_never_reach_the_page_or_the_files(money, client):
    html = client.get("/financien/").content.decode()
    assert "77.777" not in html and "227.777" not in html
    for fmt in ("csv", "xlsx", "ods"):
        content = client.get(f"/financien/financien.{fmt}").content
        assert b"77777" not in content, fmt


def test_the_page_and_all_three_files_show_the_same_numbers(money, client):
    html = client.get("/financien/").content.decode()
    files = {
        fmt: client.get(f"/financien/financien.{fmt}").content for fmt in ("csv", "xlsx", "ods")
    }
    with translation.override("en"):
        tables = build_tables(finance_summary(money.programme))

    rows = read_csv(files["csv"])
    by_key = {}
    for row in rows:
        by_key.setdefault(row["indeling"], []).append(row)

    # The key figures are the CSV's programme row.
    programme_row = by_key["programma"][0]
    keys = ("budget", "toegezegd", "verleend", "betaald", "vastgesteld", "vrijgevallen")
    keys += ("teruggevorderd", "beschikbaar")
    assert [euros(value) for value in headline(html)] == [csv_value(programme_row[k]) for k in keys]

    on_page = page_tables(html)
    xlsx, ods = read_xlsx(files["xlsx"]), read_ods(files["ods"])
    assert list(xlsx) == list(ods) == [table.title for table in tables]
    checked = 0
    for table in tables:
        name_column = next(column for column in table.columns if column.header)
        # Every sheet: the header row, then one row per row of the table, XLSX and ODS alike.
        labels = [column.label for column in table.columns_for("sheet")]
        assert xlsx[table.title][0] == labels == ods[table.title][0]
        xlsx_rows, ods_rows = xlsx[table.title][1:], ods[table.title][1:]
        assert len(xlsx_rows) == len(ods_rows) == len(table.rows)
        if table.key:
            assert len(by_key[table.key]) == len(table.rows), table.key
        for index, values in enumerate(table.rows):
            sheet_x = dict(zip(labels, xlsx_rows[index], strict=True))
            sheet_o = dict(zip(labels, ods_rows[index], strict=True))
            for column in table.columns_for("sheet"):
                if column.kind != "money":
                    continue
                x, o = sheet_x[column.label], sheet_o[column.label]
                assert D(str(x)).quantize(D("0.01")) == o, (table.title, column.key)
                if table.key:
                    csv_row = by_key[table.key][index]
                    assert csv_row["naam"] == values["naam"]
                    if column.key in csv_row:
                        assert csv_value(csv_row[column.key]) == o, (table.key, column.key)
                checked += 1
        if table.key == "programma":
            continue
        page_rows = next(rows for rows in on_page.values() if _matches(rows, table))
        assert len(page_rows) == len(table.rows)
        for page_row, sheet_row in zip(page_rows, ods_rows, strict=True):
            sheet = dict(zip(labels, sheet_row, strict=True))
            assert page_row[name_column.label] == sheet[name_column.label]
            for column in table.page_columns:
                if column.kind == "money":
                    assert euros(page_row[column.label]) == sheet[column.label], column.key
                    checked += 1
    assert checked > 100


def _matches(page_rows: list[dict], table) -> bool:
    headings = [column.label for column in table.page_columns]
    return bool(page_rows) and list(page_rows[0]) == headings


def test_unknown_formats_and_programmes_are_not_found(money, client):
    assert client.get("/financien/financien.pdf").status_code == 404
    assert client.get("/financien/financien.CSV").status_code == 404
    assert client.get("/financien/?programma=bestaat-niet").status_code == 404
    assert client.get("/financien/financien.csv?programma=bestaat-niet").status_code == 404


def test_a_programme_is_chosen_by_its_slug(money, client):
    other = FunderContributionFactory(amount=D("1234567")).programme
    html = client.get(f"/financien/?programma={other.slug}").content.decode()
    assert headline(html)[0] == "€ 1.234.567"
    assert f"?programma={money.programme.slug}" in html  # a link to the other programme
    rows = read_csv(client.get(f"/financien/financien.csv?programma={other.slug}").content)
    assert rows[0]["code"] == other.slug and rows[0]["budget"] == "1234567.00"


def test_without_a_programme_the_page_says_so_and_there_is_nothing_to_download(client):
    response = client.get("/financien/")
    assert response.status_code == 200
    assert "No programme has been set up yet." in response.content.decode()
    assert client.get("/financien/financien.csv").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_projects(
    money, client, django_assert_max_num_queries
):
    url = f"/financien/?programma={money.programme.slug}"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for amount in (D("10000"), D("20000"), D("30000")):
        project = ProjectFactory(programme=money.programme, lead_organisation=OrganisationFactory())
        project.places.add(MunicipalityFactory())
        grant = make_grant(make_published_decision(project, amount))
        services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2022, 3, 1))
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        client.get(url)


def test_the_rijk_paying_more_than_half_is_a_warning_in_words(client):
    project = make_funded_project(contributions=(D("1000000"),))
    rijk = OrganisationFactory(name="Rijksoverheid", kind=OrganisationKind.RIJKSOVERHEID)
    FunderContributionFactory(programme=project.programme, organisation=rijk, amount=D("1000001"))
    html = client.get("/financien/").content.decode().replace("\u00a0", " ")
    assert "Warning: the Rijk pays more than half of the programme." in html
    assert "contributes € 1.000.001 of € 2.000.001" in html


def test_no_warning_while_the_rijk_pays_at_most_half(client):
    project = make_funded_project(contributions=(D("1000000"),))
    rijk = OrganisationFactory(name="Rijksoverheid", kind=OrganisationKind.RIJKSOVERHEID)
    FunderContributionFactory(programme=project.programme, organisation=rijk, amount=D("1000000"))
    html = client.get("/financien/").content.decode()
    assert "Warning:" not in html
    assert "contributes 50% of the programme" in html


def test_the_demo_programme_shows_its_published_money():
    demo = load_demo().programme
    url = f"/financien/?programma={demo.slug}"
    html = Client().get(url).content.decode()  # in Dutch, the site's language
    summary = finance_summary(demo)
    assert headline(html)[0] == "€ 40.000.001"
    assert euros(headline(html)[1]) == summary.figures.committed == D("1142500.00")
    assert euros(headline(html)[-1]) == summary.available
    assert "Warning:" not in html  # the Rijk's 20.000.000 is just under half of 40.000.001


def test_the_project_page_shows_the_projects_money(money, client):
    html = client.get(money.settled_project.get_absolute_url()).content.decode()
    block = BeautifulSoup(html, "html.parser").find(id="geld").parent
    amounts = [euros(dd.get_text()) for dd in block.find_all("dd")]
    # committed, granted, paid, settled, released, recovered
    assert amounts == [D(v) for v in ("100000", "100000", "80000", "75000", "25000", "5000")]
    assert "/financien/" in str(block)


def test_a_project_without_money_has_no_money_block(client):
    project = make_funded_project()
    meeting = make_meeting(project.programme)
    rejection = make_decision(meeting, project, amount=None, kind=DecisionKind.AFWIJZING)
    make_published_list(meeting, rejection)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert 'id="geld"' not in response.content.decode()


def test_the_main_menu_links_to_the_finances(client):
    html = client.get("/financien/").content.decode()
    link = BeautifulSoup(html, "html.parser").select_one('nav a[href="/financien/"]')
    assert link is not None and link.get("aria-current") == "page"
