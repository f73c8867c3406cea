"""Aggregates of money that come back as whole cents on every database."""

from django.db.models import Aggregate, OuterRef, QuerySet, Subquery, Sum

from .money import to_money


class MoneySum(Sum):
    """``Sum`` of a money field, rounded back to whole cents.

    SQLite adds decimal columns as binary floats (756.94 comes back as 756.940000000000, and
    after a few corrections as 619.65000000001); PostgreSQL sums exactly. Rounding the result to
    the cent makes both give the same Decimal, and stops a float digit from reaching a booking.
    """

    def get_db_converters(self, connection):
        return [*super().get_db_converters(connection), self._to_cents]

    @staticmethod
    def _to_cents(value, expression, connection):
        return None if value is None else to_money(value)


def per_row(related: QuerySet, link: str, aggregate: Aggregate) -> Subquery:
    """``aggregate`` over the ``related`` rows whose ``link`` is the outer row, as a subquery
    for an annotation: a list then counts or sums only the rows it shows, where a join with
    ``GROUP BY`` would aggregate every row of the table first. NULL when there are none."""
    return Subquery(
        related.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(value=aggregate)
        .values("value")
    )
