"""The national overview, each programme's own home, and the home page with many programmes."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regiodeal.decisions import services
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.organisations.tests.factories import MunicipalityFactory, ProvinceFactory
from regiodeal.programmes.selectors import committed_per_province, programme_overview
from regiodeal.programmes.tests.factories import FunderContributionFactory, ProgrammeFactory
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Queries of the overview pages, whatever the number of programmes.
QUERY_BUDGET = 12


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Pages of one test must not come from another test's cache.
    settings.REGIODEAL_PAGE_CACHE = False


def text(response) -> str:
    return response.content.decode().replace("\u00a0", " ")


def published_programme(n: int, *, amount=Decimal("100000"), places=(), **fields):
    """A programme with a contribution and one project decided in a published list."""
    programme = ProgrammeFactory(
        name=f"Regio Deal Proef {n}", slug=f"proef-{n}", region=f"Regio {n}", **fields
    )
    FunderContributionFactory(programme=programme, amount=Decimal("1000000"))
    project = ProjectFactory(programme=programme, title=f"Project van proef {n}")
    project.places.set(places)
    meeting = make_meeting(programme, datetime.date(2021, 12, 14))
    make_published_list(meeting, make_decision(meeting, project, amount=amount))
    return programme


@pytest.fixture
def two_programmes():
    drenthe = ProvinceFactory(code="PV22", name="Drenthe")
    groningen = ProvinceFactory(code="PV20", name="Groningen")
    emmen = MunicipalityFactory(code="GM0114", name="Emmen", slug="emmen", province=drenthe)
    coevorden = MunicipalityFactory(
        code="GM0109", name="Coevorden", slug="coevorden", province=drenthe
    )
    stad = MunicipalityFactory(
        code="GM0014", name="Groningen", slug="groningen", province=groningen
    )
    first = published_programme(
        1, amount=Decimal("300000"), places=[emmen, coevorden], primary_colour="#123456"
    )
    second = published_programme(2, amount=Decimal("50000"), places=[stad], link_colour="#abcdef")
    return first, second


def test_overview_counts_published_decisions_and_corrections_replace_what_they_correct(
    two_programmes,
):
    first, _second = two_programmes
    decision = first.meetings.get().decisions.get()
    later = make_meeting(first, datetime.date(2022, 3, 8))
    correction = services.create_correction(
        original=decision, meeting=later, amount=Decimal("200000"), text="Lager bedrag."
    )
    make_published_list(later, correction)
    # An adopted, unpublished decision does not count.
    draft_meeting = make_meeting(first, datetime.date(2022, 6, 1))
    services.adopt_decision(make_decision(draft_meeting, decision.project, kind="uitbreiding"))
    ProgrammeFactory(slug="nothing-published")  # not listed

    lines = {line.programme.slug: line for line in programme_overview().programmes}
    assert set(lines) == {"proef-1", "proef-2"}
    assert lines["proef-1"].committed == Decimal("200000.00")
    assert lines["proef-1"].total == Decimal("1000000.00")
    assert lines["proef-1"].public_projects == 1
    assert lines["proef-2"].committed == Decimal("50000.00")


def test_money_per_province_splits_each_project_over_its_places(two_programmes):
    places = committed_per_province()
    provinces = {line.province.name: line for line in places.provinces}
    assert provinces["Drenthe"].committed == Decimal("300000.00")
    assert {m.municipality.slug: m.committed for m in provinces["Drenthe"].municipalities} == {
        "emmen": Decimal("150000.00"),
        "coevorden": Decimal("150000.00"),
    }
    assert provinces["Groningen"].committed == Decimal("50000.00")
    assert places.total == Decimal("350000.00")


def test_national_overview_page(two_programmes, client):
    response = client.get("/programmas/")
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    assert 'href="/programmas/proef-1/"' in body and 'href="/programmas/proef-2/"' in body
    assert "Regio 1" in body and "€ 350.000" in body
    assert "<caption>" in body
    assert 'href="/gemeenten/emmen/"' in body and 'href="/gemeenten/groningen/"' in body
    assert 'action="/zoeken/"' in body and '<option value="proef-2">' in body


def test_programme_home_shows_its_own_look_budget_and_lists(two_programmes, client):
    first, _second = two_programmes
    response = client.get("/programmas/proef-1/")
    assert response.status_code == 200
    body = text(response)
    assert body.count("<h1") == 1
    assert "--basis-color-action-1-inverse-bg-default: #123456" in body
    assert '<a class="brand" href="/">Regio Deal Proef 1</a>' in body
    pillar = first.pillars.get()
    assert f"?programme=proef-1&amp;pillar={pillar.slug}" in body  # the budget per pillar
    assert f'href="/projecten/?programme={first.slug}"' in body
    assert '<input type="hidden" name="programme" value="proef-1">' in body
    assert first.meetings.get().besluitenlijst.get_absolute_url() in body

    other = text(client.get("/programmas/proef-2/"))
    assert "#123456" not in other
    assert "--utrecht-link-color: #abcdef" in other


def test_programme_logo_replaces_the_site_logo(two_programmes, client):
    first, _second = two_programmes
    first.logo = "/media/logo-proef.svg"
    first.save()
    body = text(client.get("/programmas/proef-1/"))
    assert 'src="/media/logo-proef.svg" alt="Regio Deal Proef 1"' in body


def test_unknown_or_unpublished_programme_is_not_found(two_programmes, client):
    ProgrammeFactory(slug="nog-niets")
    assert client.get("/programmas/bestaat-niet/").status_code == 404
    assert client.get("/programmas/nog-niets/").status_code == 404


def test_home_becomes_the_overview_with_several_published_programmes(two_programmes, client):
    body = text(client.get("/"))
    assert body.count("<h1") == 1
    assert 'href="/programmas/proef-1/"' in body and 'href="/programmas/proef-2/"' in body
    assert 'action="/zoeken/"' in body
    assert "Besluitenlijst december 2021" in body


def test_home_stays_the_programme_budget_with_one_programme(client):
    published_programme(1)
    body = text(client.get("/"))
    assert '<h1 id="programma-proef-1">Regio Deal Proef 1</h1>' in body
    assert 'href="/programmas/proef-1/"' not in body


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/programmas/", "/programmas/proef-1/"])
def test_pages_do_a_fixed_number_of_queries(two_programmes, client, url):
    province = ProvinceFactory(code="PV21", name="Friesland")
    before = _queries(client, url)
    for n in range(3, 9):
        published_programme(n, places=[MunicipalityFactory(province=province)])
    after = _queries(client, url)
    assert after == before


@pytest.mark.parametrize("url", ["/", "/programmas/", "/programmas/proef-1/"])
def test_pages_stay_within_the_query_budget(
    two_programmes, client, url, django_assert_max_num_queries
):
    for n in range(3, 30):
        published_programme(n)
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code == 200


def test_the_home_lists_only_the_most_recent_programmes_of_many(client, monkeypatch):
    from regiodeal.portal import views_programmes
    from regiodeal.synthetic.load import generate

    generate(programmes=3, projects=12, decisions=30, seed=4)
    monkeypatch.setattr(views_programmes, "HOME_PROGRAMMES", 2)
    html = client.get("/").content.decode()
    assert html.count('href="/programmas/regio-deal-') == 2
    assert "3" in html and "/programmas/" in html
