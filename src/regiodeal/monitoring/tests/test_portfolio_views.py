"""The public portfolio, learning and lesson pages, and the monitoring block of a project page.

The demo is loaded once per module inside a transaction that is rolled back at the end. Pages
are read in English (the msgids) so the assertions do not depend on the Dutch catalogue.
"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regiodeal.core.demo import load_demo
from regiodeal.core.money import format_euro, format_share
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.monitoring import learning, views
from regiodeal.monitoring.models import InterventionElement, Milestone
from regiodeal.monitoring.selectors import portfolio
from regiodeal.monitoring.tests.factories import indicator_with_period
from regiodeal.organisations.models import Municipality
from regiodeal.projects.tests.factories import ProjectFactory

SLUG = "zuid-en-oost-drenthe"
# Table id on the page per grouping of portfolio().
GROUPS = {
    "pijlers": "per_pillar",
    "themas": "per_theme",
    "brede-welvaart": "per_broad_prosperity",
    "gemeenten": "per_municipality",
}
STATUS_COLUMNS = ["op_schema", "risico", "vertraagd", "afgerond", "nog_geen_rapportage"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo().programme
        transaction.set_rollback(True)


@pytest.fixture
def client(db) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def cells(row) -> list[str]:
    return [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]


def assert_accessible_charts(page: BeautifulSoup) -> int:
    """Every chart is an image with a title and description, and a data table follows it."""
    charts = page.select("figure svg")
    for svg in charts:
        assert svg["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get_text().strip() and desc.get_text().strip()
        assert set(svg["aria-labelledby"].split()) == {title["id"], desc["id"]}
        table = svg.find_parent("figure").find_next("table")
        assert table is not None and table.caption.get_text().strip()
    return len(charts)


# ---------------------------------------------------------------------------- portfolio


def test_the_portfolio_tables_say_what_portfolio_computes(demo, client, db):
    expected = portfolio(demo, public=True)
    page = page_of(client.get(reverse("monitoring:portfolio"), {"programma": SLUG}))

    assert page.h1.get_text() == "Portfolio of Regio Deal Zuid- en Oost-Drenthe"
    for table_id, attribute in GROUPS.items():
        rows = getattr(expected, attribute)
        shown = page.find("table", id=f"tabel-{table_id}").tbody.find_all("tr")
        assert [tr["data-key"] for tr in shown] == [row.key for row in rows]
        for tr, row in zip(shown, rows, strict=True):
            statuses = [str(row.statuses.get(status, 0)) for status in STATUS_COLUMNS]
            achievement = "–" if row.achievement is None else format_share(row.achievement)
            assert cells(tr) == [
                row.name,
                " ".join(format_euro(row.committed).split()),
                str(row.projects),
                *statuses,
                achievement,
            ]
    # Worked figures of the demo: Werken holds three projects and € 905.000, and the
    # broad-prosperity theme Veiligheid none.
    pillars = page.find("table", id="tabel-pijlers")
    assert cells(pillars.find("tr", attrs={"data-key": "werken"}))[:3] == [
        "Werken",
        "€ 905.000",
        "3",
    ]
    safety = page.find("table", id="tabel-brede-welvaart").find(
        "tr", attrs={"data-key": "veiligheid"}
    )
    assert cells(safety)[1:3] == ["€ 0", "0"]
    projects = page.find("table", id="tabel-projecten").tbody.find_all("tr")
    assert len(projects) == len(expected.projects) == 5


def test_every_portfolio_chart_has_a_text_alternative_and_a_table(demo, client, db):
    page = page_of(client.get(reverse("monitoring:portfolio"), {"programma": SLUG}))
    assert assert_accessible_charts(page) == len(GROUPS) + 1
    first = page.select("figure svg")[0]
    assert first.find("title").get_text() == "Committed per pillar"
    assert "Werken: € 905.000" in " ".join(first.find("desc").get_text().split())


def add_monitored_projects(programme, count: int) -> None:
    """More public projects with an indicator, a milestone and an element each."""
    meeting = make_meeting(programme, datetime.date(2022, 3, 8))
    pillar = programme.pillars.order_by("position").first()
    element = InterventionElement.objects.get(slug="pilot")
    projects = [ProjectFactory(programme=programme, pillar=pillar) for _ in range(count)]
    make_published_list(
        meeting, *(make_decision(meeting, p, amount=Decimal("10000")) for p in projects)
    )
    for project in projects:
        indicator_with_period(project)
        Milestone.objects.create(project=project, title="Start", planned_date=meeting.date)
        project.places.set(Municipality.objects.filter(code__in=["GM0114", "GM0109"]))
        element.projects.add(project)


@pytest.mark.parametrize(
    "url",
    [f"/portfolio/?programma={SLUG}", "/leren/", "/leren/lessen/?q=inwoners"],
)
def test_the_pages_need_as_many_queries_however_many_projects(demo, client, db, url):
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    add_monitored_projects(demo, 3)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before) <= 20


def test_an_unknown_programme_is_not_found(demo, client, db):
    response = client.get(reverse("monitoring:portfolio"), {"programma": "bestaat-niet"})
    assert response.status_code == 404


def test_without_any_programme_the_portfolio_says_none_is_set_up(client, monkeypatch):
    # The demo of this module may be loaded already; a site without programmes is simulated.
    monkeypatch.setattr(views, "default_public_programme", lambda: None)
    page = page_of(client.get(reverse("monitoring:portfolio")))
    assert "No programme has been set up yet." in page.get_text()


def test_the_portfolio_shows_only_public_projects(demo, client, db):
    page = page_of(
        client.get(reverse("monitoring:portfolio"), {"programma": "zuid-en-oost-drenthe-ii"})
    )
    assert "No public projects yet." in page.find("table", id="tabel-projecten").get_text()


# ----------------------------------------------------------------------------- learning


def test_the_learning_page_shows_each_element_with_how_its_projects_fare(
    demo, client, db, django_assert_max_num_queries
):
    expected = {row.element.slug: row for row in learning.intervention_elements()}
    with django_assert_max_num_queries(15):
        page = page_of(client.get(reverse("monitoring:learning")))
    rows = page.find("table", id="tabel-elementen").tbody.find_all("tr")
    assert [tr["data-key"] for tr in rows][:2] == ["pilot", "binationaal"]  # the most frequent
    for tr in rows:
        row = expected[tr["data-key"]]
        shown = cells(tr)
        assert shown[:2] == [row.element.name, str(row.count)]
        assert shown[2:7] == [str(row.statuses.get(s, 0)) for s in STATUS_COLUMNS]
    # Pilot: three projects, one each on schedule, at risk and delayed.
    assert cells(rows[0])[:7] == ["Pilot", "3", "1", "1", "1", "0", "0"]
    assert assert_accessible_charts(page) == 1


def test_the_lessons_can_be_searched_and_the_words_found_are_marked(demo, client, db):
    page = page_of(client.get(reverse("monitoring:lessons"), {"q": "netcongestie"}))
    found = page.select("ol.results li")
    assert len(found) == 1
    assert [mark.get_text() for mark in found[0].find_all("mark")] == ["Netcongestie"]
    assert found[0].find("a").get_text() == "Toekomstbestendige bedrijventerreinen"
    assert "1 lesson found for “netcongestie”." in page.get_text()


def test_without_a_query_every_accepted_lesson_is_listed(demo, client, db):
    page = page_of(client.get(reverse("monitoring:lessons")))
    assert len(page.select("ol.results li")) == len(learning.lessons()) == 7
    # The report still open on Toekomstbestendige bedrijventerreinen says nothing here.
    assert "Vijf van de zes plannen" not in page.get_text()


def test_more_lessons_than_are_counted_says_so(demo, client, db, monkeypatch):
    from regiodeal.core.pagination import BoundedPaginator

    monkeypatch.setattr(BoundedPaginator, "max_rows", 3)
    page = page_of(client.get(reverse("monitoring:lessons")))
    assert "More than 3 lessons" in page.get_text()
    assert len(page.select("ol.results li")) == 3


def test_a_search_without_matches_says_so(demo, client, db):
    page = page_of(client.get(reverse("monitoring:lessons"), {"q": "ruimtevaart"}))
    assert not page.select("ol.results li")
    assert "0 lessons found for “ruimtevaart”." in page.get_text()


# -------------------------------------------------------------------------- project page


def test_the_project_page_shows_status_progress_timeline_results_and_lessons(
    demo, client, db, django_assert_max_num_queries
):
    url = reverse("portal:project", args=["toekomstbestendige-bedrijventerreinen"])
    with django_assert_max_num_queries(30):
        page = page_of(client.get(url))
    block = page.find("section", attrs={"aria-labelledby": "voortgang"})
    text = " ".join(block.get_text().split())
    assert "Implementation status At risk" in text
    progress = block.find("progress")
    assert (progress["value"], progress["max"]) == ("45", "100")
    assert "45%" in text
    timeline = [" ".join(li.get_text().split()) for li in block.select("ol.timeline li")]
    assert timeline[0] == "15 December 2021 – Decision: Toekomstbestendige bedrijventerreinen"
    assert "12 April 2022 – Milestone reached: Zes pilotlocaties gekozen" in timeline
    assert (
        timeline[-1]
        == "31 December 2023 – Milestone planned: Uitvoeringsplannen voor alle zes locaties"
    )
    rows = {cells(tr)[0]: cells(tr) for tr in block.find("table").tbody.find_all("tr")}
    pilots = rows["Pilotlocaties met een uitvoeringsplan (locaties)"]
    assert pilots[2:5] == ["0 (2021)", "3", "2"] and pilots[-1] == "66,7%"
    assert "Netcongestie bepaalt het tempo meer dan de plannen zelf." in text
    assert "Vijf van de zes plannen zijn klaar." not in page.get_text()  # not accepted yet
    # The money block of the finance helper stays.
    assert page.find("section", attrs={"aria-labelledby": "geld"}) is not None


def test_the_project_page_names_similar_projects(demo, client, db):
    url = reverse("portal:project", args=["360-graden-arbeidsmarkt-excellente-vakkrachten"])
    page = page_of(client.get(url))
    similar = page.find("section", attrs={"aria-labelledby": "vergelijkbaar"})
    assert [a.get_text() for a in similar.select("li a")] == [
        "Haalbaarheidsonderzoek internationaal MBO Coevorden"
    ]


def test_a_project_without_monitoring_shows_no_empty_block(client, db):
    from regiodeal.finance.tests.factories import make_funded_project, make_published_decision

    project = make_funded_project()
    make_published_decision(project)
    page = page_of(client.get(project.get_absolute_url()))
    assert page.find("section", attrs={"aria-labelledby": "voortgang"}) is not None
    assert "No accepted progress report yet" in page.get_text()
    assert page.find("progress") is None
    assert page.find("section", attrs={"aria-labelledby": "vergelijkbaar"}) is None
