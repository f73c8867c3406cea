"""Test data for the finance app, made through the services like real data."""

import datetime
from decimal import Decimal

from regiodeal.decisions.models import Decision
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.finance import services
from regiodeal.finance.models import GrantDecision
from regiodeal.organisations.tests.factories import OrganisationFactory
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory


def make_funded_project(
    *,
    pillar_budget: Decimal = Decimal("1000000"),
    contributions: tuple[Decimal, ...] = (Decimal("1500000"), Decimal("1000000")),
) -> Project:
    project = ProjectFactory(pillar__budget=pillar_budget, lead_organisation=OrganisationFactory())
    for amount in contributions:
        FunderContributionFactory(programme=project.programme, amount=amount)
    return project


def make_published_decision(
    project: Project, amount: Decimal = Decimal("100000"), date: datetime.date | None = None
) -> Decision:
    meeting = make_meeting(project.programme, date or datetime.date(2021, 12, 14))
    decision = make_decision(meeting, project, amount=amount)
    make_published_list(meeting, decision)
    decision.refresh_from_db()
    return decision


def make_grant(
    decision: Decision,
    *,
    eligible_costs: Decimal = Decimal("200000"),
    percentage: Decimal = Decimal("50"),
    maximum: Decimal | None = None,
    schedule=((datetime.date(2022, 3, 1), Decimal("80"), None),),
    issue: bool = True,
) -> GrantDecision:
    grant = services.create_grant(
        decision,
        eligible_costs=eligible_costs,
        subsidy_percentage=percentage,
        maximum_amount=maximum,
        date=datetime.date(2022, 2, 1),
        conditions="De subsidie wordt besteed aan het project.",
        reporting_duties="Halfjaarlijkse voortgangsrapportage.",
        schedule=list(schedule),
    )
    return services.issue_grant(grant) if issue else grant
