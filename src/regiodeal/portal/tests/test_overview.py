"""The search page's hand-written queries (PostgreSQL) find what the ORM's queries find."""

import pytest
from django.db import connection

from regiodeal.core.demo import load_demo
from regiodeal.portal import overview
from regiodeal.portal.search import KIND_DECISION, KIND_LESSON, KIND_PROJECT, ranked
from regiodeal.portal.search import ProjectFilters as Filters

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own read path"),
]


def _through_orm(kind: str, query: str, filters: Filters | None) -> list[tuple]:
    queryset, ties = overview._orm_queryset(kind, filters)
    found = ranked(queryset, kind, query, limit=overview.OVERVIEW_RANKED)
    return [(row.pk, round(row.rank, 6)) for row in found.order_by("-rank", *ties)[:21]]


def _by_hand(kind: str, query: str, filters: Filters | None) -> list[tuple]:
    return [
        (row.pk, round(row.rank, 6)) for row in overview._best_on_postgres(kind, query, filters, 21)
    ]


def test_each_kind_is_found_and_ranked_as_through_the_orm():
    load_demo(with_calls=False)
    compared = 0
    for kind in (KIND_PROJECT, KIND_DECISION, KIND_LESSON):
        for filters in (None, Filters(municipality="coevorden"), Filters(pillar="werken")):
            for query in ("arbeidsmarkt", "jeugd", "project", "de regio"):
                expected = _through_orm(kind, query, filters)
                assert _by_hand(kind, query, filters) == expected, (kind, filters, query)
                compared += bool(expected)
    # Not an agreement on empty results: most combinations find something.
    assert compared >= 18


def test_what_the_page_shows_of_each_result_is_loaded(django_assert_max_num_queries):
    load_demo(with_calls=False)
    with django_assert_max_num_queries(3):
        results = overview.search("project")
        shown = [
            *((p.title, p.get_absolute_url(), p.pillar.name, p.amount) for p in results.projects),
            *((d.heading, d.meeting.slug, d.meeting.date, d.amount) for d in results.decisions),
            *((r.project.title, r.project.slug, r.period_start) for r in results.lessons),
        ]
    assert results.projects and results.decisions and shown
