"""Filters, sorting and pagination of the project search, alone and combined."""

import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regiodeal.decisions.tests.factories import (
    make_decision,
    make_meeting,
    make_published_list,
    publish_corrections,
)
from regiodeal.organisations.tests.factories import MunicipalityFactory
from regiodeal.portal import views
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

Y2021, Y2022 = datetime.date(2021, 12, 14), datetime.date(2022, 6, 1)


def publish(project: Project, amount: str, date: datetime.date) -> None:
    meeting = make_meeting(project.programme, date)
    make_published_list(meeting, make_decision(meeting, project, amount=Decimal(amount)))


@pytest.fixture
def world():
    """Two programmes sharing a pillar slug and a theme slug; projects spread over places, years,
    amounts and statuses; one project that is not public."""
    one, two = ProgrammeFactory(slug="een"), ProgrammeFactory(slug="twee")
    for programme in (one, two):
        FunderContributionFactory(programme=programme, amount=Decimal("10000000"))
    werken = {p: PillarFactory(programme=p, slug="werken", name="Werken") for p in (one, two)}
    wonen = PillarFactory(programme=one, slug="wonen", name="Wonen")
    jeugd = {p: ThemeFactory(programme=p, slug="jeugd", name="Jeugd") for p in (one, two)}
    emmen = MunicipalityFactory(code="GM0114", name="Emmen", slug="emmen")
    coevorden = MunicipalityFactory(code="GM0109", name="Coevorden", slug="coevorden")

    def make(slug, programme, pillar, title, themes=(), places=()):
        project = ProjectFactory(programme=programme, pillar=pillar, slug=slug, title=title)
        project.themes.set(themes)
        project.places.set(places)
        return project

    a = make("a", one, werken[one], "Vakkrachten over de grens", [jeugd[one]], [emmen, coevorden])
    publish(a, "100000", Y2021)
    b = make("b", one, wonen, "Wonen aan het kanaal", [], [coevorden])
    publish(b, "100000", Y2021)
    publish(b, "400000", Y2022)
    c = make("c", two, werken[two], "Kanaal en vakkracht", [jeugd[two]], [emmen])
    publish(c, "250000", Y2022)
    Project.objects.filter(pk=c.pk).update(status=ProjectStatus.LOPEND)
    make("d", one, werken[one], "Vakkrachten in concept", [jeugd[one]], [emmen])
    return {
        "a": dict(prog="een", pillar="werken", themes={"jeugd"}, places={"emmen", "coevorden"},
                  years={2021}, amount=100000, words={"vakkracht", "grens"}),
        "b": dict(prog="een", pillar="wonen", themes=set(), places={"coevorden"},
                  years={2021, 2022}, amount=500000, words={"kanaal", "wonen"}),
        "c": dict(prog="twee", pillar="werken", themes={"jeugd"}, places={"emmen"},
                  years={2022}, amount=250000, words={"kanaal", "vakkracht"}),
    }  # fmt: skip


def expected(world: dict, q: str, f: ProjectFilters) -> set[str]:
    statuses = {slug: Project.objects.get(slug=slug).status for slug in world}
    return {
        slug
        for slug, p in world.items()
        if (not q or q in p["words"])
        and (not f.programme or p["prog"] == f.programme)
        and (not f.pillar or p["pillar"] == f.pillar)
        and (not f.theme or f.theme in p["themes"])
        and (not f.municipality or f.municipality in p["places"])
        and (not f.year or f.year in p["years"])
        and (not f.status or statuses[slug] == f.status)
        and (f.amount_min is None or p["amount"] >= f.amount_min)
        and (f.amount_max is None or p["amount"] <= f.amount_max)
    }


def test_every_combination_of_filters_gives_exactly_the_matching_projects(world):
    options = itertools.product(
        ["", "kanaal", "vakkracht"],
        ["", "twee"],
        ["", "werken"],
        ["", "jeugd"],
        ["", "emmen"],
        [None, 2022],
        ["", ProjectStatus.LOPEND],
        [None, Decimal("200000")],
        [None, Decimal("300000")],
    )
    for q, prog, pillar, theme, place, year, status, low, high in options:
        filters = ProjectFilters(
            programme=prog,
            pillar=pillar,
            theme=theme,
            municipality=place,
            year=year,
            status=status,
            amount_min=low,
            amount_max=high,
        )
        found = [p.slug for p in search_projects(q, filters)]
        assert len(found) == len(set(found)), (q, filters)
        assert set(found) == expected(world, q, filters), (q, filters)


def test_sorting(world):
    def order(sort: str, q: str = "") -> list[str]:
        return [p.slug for p in search_projects(q, ProjectFilters(sort=sort))]

    assert order("amount") == ["b", "c", "a"]
    assert order("title") == ["c", "a", "b"]
    assert order("date")[:2] in (["b", "c"], ["c", "b"]) and order("date")[2] == "a"
    assert set(order("relevance", "kanaal")) == {"b", "c"}
    amounts = [p.amount for p in search_projects("", ProjectFilters(sort="amount"))]
    assert amounts == [Decimal("500000"), Decimal("250000"), Decimal("100000")]


def test_filters_in_the_page_combine_and_paginate(world, client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first = client.get("/projecten/?q=kanaal&sortering=amount").content.decode()
    assert "Wonen aan het kanaal" in first and "Kanaal en vakkracht" not in first
    assert "pagina=2" in first and "q=kanaal" in first
    second = client.get("/projecten/?q=kanaal&sortering=amount&pagina=2").content.decode()
    assert "Kanaal en vakkracht" in second and "Wonen aan het kanaal" not in second
    body = client.get("/projecten/?pillar=werken&theme=jeugd&gemeente=emmen&jaar=2021").content
    body = body.decode()
    assert "Vakkrachten over de grens" in body
    assert "Kanaal en vakkracht" not in body and "Vakkrachten in concept" not in body


def test_bad_amount_range_is_refused_with_a_message_and_other_filters_still_apply(world, client):
    body = client.get("/projecten/?bedrag_van=300000&bedrag_tot=1000&gemeente=emmen").content
    body = body.decode()
    assert 'role="alert"' in body
    assert "Vakkrachten over de grens" in body and "Wonen aan het kanaal" not in body


def test_filter_choices_show_only_what_public_projects_use(world, client):
    body = client.get("/projecten/").content.decode()
    assert body.count('value="werken"') == 1  # one choice for the slug both programmes use
    assert 'value="wonen"' in body and 'value="twee"' in body


def test_search_form_is_usable_by_keyboard(world, client):
    for url in ("/projecten/", "/zoeken/?q=kanaal"):
        body = client.get(url).content.decode()
        start = body.index('<form class="filters"')
        form = body[start : body.index("</form>", start)]
        assert form.count("<fieldset>") == form.count("<legend>") >= 3
        ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form)
        labels = set(re.findall(r'<label for="([^"]+)"', form))
        assert ids and set(ids) <= labels
        assert '<button type="submit">' in form
        assert 'tabindex="-' not in form


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_no_query_per_result(world, client):
    urls = ["/projecten/", "/projecten/?q=vakkracht&sortering=amount", "/zoeken/?q=kanaal"]
    before = [_queries(client, url) for url in urls]
    programme = Project.objects.get(slug="c").programme
    emmen = Project.objects.get(slug="c").places.get()
    for n in range(5):
        project = ProjectFactory(programme=programme, title=f"Kanaal vakkracht {n}")
        project.places.add(emmen)
        publish(project, "1000", Y2022)
    assert [_queries(client, url) for url in urls] == before


def test_search_page_narrows_decisions_by_the_project_filters(world, client):
    body = client.get("/zoeken/?q=kanaal&programme=een&bedrag_van=400000").content.decode()
    assert "Wonen aan het kanaal" in body and "Kanaal en vakkracht" not in body
    assert client.get("/zoeken/?q=kanaal&bedrag_tot=1").content.decode().count("<h3>") == 0


def test_a_corrected_decision_counts_once_in_the_amount(client):
    # 100.000 decided, then corrected to 90.000: the project is decided at 90.000, not 190.000.
    project = ProjectFactory(pillar__budget=Decimal("500000"), title="Fietspad", slug="fietspad")
    FunderContributionFactory(programme=project.programme, amount=Decimal("1000000"))
    meeting = make_meeting(project.programme, Y2021)
    original = make_decision(meeting, project, amount=Decimal("100000"))
    make_published_list(meeting, original)
    publish_corrections(Y2022, Decimal("90000"), original)

    (found,) = search_projects("", ProjectFilters())
    assert found.amount == Decimal("90000")
    assert list(search_projects("", ProjectFilters(amount_min=Decimal("100000")))) == []
    assert "€\u00a090.000" in client.get("/projecten/").content.decode()
