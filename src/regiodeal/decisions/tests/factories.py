"""Factories that go through the services, so test data obeys the same rules as real data."""

import datetime
from decimal import Decimal

from regiodeal.decisions import services
from regiodeal.decisions.constants import DecisionKind
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project


def make_meeting(programme: Programme, date: datetime.date | None = None) -> Meeting:
    return services.create_meeting(programme=programme, date=date or datetime.date(2021, 12, 14))


def make_decision(
    meeting: Meeting,
    project: Project,
    amount: Decimal | None = Decimal("100000.00"),
    kind: str = DecisionKind.NIEUW,
    text: str = "Beschrijving van het besluit.",
    **kwargs,
) -> Decision:
    return services.create_decision(
        meeting=meeting, project=project, kind=kind, amount=amount, text=text, **kwargs
    )


def make_published_list(meeting: Meeting, *decisions: Decision) -> DecisionList:
    for decision in decisions:
        services.adopt_decision(decision, override_reason="")
    return services.publish_besluitenlijst(meeting)


def publish_corrections(date: datetime.date, amount: Decimal, *originals: Decision) -> DecisionList:
    """A meeting on ``date`` that corrects each published decision of ``originals`` to
    ``amount``, adopted and published."""
    meeting = make_meeting(originals[0].meeting.programme, date)
    corrections = [
        services.create_correction(
            original=Decision.objects.get(pk=original.pk),
            meeting=meeting,
            amount=amount,
            text="Het bedrag is gecorrigeerd.",
        )
        for original in originals
    ]
    return make_published_list(meeting, *corrections)
