"""Dutch full-text search: stemming, ranking, publicness and the index kept current."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from regiodeal.core.demo import load_demo
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.monitoring.constants import ReportState
from regiodeal.monitoring.models import ProgressReport
from regiodeal.portal.overview import search
from regiodeal.portal.search import (
    KIND_PROJECT,
    ProjectFilters,
    ranked,
    rebuild_index,
    search_projects,
    stems,
)
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PROGRAMME = "zuid-en-oost-drenthe"
LABOUR = "360-graden-arbeidsmarkt-excellente-vakkrachten"
YOUTH = "monitoren-en-leren-van-jeugdprojecten"


@pytest.fixture
def demo_programme():
    return load_demo(with_calls=False).programme


def publish(project: Project, amount: str = "100000", date: datetime.date | None = None):
    FunderContributionFactory(programme=project.programme, amount=Decimal("10000000"))
    meeting = make_meeting(project.programme, date)
    decision = make_decision(meeting, project, amount=Decimal(amount))
    make_published_list(meeting, decision)
    return decision


def slugs(query: str, **filters) -> list[str]:
    return [project.slug for project in search_projects(query, ProjectFilters(**filters))]


def test_dutch_stemming_makes_plural_and_singular_one_word():
    assert stems("vakkrachten") == stems("vakkracht") == ["vakkracht"]
    assert stems("Jeugdprojecten, ARBEIDSMARKT!") == ["jeugdproject", "arbeidsmark"]


def test_demo_searches_find_the_right_projects(demo_programme):
    assert LABOUR in slugs("arbeidsmarkt")
    assert YOUTH in slugs("jeugd")
    # The seed speaks of `vakkrachten`; the singular finds it through the stem.
    assert slugs("vakkracht")[0] == LABOUR
    both = slugs("arbeidsmarkt vakkrachten Coevorden")
    assert both[0] == LABOUR and YOUTH not in both
    assert slugs("geenwoordzoalsditinhetseed") == []


def test_relevance_puts_the_project_about_the_subject_first(demo_programme):
    found = slugs("arbeidsmarkt")
    assert found[0] == LABOUR
    ranks = [project.rank for project in search_projects("arbeidsmarkt")]
    assert ranks == sorted(ranks, reverse=True)


def test_project_list_and_search_page_use_the_search(demo_programme, client):
    body = client.get("/projecten/?q=vakkracht").content.decode()
    assert "360-graden arbeidsmarkt" in body
    assert "Monitoren en leren van jeugdprojecten" not in body
    page = client.get("/zoeken/?q=jeugd")
    assert page.status_code == 200
    assert "Monitoren en leren van jeugdprojecten" in page.content.decode()


def test_search_finds_published_decisions_and_lessons_of_public_projects(demo_programme):
    results = search("arbeidsmarkt")
    assert LABOUR in [decision.project.slug for decision in results.decisions]
    labour = Project.objects.get(slug=LABOUR)
    ProgressReport.objects.create(
        project=labour,
        period_start=datetime.date(2030, 1, 1),
        period_end=datetime.date(2030, 6, 30),
        due_date=datetime.date(2030, 7, 1),
        state=ReportState.GEACCEPTEERD,
        lessons_learned="Grensoverschrijdende stages vragen om tweetalige begeleiders.",
    )
    ProgressReport.objects.create(
        project=labour,
        period_start=datetime.date(2030, 7, 1),
        period_end=datetime.date(2030, 12, 31),
        due_date=datetime.date(2031, 1, 1),
        state=ReportState.INGEDIEND,
        lessons_learned="Nog niet geaccepteerd: tweetalige mentoren ontbreken.",
    )
    lessons = search("tweetalig").lessons
    assert [report.state for report in lessons] == [ReportState.GEACCEPTEERD]
    assert "Grensoverschrijdende stages" in lessons[0].lessons_learned


def test_unpublished_work_is_found_only_once_published(db):
    project = ProjectFactory(title="Waterstofbussen voor Emmen", slug="waterstof")
    FunderContributionFactory(programme=project.programme, amount=Decimal("10000000"))
    meeting = make_meeting(project.programme)
    decision = make_decision(meeting, project, text="Waterstofbussen rijden in 2023.")
    assert slugs("waterstof") == []
    assert search("waterstofbussen").count == 0
    make_published_list(meeting, decision)
    assert slugs("waterstof") == ["waterstof"]
    results = search("waterstofbussen")
    assert [d.pk for d in results.decisions] == [decision.pk]


def test_index_follows_changes_and_deletions(db):
    project = ProjectFactory(title="Fietspad langs het kanaal", slug="fietspad")
    publish(project)
    assert slugs("kanaal") == ["fietspad"]
    project.title = "Fietspad door het bos"
    project.save()
    assert slugs("kanaal") == []
    assert slugs("bos") == ["fietspad"]


def test_search_words_that_look_like_query_syntax_are_harmless(db):
    project = ProjectFactory(title="Zorg NEAR de wijk", slug="zorg")
    publish(project)
    for query in [
        '"',
        "AND",
        "zorg OR",
        "wijk*",
        "(zorg",
        "NOT wijk",
        "a:b",
        "zorg & | !",
        "a_b",
        "_",
        "de",
    ]:
        search_projects(query).count()
        search(query)
    assert slugs('"zorg" (wijk)') == ["zorg"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes exist on PostgreSQL")
def test_postgresql_uses_the_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The match itself, without the publicness joins the planner may prefer to start from.
        plan = ranked(Project.objects.all(), KIND_PROJECT, "vakkracht").explain()
    assert "portal_project_vector_gin" in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite")
def test_sqlite_index_can_be_rebuilt_from_the_records(db):
    project = ProjectFactory(title="Zonneweide bij Sleen", slug="zon")
    publish(project)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_search")
    assert slugs("zonneweide") == []
    assert rebuild_index() >= 2  # the project and its decision
    assert slugs("zonneweide") == ["zon"]


def test_a_word_in_very_many_projects_ranks_a_bounded_sample(db, monkeypatch):
    from regiodeal.portal import search as search_module

    for number in range(5):
        publish(ProjectFactory(title=f"Zorg in het dorp {number}", slug=f"zorg-{number}"))
    monkeypatch.setattr(search_module, "MAX_RANKED", 2)
    # The sample plus the one match that tells there are more.
    assert len(search_projects("zorg")) == 3
    monkeypatch.setattr(search_module, "MAX_PER_KIND", 2)  # the search page reads it there
    results = search("zorg")
    assert len(results.projects) == 2 and "project" in results.more


def test_equal_ranks_are_ordered_by_title_and_decisions_by_date_newest_first(db):
    # The same text, so the same rank: the order comes from the tie-breaking columns, which the
    # ranking reads with the ids and orders in Python.
    for title in ("Zorg Cc", "Zorg Aa", "Zorg Bb"):
        publish(ProjectFactory(title=title, summary="", description=""))
    assert [p.title for p in search_projects("zorg")] == ["Zorg Aa", "Zorg Bb", "Zorg Cc"]
    found = search_projects("zorg")
    assert found[0].title == "Zorg Aa" and found[-1].title == "Zorg Cc"
    assert [p.title for p in found[1:]] == ["Zorg Bb", "Zorg Cc"]

    project = ProjectFactory(title="Dijkversterking", summary="", description="")
    FunderContributionFactory(programme=project.programme, amount=Decimal("10000000"))
    for year in (2022, 2024, 2023):
        meeting = make_meeting(project.programme, datetime.date(year, 3, 1))
        decision = make_decision(meeting, project, text="Dijkversterking bij de sluis.")
        make_published_list(meeting, decision)
    dates = [d.meeting.date.year for d in search("dijkversterking").decisions]
    assert dates == [2024, 2023, 2022]
