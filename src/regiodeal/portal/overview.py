"""The search page: the best projects, published decisions and lessons learned for a query.

On PostgreSQL each kind is ranked and fetched by one hand-written query (core.sql): the ORM
spent about 30 ms composing the three ranked queries and building their instances at a national
instance's scale, where the database needs about 15 ms. On SQLite the ORM builds them, and the
FTS5 ranking is read in a step of its own (search.RankedResults).
Either way the sample is the same: the first OVERVIEW_RANKED + 1 matches the database finds
among what the public may see, ranked, ties broken by title or date.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Model, OuterRef, QuerySet

from regiodeal.core.sql import fetch, instance, read_alias
from regiodeal.decisions.models import Decision, Meeting
from regiodeal.monitoring.constants import ReportState
from regiodeal.monitoring.models import ProgressReport
from regiodeal.programmes.models import Pillar
from regiodeal.projects.models import Project

from . import search as engine
from .project_page import IS_PUBLIC, PUBLISHED
from .search import (
    KIND_DECISION,
    KIND_LESSON,
    KIND_PROJECT,
    OVERVIEW_RANKED,
    ProjectFilters,
    RankedResults,
    filter_projects,
    is_postgres,
    prefix_tsquery,
    public_projects,
    query_terms,
)


@dataclass
class SearchResults:
    query: str
    projects: list[Project] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    lessons: list[ProgressReport] = field(default_factory=list)
    # Kinds with more matches than shown.
    more: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.projects) + len(self.decisions) + len(self.lessons)


def search(query: str, filters: ProjectFilters | None = None) -> SearchResults:
    """Projects, published decisions and lessons learned of public projects matching `query`,
    each kind ranked best first. The project filters narrow all three kinds to those projects."""
    results = SearchResults(query=query)
    if not query_terms(query):
        return results
    filters = filters or ProjectFilters()
    # The project of a published decision is public by definition; only filters narrow more.
    narrowed = filters != ProjectFilters(sort=filters.sort)
    find = _best_on_postgres if is_postgres() else _best_through_orm
    for kind in (KIND_PROJECT, KIND_DECISION, KIND_LESSON):
        rows = find(kind, query, filters if narrowed else None, engine.MAX_PER_KIND + 1)
        if len(rows) > engine.MAX_PER_KIND:
            results.more.add(kind)
        setattr(results, f"{kind}s", rows[: engine.MAX_PER_KIND])
    return results


# --- through the ORM (SQLite) -------------------------------------------------------------


def public_lessons() -> QuerySet[ProgressReport]:
    return (
        # Exists per report rather than IN over every public project, which SQLite would
        # build in full before looking at a single report.
        ProgressReport.objects.filter(
            Exists(Decision.objects.published().filter(project=OuterRef("project"))),
            state=ReportState.GEACCEPTEERD,
        )
        .exclude(lessons_learned="")
        .select_related("project")
    )


def _orm_queryset(kind: str, filters: ProjectFilters | None) -> tuple[QuerySet, tuple[str, ...]]:
    """What the search page shows of ``kind``, and the columns that break ties in rank."""
    if kind == KIND_PROJECT:
        # The overview names no places: the list's prefetch of them is left out.
        projects = filter_projects(public_projects(), filters or ProjectFilters())
        return projects.prefetch_related(None), ("title", "pk")
    if kind == KIND_DECISION:
        # Only the columns the page shows: decisions' and projects' long texts stay behind.
        found = (
            Decision.objects.published()
            .select_related("project", "meeting")
            .only("title", "text", "amount", "meeting__slug", "meeting__date", "project__title")
        )
        ties: tuple[str, ...] = ("-meeting__date", "pk")
    else:
        found = public_lessons().only(
            "period_start", "period_end", "lessons_learned", "project__title", "project__slug"
        )
        ties = ("-period_end", "pk")
    if filters is not None:
        found = found.filter(project__in=filter_projects(public_projects(), filters).values("pk"))
    return found, ties


def _best_through_orm(
    kind: str, query: str, filters: ProjectFilters | None, count: int
) -> list[Model]:
    """The best ``count`` matches among the first OVERVIEW_RANKED + 1, each with its rank."""
    queryset, ties = _orm_queryset(kind, filters)
    return list(RankedResults(queryset, kind, query, ties=ties, limit=OVERVIEW_RANKED)[:count])


# --- by hand (PostgreSQL) -----------------------------------------------------------------

TSQUERY = "to_tsquery('dutch'::regconfig, %s)"
# Per kind: the columns shown, the joins they need, the conditions on a candidate ``c`` of
# the kind's table, and the order of equal ranks. Constant text only: the query words, states
# and filters go in as parameters.
_SQL = {
    KIND_PROJECT: (
        "SELECT t.id, t.title, t.slug, t.summary, t.status, t.pillar_id, t.decided_amount, "
        "pl.name AS pillar_name, pl.slug AS pillar_slug, {rank} AS rank "
        "FROM projects_project t LEFT JOIN programmes_pillar pl ON pl.id = t.pillar_id",
        f"{IS_PUBLIC.format(project='c.id')}",
        "c.id",
        "t.title, t.id",
    ),
    KIND_DECISION: (
        "SELECT t.id, t.meeting_id, t.project_id, t.title, t.text, t.amount, "
        "m.date AS meeting_date, m.slug AS meeting_slug, pj.title AS project_title, "
        "{rank} AS rank FROM decisions_decision t "
        "JOIN decisions_meeting m ON m.id = t.meeting_id "
        "JOIN projects_project pj ON pj.id = t.project_id",
        "c.state = %s",
        "c.project_id",
        "m.date DESC, t.id",
    ),
    KIND_LESSON: (
        "SELECT t.id, t.project_id, t.period_start, t.period_end, t.lessons_learned, "
        "pj.title AS project_title, pj.slug AS project_slug, {rank} AS rank "
        "FROM monitoring_progressreport t JOIN projects_project pj ON pj.id = t.project_id",
        f"c.state = %s AND c.lessons_learned <> '' AND {IS_PUBLIC.format(project='c.project_id')}",
        "c.project_id",
        "t.period_end DESC, t.id",
    ),
}
_TABLES = {
    KIND_PROJECT: "projects_project",
    KIND_DECISION: "decisions_decision",
    KIND_LESSON: "monitoring_progressreport",
}


# The parameters of each kind's conditions on a candidate, in order.
_PUBLIC_PARAMS = {
    KIND_PROJECT: [PUBLISHED],
    KIND_DECISION: [PUBLISHED],
    KIND_LESSON: [ReportState.GEACCEPTEERD.value, PUBLISHED],
}


def _best_on_postgres(
    kind: str, query: str, filters: ProjectFilters | None, count: int
) -> list[Model]:
    """As _best_through_orm, in one query: rank the candidates, order, fetch what is shown."""
    alias = read_alias(Project)
    select, public, project_column, ties = _SQL[kind]
    tsquery = prefix_tsquery(query)
    narrowing, narrowing_params = "", []
    if filters is not None:
        # The filters' SQL as the ORM writes it for the project list: one definition of them.
        allowed = filter_projects(public_projects(), filters).values("pk")
        allowed_sql, narrowing_params = allowed.query.get_compiler(using=alias).as_sql()
        narrowing = f" AND {project_column} IN ({allowed_sql})"
    candidates = (
        f"SELECT c.id FROM {_TABLES[kind]} c WHERE {public} "  # nosec B608 - constants only
        f"AND c.search_vector @@ {TSQUERY}{narrowing} LIMIT {int(OVERVIEW_RANKED) + 1}"
    )
    sql = (
        f"{select.format(rank=f'ts_rank(t.search_vector, {TSQUERY})')} "  # nosec B608
        f"WHERE t.id IN ({candidates}) ORDER BY rank DESC, {ties} LIMIT %s"
    )
    params = [tsquery, *_PUBLIC_PARAMS[kind], tsquery, *narrowing_params, count]
    return [_BUILD[kind](alias, row) for row in fetch(alias, sql, params)]


def _project(alias: str, row: dict[str, Any]) -> Project:
    project = instance(Project, alias, row)
    if row["pillar_id"] is not None:
        values = {"id": row["pillar_id"], "name": row["pillar_name"], "slug": row["pillar_slug"]}
        project.pillar = instance(Pillar, alias, values)
    # As public_projects() names them for the list and search templates.
    project.amount, project.rank = project.decided_amount, row["rank"]
    return project


def _decision(alias: str, row: dict[str, Any]) -> Decision:
    decision = instance(Decision, alias, row)
    meeting = {"id": row["meeting_id"], "date": row["meeting_date"], "slug": row["meeting_slug"]}
    decision.meeting = instance(Meeting, alias, meeting)
    decision.project = instance(
        Project, alias, {"id": row["project_id"], "title": row["project_title"]}
    )
    decision.rank = row["rank"]
    return decision


def _lesson(alias: str, row: dict[str, Any]) -> ProgressReport:
    report = instance(ProgressReport, alias, row)
    project = {"id": row["project_id"], "title": row["project_title"], "slug": row["project_slug"]}
    report.project = instance(Project, alias, project)
    report.rank = row["rank"]
    return report


_BUILD = {KIND_PROJECT: _project, KIND_DECISION: _decision, KIND_LESSON: _lesson}
