"""Test data for monitoring."""

import datetime
from decimal import Decimal

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.monitoring.constants import Measure, ResultKind
from regiodeal.monitoring.models import (
    BroadProsperityTheme,
    Indicator,
    IndicatorPeriod,
    ProgressReport,
    ProjectLead,
    Result,
)
from regiodeal.projects.tests.factories import ProjectFactory


def project_with_lead(**kwargs):
    project = ProjectFactory(**kwargs)
    lead = UserFactory()
    ProjectLead.objects.create(project=project, user=lead)
    return project, lead


def indicator_with_period(project, *, baseline="40", target="100") -> IndicatorPeriod:
    result = Result.objects.create(project=project, kind=ResultKind.OUTCOME, title="Meer banen")
    indicator = Indicator.objects.create(
        result=result,
        title="Banen in de regio",
        unit="banen",
        measure=Measure.NUMBER,
        baseline_value=Decimal(baseline),
        baseline_year=2021,
    )
    indicator.broad_prosperity.set(BroadProsperityTheme.objects.filter(slug="arbeid-en-vrije-tijd"))
    return IndicatorPeriod.objects.create(
        indicator=indicator,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
        target=Decimal(target),
    )


def open_report(project, *, due=datetime.date(2022, 7, 1)) -> ProgressReport:
    return ProgressReport.objects.create(
        project=project,
        period_start=datetime.date(2022, 1, 1),
        period_end=due - datetime.timedelta(days=1),
        due_date=due,
    )
