import datetime
from decimal import Decimal

import pytest

from regiodeal.decisions import services
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.organisations.tests.factories import MunicipalityFactory
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM-CONCEPT-7f3a"


@pytest.fixture
def portfolio():
    """One published project and two that are not: a draft and an adopted-unpublished one."""
    published = ProjectFactory(title="Fietspad langs het kanaal", slug="fietspad")
    programme = published.programme
    FunderContributionFactory(programme=programme, amount=Decimal("2000000"))
    emmen = MunicipalityFactory(code="GM0114", name="Emmen", slug="emmen")
    published.places.add(emmen)
    meeting = make_meeting(programme)
    make_published_list(meeting, make_decision(meeting, published, amount=Decimal("250000")))

    later = make_meeting(programme, datetime.date(2022, 3, 8))
    draft = ProjectFactory(programme=programme, title=f"Concept {SECRET}", slug="concept-x")
    make_decision(later, draft, amount=Decimal("123456"), text=f"Tekst {SECRET}")
    adopted = ProjectFactory(
        programme=programme, pillar=published.pillar, title=f"Vastgesteld {SECRET}", slug="vast-y"
    )
    services.adopt_decision(make_decision(later, adopted, amount=Decimal("77777")))
    return {"published": published, "draft": draft, "adopted": adopted, "later": later}


def test_unpublished_work_never_shows_to_the_public(portfolio, client):
    pages = [
        "/",
        "/projecten/",
        "/projecten/?q=Vastgesteld",
        "/projecten/?q=Concept",
        "/besluitenlijsten/",
        "/besluitenlijsten/december-2021/",
        "/projecten/fietspad/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
        assert "77.777" not in body and "123.456" not in body, url
    assert client.get("/projecten/concept-x/").status_code == 404
    assert client.get("/projecten/vast-y/").status_code == 404
    assert client.get(f"/besluitenlijsten/{portfolio['later'].slug}/").status_code == 404
    fmt_url = f"/besluitenlijsten/{portfolio['later'].slug}/besluitenlijst.pdf"
    assert client.get(fmt_url).status_code == 404


def test_home_committed_counts_published_decisions_only(portfolio, client):
    body = client.get("/").content.decode().replace("\u00a0", " ")
    assert "€ 250.000" in body
    assert "€ 327.777" not in body


def test_project_filters_combine(portfolio, client):
    other = ProjectFactory(
        programme=portfolio["published"].programme, title="Zorg in de wijk", slug="zorg"
    )
    meeting = make_meeting(other.programme, datetime.date(2022, 6, 1))
    make_published_list(meeting, make_decision(meeting, other, amount=Decimal("10000")))

    def titles(query: str) -> str:
        return client.get(f"/projecten/{query}").content.decode()

    everything = titles("")
    assert "Fietspad langs het kanaal" in everything and "Zorg in de wijk" in everything
    by_place = titles("?gemeente=emmen")
    assert "Fietspad langs het kanaal" in by_place and "Zorg in de wijk" not in by_place
    by_text = titles("?q=wijk")
    assert "Zorg in de wijk" in by_text and "Fietspad" not in by_text
    by_pillar = titles(f"?pillar={other.pillar.slug}&q=fietspad")
    assert "Fietspad" not in by_pillar and "Zorg in de wijk" not in by_pillar
    by_status = titles("?status=besloten&gemeente=emmen")
    assert "Fietspad langs het kanaal" in by_status


def test_bad_filter_values_give_a_message_not_an_error(portfolio, client):
    response = client.get("/projecten/?status=onbekend&gemeente=nergens&pagina=999")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_unknown_download_format_is_not_found(portfolio, client):
    assert client.get("/besluitenlijsten/december-2021/besluitenlijst.exe").status_code == 404


def test_project_page_lists_its_published_decisions(portfolio, client):
    body = client.get("/projecten/fietspad/").content.decode().replace("\u00a0", " ")
    assert "Besluitenlijst december 2021" in body
    assert "€ 250.000" in body


def test_site_is_dutch_whatever_the_browser_asks_and_english_on_request(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()


def test_stylesheet_is_served(client, db):
    response = client.get("/")
    assert 'href="/static/regiodeal/site.css"' in response.content.decode()
    stylesheet = client.get("/static/regiodeal/site.css")
    assert stylesheet.status_code == 200


def test_municipality_filter_offers_places_of_public_projects_only(portfolio, client):
    hidden = MunicipalityFactory(code="GM0109", name="Coevorden", slug="coevorden")
    portfolio["draft"].places.add(hidden)
    body = client.get("/projecten/").content.decode()
    assert 'value="emmen"' in body
    assert 'value="coevorden"' not in body


def test_a_very_long_project_list_is_counted_only_so_far(portfolio, client, monkeypatch):
    from regiodeal.core.pagination import BoundedPaginator

    assert client.get("/projecten/").context["page"].paginator.count_is_exact
    monkeypatch.setattr(BoundedPaginator, "max_rows", 0)
    response = client.get("/projecten/?pagina=7")
    assert response.status_code == 200
    assert response.context["page"].paginator.count_is_exact is False
    assert response.context["page"].number == 1


def test_the_archive_pages_through_many_lists(portfolio, client, monkeypatch):
    from regiodeal.portal import views

    assert "pagina=2" not in client.get("/besluitenlijsten/").content.decode()
    later = portfolio["published"]
    for month in (3, 6):
        meeting = make_meeting(later.programme, datetime.date(2023, month, 1))
        make_published_list(meeting, make_decision(meeting, later, amount=Decimal("1000")))
    monkeypatch.setattr(views, "ARCHIVE_PAGE_SIZE", 2)
    from django.core.cache import cache

    cache.clear()
    first = client.get("/besluitenlijsten/").content.decode()
    second = client.get("/besluitenlijsten/?pagina=2").content.decode()
    assert "juni 2023" in first and "pagina=2" in first
    assert "december 2021" in second and "juni 2023" not in second
