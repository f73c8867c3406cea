"""CSV cells: amounts as decimal text, and nothing a spreadsheet would run as a formula."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from regiodeal.core.csv_cells import csv_cell
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory


def test_values_become_plain_text():
    assert csv_cell(None) == ""
    assert csv_cell(Decimal("480000")) == "480000.00"
    assert csv_cell(Decimal("-1250.5")) == "-1250.50"  # an amount, not text: no apostrophe
    assert csv_cell(datetime.date(2021, 12, 15)) == "2021-12-15"
    assert csv_cell(12) == "12"
    assert csv_cell("Zorg in het dorp") == "Zorg in het dorp"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_would_start_a_formula_is_marked_as_text(start):
    assert csv_cell(f'{start}HYPERLINK("https://example.org")') == (
        f'\'{start}HYPERLINK("https://example.org")'
    )


@pytest.mark.django_db
def test_the_open_data_csv_carries_a_formula_title_as_text_and_the_json_as_it_is(client):
    project = ProjectFactory(title='=HYPERLINK("https://example.org","klik")')
    FunderContributionFactory(programme=project.programme, amount=Decimal("10000000"))
    meeting = make_meeting(project.programme)
    make_published_list(meeting, make_decision(meeting, project))
    response = client.get("/open-data/projecten.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert [row["titel"] for row in rows] == [f"'{project.title}"]
    records = client.get("/open-data/projecten.json").json()["records"]
    assert [record["titel"] for record in records] == [project.title]
