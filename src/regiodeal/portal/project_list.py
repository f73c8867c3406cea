"""A page of the public project list without a search, read in two hand-written queries.

Why by hand (core.sql): a list filtered by municipality and pillar at a national instance's
scale took about 30 ms through the ORM, of which about 14 ms in the database: one query to
count the projects, one for the page with its pillar and lead organisation, and the ORM's
work composing them and building the instances. Here one query reads the page and the count
together, and the places come in a second. The filters stay the ORM's (filter_projects): their
SQL is compiled, not written twice, and the sort is the one search.sorted_projects gives.

A searched list (ranked by relevance) keeps its own path, search.search_projects.
"""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page
from django.db.models import QuerySet, prefetch_related_objects

from regiodeal.core.pagination import BoundedPaginator
from regiodeal.core.sql import fetch, instance, prefixed, read_alias
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import Pillar
from regiodeal.projects.models import Project

from .search import ProjectFilters, filter_projects, public_projects, sorted_projects

# What a result shows, for the page's ``{page}`` of ids. Constant text only.
_DISPLAY = (
    "SELECT p.id, p.title, p.slug, p.summary, p.status, p.decided_amount, p.last_decided_on, "
    "p.pillar_id, p.lead_organisation_id, pl.id AS pillar__id, pl.name AS pillar__name, "
    "pl.slug AS pillar__slug, o.id AS lead__id, o.name AS lead__name, o.slug AS lead__slug, "
    "page.total FROM ({page}) page JOIN projects_project p ON p.id = page.id "
    "LEFT JOIN programmes_pillar pl ON pl.id = p.pillar_id "
    "LEFT JOIN organisations_organisation o ON o.id = p.lead_organisation_id ORDER BY {order}"
)


def _order(sort: str) -> tuple[list[str], str]:
    """The fields search.sorted_projects sorts ``sort`` by, and that order as SQL on a table
    alias ``{t}``: one definition of each sort, read from the ORM's query."""
    fields, terms = [], []
    for name in sorted_projects(Project.objects.none(), sort, ranked=False).query.order_by:
        bare = name.lstrip("-")
        field = Project._meta.pk if bare == "pk" else Project._meta.get_field(bare)
        fields.append(field.name)
        terms.append(f"{{t}}.{field.column}{' DESC' if name.startswith('-') else ''}")
    return fields, ", ".join(terms)


def project_list_page(filters: ProjectFilters, number: Any, per_page: int) -> Page:
    """The page ``number`` of public projects matching ``filters``, in their sort, as
    BoundedPaginator.get_page gives it: page 1 when ``number`` is not a number, the last page
    when it is past the end or below 1."""
    return _ListReader(filters, per_page).page(number)


class _ListReader:
    def __init__(self, filters: ProjectFilters, per_page: int) -> None:
        self.alias = read_alias(Project)
        self.per_page = per_page
        self.paginator = BoundedPaginator([], per_page)
        self.max_rows = self.paginator.max_rows
        self.sorted_on, self.order = _order(filters.sort)
        # The ORM's query of the matching projects (public_projects names ``amount``, which
        # the amount filters use), with no order: the count needs none.
        self.matching = filter_projects(public_projects().prefetch_related(None), filters)
        self.sort = filters.sort

    def page(self, number: Any) -> Page:
        try:
            wanted: int | None = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if wanted is not None and wanted < 1:
            wanted = None  # the last page, as Paginator.get_page does
        # Past the pages the bound allows, every number means the last page; a larger one
        # would not fit the database's OFFSET.
        wanted = wanted and min(wanted, self.max_rows // self.per_page + 2)
        rows = self._sample_page(wanted or 1)
        if rows:
            total = rows[0]["total"]
        elif (wanted or 1) == 1:
            total = 0
        else:
            total = self._count()
        self.paginator.count = total  # a cached_property: the count is known now
        last = self.paginator.num_pages
        number = wanted if wanted is not None and wanted <= last else last
        if total > self.max_rows:
            # More than the bound: the sample of the first max_rows + 1 matches is not the
            # list's head; the page is read again in the list's order.
            rows = self._ordered_page(number)
        elif number != (wanted or 1):
            rows = self._sample_page(number)
        return Page(self._projects(rows), number, self.paginator)

    def _compiled(self, queryset: QuerySet) -> tuple[str, tuple] | None:
        """The SQL of ``queryset``, or None when it can match nothing (the ORM then writes
        none)."""
        try:
            return queryset.query.get_compiler(using=self.alias).as_sql()
        except EmptyResultSet:
            return None

    def _bounded(self) -> tuple[str, tuple] | None:
        """The first max_rows + 1 matches the database finds, with the columns sorted on."""
        head = self.matching.order_by().values(*dict.fromkeys(["id", *self.sorted_on]))
        return self._compiled(head[: self.max_rows + 1])

    def _sample_page(self, number: int) -> list[dict[str, Any]]:
        """A page of the bounded matches, each row with how many there were (at most
        max_rows + 1): counted by the window over the same rows the page is sorted from."""
        if (compiled := self._bounded()) is None:
            return []
        bounded, params = compiled
        page = (
            f"SELECT s.id, COUNT(*) OVER () AS total FROM ({bounded}) s "  # nosec B608 - constants and compiled SQL
            f"ORDER BY {self.order.format(t='s')} LIMIT %s OFFSET %s"
        )
        return self._read(page, [*params, self.per_page, (number - 1) * self.per_page])

    def _ordered_page(self, number: int) -> list[dict[str, Any]]:
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.max_rows)
        ordered = sorted_projects(self.matching, self.sort, ranked=False)
        if (compiled := self._compiled(ordered.values("id")[bottom:top])) is None:
            return []
        sql, params = compiled
        page = f"SELECT s.id, NULL AS total FROM ({sql}) s"  # nosec B608 - compiled SQL
        return self._read(page, list(params))

    def _read(self, page: str, params: list[Any]) -> list[dict[str, Any]]:
        sql = _DISPLAY.format(page=page, order=self.order.format(t="p"))
        return fetch(self.alias, sql, params)

    def _count(self) -> int:
        if (compiled := self._bounded()) is None:
            return 0
        bounded, params = compiled
        sql = f"SELECT COUNT(*) AS n FROM ({bounded}) s"  # nosec B608 - compiled SQL
        return fetch(self.alias, sql, list(params))[0]["n"]

    def _projects(self, rows: list[dict[str, Any]]) -> list[Project]:
        projects = []
        for row in rows:
            project = instance(Project, self.alias, row)
            if row["pillar__id"] is not None:
                project.pillar = instance(Pillar, self.alias, prefixed(row, "pillar__"))
            if row["lead__id"] is not None:
                lead = instance(Organisation, self.alias, prefixed(row, "lead__"))
                project.lead_organisation = lead
            # As public_projects() names them for the list template.
            project.amount, project.decided_on = project.decided_amount, project.last_decided_on
            projects.append(project)
        prefetch_related_objects(projects, "places")
        return projects
