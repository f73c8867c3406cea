"""The public project page's own read path gives what the ORM's read of the same project gives."""

import datetime
from decimal import Decimal as D

import pytest

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.finance.project_figures import project_figures
from regiodeal.finance.tests.factories import make_funded_project, make_grant
from regiodeal.finance.tests.factories import make_published_decision as publish
from regiodeal.monitoring import services
from regiodeal.monitoring.models import Milestone, ProjectLead, ReportedValue
from regiodeal.monitoring.selectors import project_monitoring
from regiodeal.monitoring.tests.factories import indicator_with_period, open_report
from regiodeal.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from regiodeal.portal.project_page import project_page
from regiodeal.programmes.tests.factories import ThemeFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _accepted_report(project, *, status: str, progress: int, lessons: str, milestone=None):
    report = open_report(project)
    report.status, report.progress, report.narrative = status, progress, "Verslag."
    report.lessons_learned = lessons
    report.save()
    if milestone is not None:
        report.milestones_reached.add(milestone)
    for period in services.reportable_periods(report):
        ReportedValue.objects.create(report=report, period=period, value=D(70))
    lead = UserFactory()
    ProjectLead.objects.create(project=project, user=lead)
    services.submit_report(report, user=lead)
    return services.accept_report(report, user=UserFactory(is_staff=True))


@pytest.fixture
def project():
    project = make_funded_project()
    project.themes.add(ThemeFactory(programme=project.programme, name="Lerende regio"))
    project.partners.add(OrganisationFactory(name="Zorggroep"), OrganisationFactory(name="Acme"))
    project.places.add(MunicipalityFactory(name="Emmen"), MunicipalityFactory(name="Coevorden"))
    decision = publish(project, D("250000"), datetime.date(2021, 12, 14))
    publish(project, D("50000.50"), datetime.date(2022, 6, 1))
    make_grant(decision)
    indicator_with_period(project, baseline="40", target="100")
    milestone = Milestone.objects.create(
        project=project, title="Eerste pilot", planned_date=datetime.date(2022, 5, 1), weight=2
    )
    Milestone.objects.create(
        project=project, title="Tweede pilot", planned_date=datetime.date(2023, 5, 1)
    )
    _accepted_report(
        project, status="op_schema", progress=40, lessons="Begin klein.", milestone=milestone
    )
    draft = open_report(project, due=datetime.date(2023, 1, 1))
    draft.lessons_learned = "Nog niet geaccepteerd: nooit openbaar."
    draft.save()
    # A public extension with money and progress of its own, and one not public yet.
    extension = ProjectFactory(programme=project.programme, parent=project, title="Vervolg")
    publish(extension, D("100000"), datetime.date(2023, 3, 1))
    _accepted_report(extension, status="risico", progress=80, lessons="")
    ProjectFactory(programme=project.programme, parent=project, title="Aanvraag")
    return Project.objects.get(pk=project.pk)


def test_the_page_reads_what_the_orm_reads(project):
    page = project_page(project.slug)
    expected = project_monitoring(project)

    assert page.project.title == project.title
    assert page.project.programme.name == project.programme.name
    assert page.project.pillar.name == project.pillar.name
    assert page.project.lead_organisation.slug == project.lead_organisation.slug
    assert [t.name for t in page.themes] == ["Lerende regio"]
    assert [p.name for p in page.partners] == ["Acme", "Zorggroep"]
    assert [p.name for p in page.places] == ["Coevorden", "Emmen"]
    assert [(d.pk, d.amount, d.meeting.date) for d in page.decisions] == [
        (d.pk, d.amount, d.meeting.date)
        for d in project.decisions.published().order_by("meeting__date", "position")
    ]
    assert all(d.meeting.besluitenlijst.title for d in page.decisions)
    assert page.money == project_figures(project)
    assert page.money.granted > 0

    monitoring = page.monitoring
    assert (monitoring.status, monitoring.progress, monitoring.own_progress) == (
        expected.status,
        expected.progress,
        expected.own_progress,
    )
    assert monitoring.progress != monitoring.own_progress  # the extension counts
    assert monitoring.timeline == expected.timeline
    assert monitoring.lessons == expected.lessons == [(datetime.date(2022, 6, 30), "Begin klein.")]
    assert [(r.indicator.title, r.period.pk, r.achievement) for r in monitoring.indicators] == [
        (r.indicator.title, r.period.pk, r.achievement) for r in expected.indicators
    ]
    assert [e.title for e in page.public_extensions] == ["Vervolg"]


def test_the_page_reads_in_a_fixed_number_of_queries(project, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        page = project_page(project.slug)
        str(page.decisions[0].get_absolute_url())
        [row.indicator.result.get_kind_display() for row in page.monitoring.indicators]


def test_a_project_without_a_published_decision_is_not_found():
    hidden = ProjectFactory()
    with pytest.raises(Project.DoesNotExist):
        project_page(hidden.slug)


def test_an_extension_links_its_parent_only_when_that_is_public(project):
    extension = Project.objects.get(title="Vervolg")
    assert project_page(extension.slug).parent.pk == project.pk

    hidden_parent = ProjectFactory(programme=project.programme)
    extension.parent = hidden_parent
    extension.save()
    assert project_page(extension.slug).parent is None


def test_the_public_page_never_shows_an_unaccepted_report(project, client):
    response = client.get(f"/projecten/{project.slug}/")
    assert response.status_code == 200
    assert "Begin klein." in response.content.decode()
    assert "nooit openbaar" not in response.content.decode()
