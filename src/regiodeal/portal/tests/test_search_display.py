"""The search page's rows: the facts and texts the template used to put together."""

import datetime
from decimal import Decimal

from django.utils import translation

from regiodeal.decisions.models import Decision, Meeting
from regiodeal.monitoring.models import ProgressReport
from regiodeal.portal.search_display import decision_rows, lesson_rows, project_rows
from regiodeal.programmes.models import Pillar
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project


def _project(**values) -> Project:
    project = Project(slug="kanaal", title="Kanaal & co", status=ProjectStatus.LOPEND, **values)
    project.amount = values.get("decided_amount")
    return project


def test_a_project_row_names_its_pillar_status_and_amount_when_it_has_them():
    with_all = _project(pillar=Pillar(name="Werken"), decided_amount=Decimal("480000"))
    with_all.summary = " ".join(["woord"] * 45)
    bare = _project(summary="")
    with translation.override("nl"):
        full, plain = project_rows([with_all, bare])
    assert full["url"] == "/projecten/kanaal/" and full["title"] == "Kanaal & co"
    assert full["facts"] == "Pijler: Werken · Status: lopend · Besloten: €\xa0480.000"
    assert full["text"] == " ".join(["woord"] * 40) + " …"
    assert plain["facts"] == "Status: lopend" and plain["text"] is None


def test_a_decision_row_falls_back_to_its_projects_title_and_shows_a_zero_amount():
    meeting = Meeting(slug="stuurgroep-2021-12-14", date=datetime.date(2021, 12, 14))
    decision = Decision(meeting=meeting, project=_project(), title="", amount=Decimal("0"))
    decision.text = "Toegekend."
    with translation.override("en"):
        (row,) = decision_rows([decision])
    assert row["title"] == "Kanaal & co"
    assert row["url"] == "/besluitenlijsten/stuurgroep-2021-12-14/"
    assert row["facts"] == "Steering group, 14 December 2021 · €\xa00"
    assert row["text"] == "Toegekend."


def test_a_lesson_row_names_the_period_of_its_report():
    report = ProgressReport(
        project=_project(),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 6, 30),
        lessons_learned="Vroeg beginnen.",
    )
    with translation.override("nl"):
        (row,) = lesson_rows([report])
    assert row["facts"] == "Voortgangsrapportage 1 januari 2022 tot 30 juni 2022"
    assert row["url"] == "/projecten/kanaal/" and row["text"] == "Vroeg beginnen."
