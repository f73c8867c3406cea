"""The December 2021 besluitenlijst: published through the services, and as a plain document."""

import datetime
from decimal import Decimal

import pytest

from regiodeal.decisions import services
from regiodeal.decisions.constants import DecisionKind
from regiodeal.decisions.models import DecisionList, Meeting
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.decisions.wording import amount_sentence
from regiodeal.programmes.tests.factories import (
    FunderContributionFactory,
    PillarFactory,
    ProgrammeFactory,
)
from regiodeal.projects.tests.factories import ProjectFactory
from regiodeal.publishing.besluitenlijst import (
    BesluitenlijstDocument,
    DocumentItem,
    split_paragraphs,
)

PROGRAMME = "Regio Deal Zuid- en Oost-Drenthe"
INTRODUCTION = (
    "Een paar keer per jaar neemt onze stuurgroep besluiten over nieuwe of de "
    "uitbreiding/vervolg van bestaande projecten.\n\n"
    "Onderstaand treft u een overzicht aan van de nieuwste projecten waarover besloten is."
)
# A title with everything that trips up HTML, XML and Markdown at once.
AWKWARD_TITLE = "Jongeren & werk < 27 jaar; regio’s €-fonds"
# (title, text, amount, conditions); the amount sentence is added by build_document.
DECISIONS = [
    (
        "Toekomstbestendige bedrijventerreinen",
        "Toekomstbestendige bedrijventerreinen dragen bij aan een aantrekkelijk "
        "vestigingsklimaat.\nDit gebeurt op zes pilot-locaties verspreid over Zuid- en "
        "Oost-Drenthe.",
        Decimal("480000"),
        "",
    ),
    (
        "Haalbaarheidsonderzoek internationaal MBO Coevorden",
        "Internationaal beroepsonderwijs draagt bij aan brede welvaart in de grensregio.",
        Decimal("50000"),
        "De gemeente Coevorden rapporteert\nhalfjaarlijks aan de stuurgroep.",
    ),
    (
        "360-graden arbeidsmarkt; excellente vakkrachten voor de (EU)Regio",
        "We ontwikkelen 2 binationale mbo-curricula.",
        Decimal("375000"),
        "",
    ),
    (AWKWARD_TITLE, "Een fonds van € 2 miljoen voor jongeren & werkgevers.", Decimal("167500"), ""),
]
EXPECTED_AMOUNTS = ["480.000 euro", "50.000 euro", "375.000 euro", "167.500 euro"]


@pytest.fixture
def programme():
    programme = ProgrammeFactory(name=PROGRAMME, decision_list_introduction=INTRODUCTION)
    FunderContributionFactory(programme=programme, amount=Decimal("40000000"))
    return programme


@pytest.fixture
def published_list(programme) -> DecisionList:
    pillar = PillarFactory(programme=programme, budget=None)
    meeting = make_meeting(programme, datetime.date(2021, 12, 14))
    decisions = [
        make_decision(
            meeting,
            ProjectFactory(programme=programme, pillar=pillar, title=title),
            amount=amount,
            text=text,
            title=title,
            conditions=conditions,
        )
        for title, text, amount, conditions in DECISIONS
    ]
    return make_published_list(meeting, *decisions)


@pytest.fixture
def unpublished_meeting(programme) -> Meeting:
    """A meeting whose decision is adopted but whose list has not been published."""
    meeting = make_meeting(programme, datetime.date(2022, 3, 15))
    project = ProjectFactory(programme=programme)
    services.adopt_decision(make_decision(meeting, project, amount=Decimal("70000")))
    return meeting


# Published 20 December 2021 at 10:00 in Amsterdam.
PUBLISHED_AT = datetime.datetime(2021, 12, 20, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def sample_document() -> BesluitenlijstDocument:
    """The document as build_document makes it from DECISIONS, without a database.

    Renderers only read this structure, so their tests need no database and can share one
    (slow) PDF per module.
    """
    items = []
    for number, (title, text, amount, conditions) in enumerate(DECISIONS, start=1):
        paragraphs = list(split_paragraphs(text))
        paragraphs[-1] += f" {amount_sentence(DecisionKind.NIEUW, amount)}"
        items.append(
            DocumentItem(
                anchor=f"besluit-{number}",
                heading=title,
                paragraphs=tuple(paragraphs),
                conditions=conditions,
            )
        )
    return BesluitenlijstDocument(
        slug="december-2021",
        title="Besluitenlijst december 2021",
        programme=PROGRAMME,
        meeting_title="Stuurgroep december 2021",
        meeting_date=datetime.date(2021, 12, 14),
        published_at=PUBLISHED_AT,
        introduction=split_paragraphs(INTRODUCTION),
        items=tuple(items),
    )
