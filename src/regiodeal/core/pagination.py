"""Pagination that stays cheap at a million rows."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable
from django.utils.functional import cached_property

# Rows a list can be paged through: OFFSET makes the database read and skip every row before
# a page, so a deep page of a million decisions costs as much as reading them all. Beyond this,
# a visitor narrows the list with filters (programme, municipality, year, ...).
MAX_ROWS = 10_000


class BoundedPaginator(Paginator):
    """Counts at most ``max_rows`` + 1 rows: an exact count of a million rows is a full scan."""

    max_rows = MAX_ROWS

    def __init__(self, *args, max_rows: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if max_rows is not None:
            self.max_rows = max_rows

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not hasattr(rows, "values"):  # a list
            return min(len(rows), self.max_rows + 1)
        # Only the ids: the sums, ranks and sort keys of the page are not needed to count.
        return rows.order_by().values("pk")[: self.max_rows + 1].count()

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.max_rows

    @cached_property
    def num_pages(self) -> int:
        # The pages that can be reached: the first max_rows rows.
        return max(1, -(-min(self.count, self.max_rows) // self.per_page))

    def page(self, number):
        # Django's Paginator ends the last page at the count, which is max_rows + 1 when the
        # list is longer: the last reachable page would show one row past the bound.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.max_rows)
        return self._get_page(self.object_list[bottom:top], number, self)


class WindowedPaginator(BoundedPaginator):
    """A BoundedPaginator of an ordered queryset that reads the count together with the page
    it expects to be asked for, in one query.

    Counting and then reading a page made the database find and join the same rows twice (for
    the decisions of a municipality at a national instance's scale, some 7 and 10 ms). Here a
    window counts the first ``max_rows`` + 1 matches while they are sorted for the page; the
    window is written by hand (Django's Window expression cannot count a sliced subquery). When
    the list is longer than the bound those rows are a sample, not the list's head, and the
    page is read again in the list's order; when the expected page is not the one asked for,
    it is read as BoundedPaginator reads it.
    """

    def __init__(
        self, object_list: QuerySet, per_page: int, *, expected_page: Any = 1, **kwargs: Any
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        try:
            self.expected_page = int(expected_page)
        except (TypeError, ValueError):
            self.expected_page = 1
        self._read_ahead: list | None = None

    @cached_property
    def count(self) -> int:
        number = self.expected_page
        found = self._rows_and_total(number) if number >= 1 else None
        if not found:
            return super().count
        rows, total = found
        if total <= self.max_rows:
            self._read_ahead = rows
        return total

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if number == self.expected_page and self._read_ahead is not None:
            return self._get_page(self._read_ahead, number, self)
        return super().page(number)

    def _rows_and_total(self, number: int) -> tuple[list, int] | None:
        """The values of page ``number`` and how many rows match, at most max_rows + 1; None
        when the page is empty (its total is then unknown), or the queryset is not a flat list
        of one value in an order of plain fields."""
        queryset = self.object_list
        flat = getattr(queryset, "_iterable_class", None) is FlatValuesListIterable
        order = list(queryset.query.order_by) if flat else []
        if not order or not all(isinstance(name, str) for name in order):
            return None
        (shown,) = queryset.query.values_select
        names = dict.fromkeys([shown, *(name.lstrip("-") for name in order)])
        head = queryset.order_by().values(*names)[: self.max_rows + 1]
        try:
            bounded, params = head.query.get_compiler(using=queryset.db).as_sql()
        except EmptyResultSet:
            return None
        connection = connections[queryset.db]
        quote = connection.ops.quote_name
        # The subquery's columns carry the names they were asked by (values() aliases them).
        ordering = ", ".join(
            f"s.{quote(name.lstrip('-'))}{' DESC' if name.startswith('-') else ''}"
            for name in order
        )
        sql = (
            f"SELECT s.{quote(shown)}, COUNT(*) OVER () FROM ({bounded}) s "  # nosec B608 - compiled SQL and quoted names
            f"ORDER BY {ordering} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, self.per_page, (number - 1) * self.per_page])
            found = cursor.fetchall()
        if not found:
            return None
        return [value for value, _total in found], found[0][1]
