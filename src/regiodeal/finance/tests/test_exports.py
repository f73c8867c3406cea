"""The downloads of the finance overview: CSV for re-use, XLSX and ODS for people."""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.utils import translation
from odf.namespaces import OFFICENS
from odf.opendocument import load as load_ods
from odf.table import Table as OdsTable
from odf.table import TableCell, TableHeaderRows

from regiodeal.core.csv_cells import csv_cell
from regiodeal.finance.exports import (
    CSV_FIELDS,
    Column,
    Table,
    _sheet_names,
    build_tables,
    render_export,
)
from regiodeal.finance.selectors import finance_summary
from regiodeal.finance.tests.test_overview import make_money

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def summary():
    with translation.override("en"):
        yield finance_summary(make_money().programme)


def test_the_csv_is_one_long_table_with_plain_decimal_amounts(summary):
    exported = render_export(summary, "csv")
    assert exported.content_type == "text/csv; charset=utf-8"
    text = exported.content.decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == CSV_FIELDS
    rows = list(csv.DictReader(io.StringIO(text)))
    programme = summary.programme
    assert rows[0] == {
        "indeling": "programma",
        "code": programme.slug,
        "naam": programme.name,
        "budget": "2500000.00",
        "toegezegd": "150000.00",
        "verleend": "150000.00",
        "betaald": "80000.00",
        "vastgesteld": "75000.00",
        "vrijgevallen": "25000.00",
        "teruggevorderd": "5000.00",
        "beschikbaar": "2375000.00",
    }
    kinds = [row["indeling"] for row in rows]
    assert kinds == sorted(
        kinds, key=["programma", "pijler", "financier", "gemeente", "jaar"].index
    )
    emmen = next(row for row in rows if row["code"] == "GM0114")
    # A municipality has no budget of its own: those fields stay empty, not zero.
    assert (emmen["budget"], emmen["beschikbaar"]) == ("", "")
    assert (emmen["toegezegd"], emmen["vrijgevallen"]) == ("100000.00", "25000.00")
    years = {row["code"]: row for row in rows if row["indeling"] == "jaar"}
    assert years["2023"]["vastgesteld"] == "75000.00"
    # The funders' parts add up to the programme's figures to the cent.
    funders = [row for row in rows if row["indeling"] == "financier"]
    for field in ("toegezegd", "betaald", "vrijgevallen", "teruggevorderd"):
        assert sum(D(row[field]) for row in funders) == D(rows[0][field]), field


def test_csv_values_are_never_in_exponent_notation():
    assert csv_cell(D("1E+6")) == "1000000.00"
    assert csv_cell(D("-5000.00")) == "-5000.00"
    assert csv_cell(None) == ""
    assert csv_cell("GM0114") == "GM0114"


def test_the_csv_keeps_non_ascii_names_in_utf8(summary):
    summary.programme.name = "Regio Deal Zuid- en Oost-Drenthe – Financiën"
    content = render_export(summary, "csv").content
    assert "Financiën".encode() in content
    assert not content.startswith(b"\xef\xbb\xbf")  # no byte-order mark


def test_the_xlsx_has_a_sheet_per_table_with_euro_numbers_and_a_frozen_header(summary):
    exported = render_export(summary, "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(exported.content))
    tables = build_tables(summary)
    assert workbook.sheetnames == [table.title for table in tables]
    assert workbook.sheetnames[-1] == "Cash-flow forecast"
    for sheet in workbook:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1])
    programme = workbook["Programme"]
    header = [cell.value for cell in programme[1]]
    total = programme.cell(row=2, column=header.index("Programme total") + 1)
    assert total.data_type == "n" and total.value == 2500000
    assert "€" in total.number_format
    funders = workbook["Per funder"]
    header = [cell.value for cell in funders[1]]
    share = funders.cell(row=2, column=header.index("Share") + 1)
    assert share.number_format == "0.0%" and D(str(share.value)) == D("0.6")
    cash_flow = [[cell.value for cell in row] for row in workbook["Cash-flow forecast"]]
    assert cash_flow[1:] == [["2030-K1", 20000, 250000], ["2030-K3", 30000, 0]]


def test_a_name_that_looks_like_a_formula_stays_text(summary):
    pillar = summary.programme.pillars.first()
    pillar.name = '=HYPERLINK("https://example.invalid","klik")'
    pillar.save()
    content = render_export(finance_summary(summary.programme), "xlsx").content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    values = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(content))["Per pillar"]["B"]]
    assert pillar.name in values


def test_the_ods_has_currency_cells_in_euros(summary):
    exported = render_export(summary, "ods")
    assert exported.content_type == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    document = load_ods(io.BytesIO(exported.content))
    sheets = document.spreadsheet.getElementsByType(OdsTable)
    assert [sheet.getAttribute("name") for sheet in sheets] == [
        table.title for table in build_tables(summary)
    ]
    programme = sheets[0]
    header = programme.getElementsByType(TableHeaderRows)[0].getElementsByType(TableCell)
    assert [str(cell) for cell in header][:3] == ["Code", "Programme", "Programme total"]
    total = programme.getElementsByType(TableCell)[len(header) + 2]
    assert total.attributes[(OFFICENS, "value-type")] == "currency"
    assert total.attributes[(OFFICENS, "currency")] == "EUR"
    assert total.attributes[(OFFICENS, "value")] == "2500000.00"
    assert str(total).replace("\u00a0", " ") == "€ 2.500.000"
    title = document.meta.childNodes[0]
    assert str(title) == f"Finances of {summary.programme.name}"


def test_sheet_names_fit_the_spreadsheet_rules():
    column = Column("naam", "Naam", header=True)
    long = "Per gemeente: toegezegd/verleend [vrijval] en meer dan dat"
    tables = [Table("", long, [column]), Table("", long, [column]), Table("", "", [column])]
    names = _sheet_names(tables)
    assert len(set(names)) == 3
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)


def test_an_unknown_format_is_refused_in_dutch(summary):
    with pytest.raises(ValueError, match="Onbekend formaat “pdf”"):
        render_export(summary, "pdf")


def test_downloads_are_attachments_named_after_the_programme(summary, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    slug = summary.programme.slug
    for fmt, content_type in (
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ):
        response = client.get(f"/financien/financien.{fmt}?programma={slug}")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (f'attachment; filename="financien-{slug}.{fmt}"')
