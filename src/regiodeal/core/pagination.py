"""Pagination that stays cheap at a million rows."""

from django.core.paginator import Paginator
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
