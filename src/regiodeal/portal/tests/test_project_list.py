"""The project list's hand-written page (project_list.py) shows what the ORM's query shows."""

import datetime
import itertools
from decimal import Decimal

import pytest

from regiodeal.core.pagination import BoundedPaginator
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from regiodeal.portal.project_list import project_list_page
from regiodeal.portal.search import ProjectFilters, search_projects
from regiodeal.programmes.tests.factories import (
    FunderContributionFactory,
    PillarFactory,
    ProgrammeFactory,
    ThemeFactory,
)
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 4
FILTERS = [
    ProjectFilters(),
    ProjectFilters(municipality="coevorden"),
    ProjectFilters(pillar="werken", municipality="emmen"),
    ProjectFilters(programme="twee"),
    ProjectFilters(theme="jeugd"),
    ProjectFilters(year=2021),
    ProjectFilters(status=ProjectStatus.LOPEND),
    ProjectFilters(amount_min=Decimal("150000"), amount_max=Decimal("700000")),
    ProjectFilters(municipality="nergens"),
]
SORTS = ("relevance", "title", "amount", "date")
NUMBERS = (None, "1", "2", "3", "0", "-2", "99", "abc", "2.0")


@pytest.fixture
def portfolio() -> None:
    """Fourteen public projects over two programmes, two pillars, two places and three years,
    with equal amounts and dates among them (the ties the sorts break by title), some with a
    lead organisation, one running; and a project that is not public."""
    programmes = [ProgrammeFactory(slug="een"), ProgrammeFactory(slug="twee")]
    for programme in programmes:
        FunderContributionFactory(programme=programme, amount=Decimal("10000000"))
    pillars = {
        (programme, slug): PillarFactory(
            programme=programme, slug=slug, name=slug.title(), budget=Decimal("5000000")
        )
        for programme in programmes
        for slug in ("werken", "wonen")
    }
    themes = {
        programme: ThemeFactory(programme=programme, slug="jeugd") for programme in programmes
    }
    places = [
        MunicipalityFactory(name="Emmen", slug="emmen"),
        MunicipalityFactory(name="Coevorden", slug="coevorden"),
        MunicipalityFactory(name="Nergens", slug="nergens"),
    ]
    dates = [datetime.date(2021, 12, 14), datetime.date(2022, 6, 1), datetime.date(2023, 3, 2)]
    meetings = {(p, date): make_meeting(p, date) for p in programmes for date in dates}
    decided = {meeting: [] for meeting in meetings.values()}
    for n in range(14):
        programme = programmes[n % 2]
        project = ProjectFactory(
            programme=programme,
            pillar=pillars[programme, ("werken", "wonen")[n % 3 == 0]],
            title=f"{('Kanaal', 'Vakkracht', 'Zorg')[n % 3]} {n % 5}",
            lead_organisation=OrganisationFactory() if n % 2 else None,
        )
        project.places.set(places[: 1 + n % 2])
        if n % 3 == 1:
            project.themes.set([themes[programme]])
        meeting = meetings[programme, dates[n % 3]]
        amount = Decimal(100_000 * (1 + n % 7))
        decided[meeting].append(make_decision(meeting, project, amount=amount))
    for meeting, decisions in decided.items():
        make_published_list(meeting, *decisions)
    running = Project.objects.filter(title__startswith="Kanaal")
    running.update(status=ProjectStatus.LOPEND)
    ProjectFactory(programme=programmes[0], title="Nog niet besloten").places.set(places)


def _shown(page) -> tuple:
    """What the list template reads of a page."""
    projects = tuple(
        (
            project.pk,
            project.title,
            project.get_absolute_url(),
            project.get_status_display(),
            project.amount,
            project.pillar.name if project.pillar else None,
            project.lead_organisation.name if project.lead_organisation else None,
            tuple(place.name for place in project.places.all()),
            project.summary,
        )
        for project in page
    )
    paginator = page.paginator
    return (
        page.number,
        paginator.count,
        paginator.num_pages,
        paginator.count_is_exact,
        page.has_next(),
        page.has_previous(),
        projects,
    )


def _through_orm(filters: ProjectFilters, number) -> tuple:
    paginator = BoundedPaginator(search_projects("", filters), PER_PAGE)
    return _shown(paginator.get_page(number))


def _by_hand(filters: ProjectFilters, number) -> tuple:
    return _shown(project_list_page(filters, number, PER_PAGE))


def test_every_filter_sort_and_page_shows_what_the_orm_shows(portfolio):
    nonempty = 0
    for filters, sort, number in itertools.product(FILTERS, SORTS, NUMBERS):
        filters = ProjectFilters(**{**filters.__dict__, "sort": sort})
        expected = _through_orm(filters, number)
        assert _by_hand(filters, number) == expected, (filters, number)
        nonempty += bool(expected[-1])
    # Not an agreement on empty pages: most combinations show projects.
    assert nonempty > len(FILTERS) * len(SORTS) * len(NUMBERS) // 2


def test_a_list_longer_than_the_bound_is_paged_in_its_own_order(portfolio, monkeypatch):
    """Past max_rows the first query's sample is not the list's head: the page is read again."""
    assert Project.objects.public().count() > 5
    monkeypatch.setattr(BoundedPaginator, "max_rows", 5)
    for sort, number in itertools.product(SORTS, (None, "2", "3", "0")):
        filters = ProjectFilters(sort=sort)
        expected = _through_orm(filters, number)
        assert expected[3] is False  # the count is not exact
        assert _by_hand(filters, number) == expected, (sort, number)


def test_a_page_is_read_in_two_queries(portfolio, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = project_list_page(ProjectFilters(municipality="coevorden"), "2", PER_PAGE)
        shown = _shown(page)
    assert shown[-1]


def test_a_page_past_the_end_shows_the_last_page(portfolio):
    page = project_list_page(ProjectFilters(), "1000", PER_PAGE)
    assert page.number == page.paginator.num_pages > 1
    assert len(page) >= 1


def test_a_page_number_too_large_for_the_database_shows_the_last_page(portfolio):
    huge = "9" * 30
    page = project_list_page(ProjectFilters(), huge, PER_PAGE)
    assert page.number == page.paginator.num_pages > 1
    assert _by_hand(ProjectFilters(sort="amount"), huge) == _through_orm(
        ProjectFilters(sort="amount"), huge
    )
