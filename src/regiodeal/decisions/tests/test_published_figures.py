"""Each project keeps what its published decisions say: the amount that counts and the date of
the latest. Publication sets them; the migration filled them for what was published before."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from regiodeal.decisions import services
from regiodeal.decisions.models import Decision
from regiodeal.decisions.selectors import published_figures
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

DEC_2021, MAR_2022 = datetime.date(2021, 12, 14), datetime.date(2022, 3, 8)


@pytest.fixture
def corrected():
    """100.000 decided in December 2021, corrected to 90.000 in March 2022."""
    project = ProjectFactory(pillar__budget=Decimal("500000"))
    FunderContributionFactory(programme=project.programme, amount=Decimal("1000000"))
    meeting = make_meeting(project.programme, DEC_2021)
    original = make_decision(meeting, project, amount=Decimal("100000"))
    make_published_list(meeting, original)
    project.refresh_from_db()
    assert (project.decided_amount, project.last_decided_on) == (Decimal("100000"), DEC_2021)
    later = make_meeting(project.programme, MAR_2022)
    correction = services.create_correction(
        original=Decision.objects.get(pk=original.pk), meeting=later, amount=Decimal("90000"),
        text="Het bedrag is gecorrigeerd.",
    )  # fmt: skip
    services.adopt_decision(correction)
    project.refresh_from_db()
    assert project.decided_amount == Decimal("100000")  # adopted is not published yet
    services.publish_besluitenlijst(later)
    return project


def test_publication_keeps_the_amount_that_counts_and_the_latest_date(corrected):
    corrected.refresh_from_db()
    assert (corrected.decided_amount, corrected.last_decided_on) == (Decimal("90000"), MAR_2022)
    assert published_figures([corrected.pk]) == {corrected.pk: (Decimal("90000"), MAR_2022)}
    # An audited change, like every change to a project.
    assert corrected.history.first().decided_amount == Decimal("90000")


def test_the_migration_fills_what_was_published_before(corrected):
    unpublished = ProjectFactory(programme=corrected.programme)
    Project.objects.update(decided_amount=Decimal(0), last_decided_on=None)
    migration = importlib.import_module("regiodeal.projects.migrations.0003_published_figures")
    migration.fill_published_figures(apps, None)
    corrected.refresh_from_db()
    unpublished.refresh_from_db()
    assert (corrected.decided_amount, corrected.last_decided_on) == (Decimal("90000"), MAR_2022)
    assert (unpublished.decided_amount, unpublished.last_decided_on) == (Decimal(0), None)
