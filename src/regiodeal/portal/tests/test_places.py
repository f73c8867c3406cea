"""Organisation and municipality pages: the right projects and their money, nothing unpublished."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from regiodeal.core.demo import load_demo
from regiodeal.core.money import format_euro
from regiodeal.decisions.tests.factories import make_decision, make_meeting
from regiodeal.finance.project_figures import project_figures
from regiodeal.finance.selectors import finance_summary
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(with_calls=False).programme
        transaction.set_rollback(True)


@pytest.fixture
def client(db) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assertions use the English msgids
    return client


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def unpublished(demo):
    """A project of the Province in Coevorden whose decision is still a draft."""
    project = ProjectFactory(
        programme=demo,
        title="Geheim concept Coevorden",
        slug="geheim-concept",
        lead_organisation=Organisation.objects.get(slug="provincie-drenthe"),
    )
    project.places.add(Municipality.objects.get(code="GM0109"))
    project.partners.add(Organisation.objects.get(slug="vno-ncw-mkb-noord"))
    make_decision(make_meeting(demo), project, amount=Decimal("999999"))
    return project


def test_organisation_page_shows_what_it_leads_partners_in_and_funds(
    demo, unpublished, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        html = _html(client, "/organisaties/provincie-drenthe/")
    assert "Toekomstbestendige bedrijventerreinen" in html
    assert format_euro(Decimal("480000")) in html  # what it leads
    assert format_euro(Decimal("10000000")) in html  # its contribution
    assert "Geheim concept" not in html
    assert format_euro(Decimal("999999")) not in html
    assert "https://identifier.overheid.nl/tooi/id/provincie/pv22" in html

    partner = _html(client, "/organisaties/vno-ncw-mkb-noord/")
    assert "Toekomstbestendige bedrijventerreinen" in partner
    assert "Geheim concept" not in partner
    assert "This organisation leads no published project." in partner

    coevorden = _html(client, "/organisaties/gemeente-coevorden/")
    assert "Haalbaarheidsonderzoek internationaal MBO Coevorden" in coevorden
    # Committed 50.000; the demo settled it at 42.000, so 8.000 went back to the programme.
    assert format_euro(Decimal("50000")) in coevorden
    assert format_euro(Decimal("8000")) in coevorden
    assert format_euro(Decimal("1142347")) in coevorden
    assert 'href="/gemeenten/coevorden/"' in coevorden


def test_municipality_page_shows_its_projects_and_its_share_of_the_money(
    demo, unpublished, client, django_assert_max_num_queries
):
    coevorden = Municipality.objects.get(code="GM0109")
    with django_assert_max_num_queries(25):
        html = _html(client, f"/gemeenten/{coevorden.slug}/")
    expected = Project.objects.public().filter(places=coevorden)
    assert expected.count() >= 3
    for project in expected:
        assert project.title.replace("'", "&#x27;") in html
    assert "Levensloop bestendig wonen" not in html  # a demo project without places
    assert "Geheim concept" not in html
    row = next(r for r in finance_summary(demo).per_municipality if r.key == "GM0109")
    # Each project's money is split equally over its places (the demo records no other shares).
    split = sum(project_figures(project).committed / project.places.count() for project in expected)
    assert abs(row.figures.committed - split) <= Decimal("0.01") * expected.count()
    assert row.figures.committed > Decimal("480000") / 5 + Decimal("50000")
    assert format_euro(row.figures.committed) in html


def test_a_municipality_without_projects_says_so(demo, client):
    assert "No published project takes place" in _html(client, "/gemeenten/amsterdam/")


def test_unknown_organisation_and_municipality_are_not_found(demo, client):
    assert client.get("/organisaties/bestaat-niet/").status_code == 404
    assert client.get("/gemeenten/bestaat-niet/").status_code == 404


def test_project_page_links_to_its_organisations_and_places(demo, client):
    html = _html(client, "/projecten/toekomstbestendige-bedrijventerreinen/")
    assert 'href="/organisaties/provincie-drenthe/"' in html
    assert 'href="/organisaties/vno-ncw-mkb-noord/"' in html
    assert 'href="/gemeenten/coevorden/"' in html


def test_a_municipality_with_many_projects_lists_the_first_and_links_to_all(
    demo, client, monkeypatch
):
    from regiodeal.portal import places

    coevorden = Municipality.objects.get(code="GM0109")
    full = _html(client, f"/gemeenten/{coevorden.slug}/")
    monkeypatch.setattr(places, "MUNICIPALITY_PROJECTS", 1)
    from django.core.cache import cache

    cache.clear()
    short = _html(client, f"/gemeenten/{coevorden.slug}/")
    assert 'href="/projecten/?gemeente=coevorden"' in short
    assert 'href="/projecten/?gemeente=coevorden"' not in full
    # The money is still the municipality's share of all its projects.
    row = next(r for r in finance_summary(demo).per_municipality if r.key == "GM0109")
    assert format_euro(row.figures.committed) in short
