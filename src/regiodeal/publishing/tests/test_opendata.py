"""The open data page and its downloads: one builder of tables behind every format."""

import csv
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from regiodeal.core.demo import load_demo
from regiodeal.decisions.models import Decision
from regiodeal.finance.selectors import finance_summary
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory
from regiodeal.publishing.opendata.tables import DATASETS, FORMATS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(with_calls=False).programme
        transaction.set_rollback(True)


def download(client: Client, dataset: str, fmt: str):
    response = client.get(reverse("opendata:download", args=[dataset, fmt]))
    assert response.status_code == 200
    return response


def csv_rows(client: Client, dataset: str) -> list[dict[str, str]]:
    text = download(client, dataset, "csv").content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_page_lists_every_file_the_licence_and_the_last_update(demo, client):
    response = client.get("/open-data/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1")
    hrefs = {link["href"] for link in page.find_all("a", href=True)}
    for dataset in DATASETS:
        for fmt in FORMATS:
            assert f"/open-data/{dataset}.{fmt}" in hrefs
    assert "/open-data/360giving.json" in hrefs
    licence = page.find("a", rel="license")
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in licence.get_text()
    last_update = page.find("time")
    assert last_update is not None and last_update["datetime"]


def test_page_shows_cc0_when_configured(demo, client, settings):
    settings.REGIODEAL_OPEN_DATA_LICENCE = "CC0-1.0"
    page = BeautifulSoup(client.get("/open-data/").content, "html.parser")
    assert page.find("a", rel="license")["href"] == (
        "https://creativecommons.org/publicdomain/zero/1.0/"
    )


def test_an_unknown_licence_is_a_configuration_error(db, client, settings):
    settings.REGIODEAL_OPEN_DATA_LICENCE = "GPL"
    with pytest.raises(ImproperlyConfigured, match=re.escape("CC-BY-4.0, CC0-1.0")):
        client.get("/open-data/")


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_dataset_downloads_in_every_format(demo, client, dataset, fmt):
    response = download(client, dataset, fmt)
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{dataset}.{fmt}"'
    if fmt in ("xlsx", "ods"):
        assert zipfile.is_zipfile(io.BytesIO(response.content))


@pytest.mark.parametrize("path", ["/open-data/projecten.pdf", "/open-data/geheim.csv"])
def test_unknown_dataset_or_format_is_not_found(db, client, path):
    assert client.get(path).status_code == 404


def test_downloads_are_read_only(db, client):
    assert client.post("/open-data/projecten.csv").status_code == 405


def test_projects_csv_has_the_public_projects_only(demo, client):
    hidden = ProjectFactory(programme=demo, title="Nog niet besloten project")
    rows = csv_rows(client, "projecten")
    assert len(rows) == Project.objects.public().count() == 5
    assert hidden.slug not in {row["slug"] for row in rows}
    by_title = {row["titel"]: row for row in rows}
    terrains = by_title["Toekomstbestendige bedrijventerreinen"]
    assert terrains["besloten_bedrag"] == "480000.00"
    assert terrains["penvoerder"] == "Provincie Drenthe"
    assert "GM0109" in terrains["gemeenten_cbs"].split(";")
    assert terrains["url"].startswith("http://testserver/")


def test_decisions_csv_has_every_published_decision_with_its_amount(demo, client):
    rows = csv_rows(client, "besluiten")
    published = Decision.objects.published()
    assert {row["id"]: row["bedrag"] for row in rows} == {
        str(decision.pk): f"{decision.amount:.2f}" for decision in published
    }
    assert {row["besluitenlijst"] for row in rows} == {"december-2021"}
    assert {row["datum"] for row in rows} == {"2021-12-15"}


def test_money_csv_has_the_figures_of_the_finance_summary(demo, client):
    rows = csv_rows(client, "financien")
    summary = finance_summary(demo)
    programme_row = next(row for row in rows if row["indeling"] == "programma")
    assert programme_row["programma"] == "zuid-en-oost-drenthe"
    assert Decimal(programme_row["toegezegd"]) == summary.figures.committed
    assert Decimal(programme_row["budget"]) == summary.total
    pillars = [row for row in rows if row["indeling"] == "pijler"]
    assert [row["code"] for row in pillars] == [row.key for row in summary.per_pillar]
    funders = {row["naam"]: row for row in rows if row["indeling"] == "financier"}
    assert Decimal(funders["Rijksoverheid"]["budget"]) == Decimal("20000000.00")
    assert {row["indeling"] for row in rows} >= {"programma", "pijler", "financier", "gemeente"}


@pytest.mark.parametrize("dataset", DATASETS)
def test_json_xlsx_and_ods_hold_the_same_records_as_the_csv(demo, client, dataset):
    rows = csv_rows(client, dataset)
    data = json.loads(download(client, dataset, "json").content)
    assert data["dataset"] == dataset
    assert data["licentie"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["velden"] == list(rows[0].keys())
    assert [
        {key: "" if value is None else value for key, value in record.items()}
        for record in data["records"]
    ] == rows

    sheet = load_workbook(io.BytesIO(download(client, dataset, "xlsx").content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == data["velden"]
    assert len(values) == len(rows) + 1

    ods = zipfile.ZipFile(io.BytesIO(download(client, dataset, "ods").content))
    content = ods.read("content.xml").decode("utf-8")
    assert content.count("<table:table-row") == len(rows) + 1


def test_json_amounts_are_decimal_strings(demo, client):
    data = json.loads(download(client, "besluiten", "json").content)
    amounts = {record["titel"]: record["bedrag"] for record in data["records"]}
    assert amounts["Toekomstbestendige bedrijventerreinen"] == "480000.00"


def test_xlsx_amounts_are_numbers(demo, client):
    sheet = load_workbook(io.BytesIO(download(client, "besluiten", "xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    amounts = [row[header.index("bedrag")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert Decimal("480000") in [Decimal(str(amount)) for amount in amounts]


@pytest.mark.parametrize(
    ("dataset", "most"), [("projecten", 4), ("besluiten", 1), ("financien", 20)]
)
def test_query_count_is_bounded(demo, client, django_assert_max_num_queries, dataset, most):
    # The money is a fixed number of queries per programme, whatever the number of decisions.
    with django_assert_max_num_queries(most):
        download(client, dataset, "csv")


def test_page_query_count_is_bounded(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/open-data/")
