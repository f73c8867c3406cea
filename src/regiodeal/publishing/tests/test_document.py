"""The besluitenlijst document built from the database: what each decision says, in few queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regiodeal.decisions.tests.factories import (
    make_decision,
    make_meeting,
    make_published_list,
    publish_corrections,
)
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory
from regiodeal.publishing.besluitenlijst import build_document, published_document

pytestmark = pytest.mark.django_db


def _published_correction(count: int):
    """A list of ``count`` decisions, then a later list that corrects each of them."""
    first = ProjectFactory(pillar__budget=Decimal("5000000"), title="Eerste project")
    programme = first.programme
    FunderContributionFactory(programme=programme, amount=Decimal("10000000"))
    meeting = make_meeting(programme)
    originals = [
        make_decision(
            meeting,
            ProjectFactory(programme=programme, pillar=first.pillar, title=f"Project {n}"),
            amount=Decimal("100000"),
        )
        for n in range(count)
    ]
    original_list = make_published_list(meeting, *originals)
    return original_list, publish_corrections(
        datetime.date(2022, 3, 8), Decimal("90000"), *originals
    )


def test_a_correction_names_what_it_replaces_and_its_amount():
    original_list, correcting_list = _published_correction(1)
    (item,) = build_document(correcting_list).items
    assert item.heading == "Project 0"
    assert item.paragraphs == (
        "Het bedrag is gecorrigeerd. Dit besluit corrigeert en vervangt het besluit over "
        f"\u201cProject 0\u201d in de {original_list.title[0].lower()}{original_list.title[1:]}. "
        "Hiervoor is een bijdrage van 90.000 euro beschikbaar gesteld.",
    )


@pytest.mark.parametrize("count", [1, 4])
def test_the_document_reads_its_decisions_in_one_query(count):
    _, correcting_list = _published_correction(count)
    correcting_list.refresh_from_db()
    correcting_list.meeting.programme  # noqa: B018 - the list's own rows are the caller's
    with CaptureQueriesContext(connection) as queries:
        document = build_document(correcting_list)
    assert len(document.items) == count
    assert len(queries) == 1


def test_renaming_a_project_leaves_its_published_decisions_as_published():
    project = ProjectFactory(pillar__budget=Decimal("500000"), title="Fietspad langs het kanaal")
    FunderContributionFactory(programme=project.programme, amount=Decimal("1000000"))
    meeting = make_meeting(project.programme)
    besluitenlijst = make_published_list(
        meeting, make_decision(meeting, project, title="", amount=Decimal("50000"))
    )
    project.title = "Fietspad langs de vaart"
    project.save()
    (item,) = build_document(besluitenlijst).items
    assert item.heading == "Fietspad langs het kanaal"


def test_a_published_list_is_worded_once_until_public_data_changes():
    original_list, correcting_list = _published_correction(2)
    first = published_document(original_list)
    with CaptureQueriesContext(connection) as queries:
        again = published_document(original_list)
    assert again == first
    assert not [q for q in queries if "decisions_decision" in q["sql"]]

    project = ProjectFactory(programme=original_list.meeting.programme, title="Nieuw project")
    later = make_meeting(project.programme, date=datetime.date(2022, 6, 1))
    make_published_list(later, make_decision(later, project, amount=Decimal("50000")))
    with CaptureQueriesContext(connection) as queries:
        assert published_document(original_list) == first
    assert [q for q in queries if "decisions_decision" in q["sql"]]  # built anew, the same
    assert published_document(correcting_list).items != first.items
