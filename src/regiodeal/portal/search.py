"""Dutch full-text search over projects, decisions and lessons learned.

One entry point, `search()` (and `search_projects()` for the project list), hides the backend:
PostgreSQL's `dutch` text search configuration with `SearchRank` and a GIN index, or on SQLite an
FTS5 table of Snowball-stemmed text ranked with BM25. The index holds every record, published or
not: what the public may see is decided at query time by `Project.objects.public()` and
`Decision.objects.published()`, so publishing needs no re-indexing and nothing unpublished can
leak through a stale index.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import snowballstemmer
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    Expression,
    F,
    FloatField,
    Model,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from regiodeal.decisions.models import Decision
from regiodeal.monitoring.models import ProgressReport
from regiodeal.projects.models import Project

FTS_TABLE = "portal_search"
MAX_TERMS = 10
# The best matches of each kind on the search page; the project list pages through them all.
MAX_PER_KIND = 20
MAX_RANKED = 1000
# The search page shows the best MAX_PER_KIND of each kind, with a link to all projects found:
# it ranks a smaller sample of a common word's matches than the list that pages through them.
OVERVIEW_RANKED = 250
# Letters and digits only: no character of either query syntax can come through.
WORD = re.compile(r"[^\W_]+")

KIND_PROJECT = "project"
KIND_DECISION = "decision"
KIND_LESSON = "lesson"

# The fields each kind is searched on; the GIN indexes on PostgreSQL use the same expressions.
SEARCH_FIELDS = {
    KIND_PROJECT: ("title", "summary", "description"),
    KIND_DECISION: ("title", "text"),
    KIND_LESSON: ("lessons_learned",),
}

SORTS = ("relevance", "amount", "date", "title")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer("dutch")


def stems(text: str) -> list[str]:
    """Lower-cased Dutch stems of the words in `text`, in order."""
    words = WORD.findall(text.lower())
    return _stemmer().stemWords(words) if words else []


def query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(stems(query)))[:MAX_TERMS]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


# --- keeping the SQLite index current -----------------------------------------------------


def document_text(instance: Model, kind: str) -> str:
    return " ".join(str(getattr(instance, name) or "") for name in SEARCH_FIELDS[kind])


# The table name is a constant; kinds, ids and text always go in as parameters.
_DELETE_ONE = f"DELETE FROM {FTS_TABLE} WHERE kind = %s AND object_id = %s"  # nosec B608


def index_object(kind: str, object_id: int, text: str) -> None:
    if not is_sqlite():
        return
    with connection.cursor() as cursor:
        cursor.execute(_DELETE_ONE, [kind, object_id])
        body = " ".join(stems(text))
        if body:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (kind, object_id, body) VALUES (%s, %s, %s)",  # nosec B608
                [kind, object_id, body],
            )


def unindex_object(kind: str, object_id: int) -> None:
    if is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute(_DELETE_ONE, [kind, object_id])


def rebuild_index(models: dict[str, type[Model]] | None = None) -> int:
    """Index every record again (SQLite); returns the number of records indexed."""
    if not is_sqlite():
        return 0
    models = models or {
        KIND_PROJECT: Project,
        KIND_DECISION: Decision,
        KIND_LESSON: ProgressReport,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # nosec B608
    count = 0
    for kind, model in models.items():
        for instance in model._default_manager.only("pk", *SEARCH_FIELDS[kind]).iterator():
            index_object(kind, instance.pk, document_text(instance, kind))
            count += 1
    return count


def _keep_current(kind: str, model: type[Model]) -> None:
    @receiver(post_save, sender=model, weak=False, dispatch_uid=f"portal-search-save-{kind}")
    def saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        index_object(kind, instance.pk, document_text(instance, kind))

    @receiver(post_delete, sender=model, weak=False, dispatch_uid=f"portal-search-del-{kind}")
    def deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        unindex_object(kind, instance.pk)


_keep_current(KIND_PROJECT, Project)
_keep_current(KIND_DECISION, Decision)
_keep_current(KIND_LESSON, ProgressReport)


# --- matching and ranking -----------------------------------------------------------------


def prefix_tsquery(query: str) -> str:
    """PostgreSQL's raw tsquery of `query`: every word as a prefix. PostgreSQL stems the words
    itself; only word characters reach the raw query."""
    words = list(dict.fromkeys(WORD.findall(query.lower())))[:MAX_TERMS]
    return " & ".join(f"{word}:*" for word in words)


def _fts_match(terms: list[str]) -> str:
    # Prefix matching on stems, so `jeugd` also finds `jeugdprojecten`.
    return "body : (" + " AND ".join(f'"{term}"*' for term in terms) + ")"


class StoredSearchVector(Expression):
    """The stored vector column of the query's own table (portal migration 0002).

    The model does not declare the column: PostgreSQL generates it, and SQLite has none. Named
    through the query's alias, so that it also works inside a subquery (where Django renames the
    table).
    """

    def __init__(self) -> None:
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.{connection.ops.quote_name('search_vector')}", []


def _matching(queryset: QuerySet, kind: str, query: str) -> tuple[QuerySet, Any]:
    """`queryset` narrowed to the records matching every word of `query`, and the expression
    of their rank (higher is better)."""
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        vector = StoredSearchVector()
        tsquery = SearchQuery(prefix_tsquery(query), config="dutch", search_type="raw")
        matching = queryset.annotate(search_vector=vector).filter(search_vector=tsquery)
        return matching, SearchRank(vector, tsquery)
    match = _fts_match(query_terms(query))
    hits = f"SELECT object_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND kind = %s"  # nosec B608
    # FTS5's MATCH has no ORM expression. The SQL names only constant tables; the query words
    # and the kind go in as parameters.
    matching = queryset.filter(pk__in=RawSQL(hits, [match, kind]))  # nosec B611
    return matching, match


def _sqlite_rank_map(kind: str, match: str, ids: list[int]) -> dict[int, float]:
    """bm25() of the candidates, in one pass over the index: a correlated rank subquery would
    run the MATCH once per row. bm25() is lower for better matches: negated, so that every
    backend sorts rank descending."""
    placeholders = ", ".join(["%s"] * len(ids)) or "NULL"
    sql = (
        f"SELECT object_id, -bm25({FTS_TABLE}) FROM {FTS_TABLE} "  # nosec B608
        f"WHERE {FTS_TABLE} MATCH %s AND kind = %s AND object_id IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, kind, *ids])
        return dict(cursor.fetchall())


def _sqlite_ranks(kind: str, match: str, ids: list[int]) -> Case:
    """The ranks of the candidates carried as a CASE, for a query that sorts by more."""
    return Case(
        *(
            When(pk=pk, then=Value(score))
            for pk, score in _sqlite_rank_map(kind, match, ids).items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def ranked(queryset: QuerySet, kind: str, query: str, *, limit: int = MAX_RANKED) -> QuerySet:
    """`queryset` narrowed to records matching every word of `query`, annotated with `rank`
    (higher is better).

    Only the first ``limit`` + 1 matches the database finds are ranked (MAX_RANKED + 1 unless
    given): a common word occurs in a large part of a national instance's records (a hundred
    thousand projects or more), and ranking all of them would take seconds; the index finds the
    first thousand in milliseconds.
    For such a word the ranking is of a sample, and the page says so (the one extra match
    tells that there were more) and asks for another word or a filter. Choosing the sample by
    date instead would make the database read every match again.
    """
    matching, rank = _matching(queryset, kind, query)
    candidates = matching.order_by().values("pk")[: limit + 1]
    if is_sqlite():
        ids = [row["pk"] for row in candidates]
        return queryset.filter(pk__in=ids).annotate(rank=_sqlite_ranks(kind, rank, ids))
    return queryset.filter(pk__in=candidates).annotate(rank=rank)


class RankedResults(Sequence):
    """The matches of a query in `queryset`, best first, read in two steps.

    First one query reads the ids and ranks of the first ``limit`` + 1 matches (MAX_RANKED
    unless given; as ranked() bounds them) with the columns that break ties; they are ordered
    here. Then only the rows a page shows are fetched, each with its ``rank``. Ranking in the
    query that fetches the rows made the database join, filter and sort every candidate a
    second time.
    """

    def __init__(
        self,
        queryset: QuerySet,
        kind: str,
        query: str,
        ties: tuple[str, ...],
        *,
        limit: int | None = None,
    ) -> None:
        self._queryset = queryset
        bound = (MAX_RANKED if limit is None else limit) + 1
        matching, rank = _matching(queryset.order_by(), kind, query)
        names = [name.lstrip("-") for name in ties]
        if is_postgres():
            rows = list(matching.annotate(rank=rank).values_list("pk", "rank", *names)[:bound])
        else:
            found = list(matching.values_list("pk", *names)[:bound])
            ranks = _sqlite_rank_map(kind, rank, [row[0] for row in found])
            rows = [(row[0], ranks.get(row[0], 0.0), *row[1:]) for row in found]
        # Stable sorts, the least significant key first: the ties in reverse, then the rank.
        for position in reversed(range(len(ties))):
            rows.sort(key=lambda row: row[2 + position], reverse=ties[position].startswith("-"))
        rows.sort(key=lambda row: row[1], reverse=True)
        self._hits = [(row[0], row[1]) for row in rows]

    def __len__(self) -> int:
        return len(self._hits)

    def count(self) -> int:
        return len(self._hits)

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        hits = self._hits[index]
        rows = self._queryset.in_bulk([pk for pk, _ in hits])
        found = []
        for pk, rank in hits:
            # A row may have gone between the two queries (unpublished projects are not).
            if (row := rows.get(pk)) is not None:
                row.rank = rank
                found.append(row)
        return found


# --- projects with filters ----------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    programme: str = ""
    pillar: str = ""
    theme: str = ""
    municipality: str = ""
    year: int | None = None
    status: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    sort: str = "relevance"


def _published_decisions() -> QuerySet[Decision]:
    return Decision.objects.published().filter(project=OuterRef("pk"))


def public_projects() -> QuerySet[Project]:
    """Public projects with their published amount and latest date of decision, as ``amount``
    and ``decided_on`` (kept with each project at publication)."""
    return (
        Project.objects.public()
        # What a result shows: the list and search templates name no programme.
        .select_related("pillar", "lead_organisation")
        # Lists show the summary; the long texts would only travel from the database.
        .defer("description", "pillar__description")
        .prefetch_related("places")
        .annotate(amount=F("decided_amount"), decided_on=F("last_decided_on"))
    )


def filter_projects(queryset: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    # Multi-valued relations never join the query itself, so combined filters never duplicate rows.
    if filters.programme:
        queryset = queryset.filter(programme__slug=filters.programme)
    if filters.pillar:
        queryset = queryset.filter(pillar__slug=filters.pillar)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    # Theme and place by IN over the link table, not EXISTS: SQLite runs a correlated EXISTS
    # once per project (tens of thousands for a pillar), where IN starts from the theme's or
    # municipality's own projects; PostgreSQL plans both as a semi-join.
    if filters.theme:
        themes = Project.themes.through.objects.filter(theme__slug=filters.theme)
        queryset = queryset.filter(pk__in=themes.values("project_id"))
    if filters.municipality:
        places = Project.places.through.objects.filter(municipality__slug=filters.municipality)
        queryset = queryset.filter(pk__in=places.values("project_id"))
    if filters.year:
        decided = _published_decisions().filter(meeting__date__year=filters.year)
        queryset = queryset.filter(Exists(decided))
    if filters.amount_min is not None:
        queryset = queryset.filter(amount__gte=filters.amount_min)
    if filters.amount_max is not None:
        queryset = queryset.filter(amount__lte=filters.amount_max)
    return queryset


def sorted_projects(queryset: QuerySet[Project], sort: str, ranked: bool) -> QuerySet[Project]:
    # By the columns, in the order of their indexes (a public project always has a date).
    if sort == "amount":
        return queryset.order_by("-decided_amount", "title", "pk")
    if sort == "date":
        return queryset.order_by("-last_decided_on", "title", "pk")
    if sort == "relevance" and ranked:
        return queryset.order_by("-rank", "title", "pk")
    return queryset.order_by("title", "pk")


def search_projects(
    query: str, filters: ProjectFilters | None = None, *, limit: int | None = None
) -> QuerySet[Project] | RankedResults:
    """Public projects matching `query` (all when empty) and `filters`, sorted as asked: the
    best first when searched (a RankedResults of at most ``limit`` + 1 matches)."""
    filters = filters or ProjectFilters()
    queryset = filter_projects(public_projects(), filters)
    terms = query_terms(query)
    if terms and filters.sort == "relevance":
        return RankedResults(queryset, KIND_PROJECT, query, ties=("title", "pk"), limit=limit)
    if terms:
        queryset = ranked(queryset, KIND_PROJECT, query)
    return sorted_projects(queryset, filters.sort, ranked=bool(terms))
