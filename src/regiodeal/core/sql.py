"""Hand-written queries for the few read paths where the ORM's own work outweighs the database's.

The ORM remains the way to read and write everywhere else. A module that reads by hand says
why, keeps its SQL portable (SQLite and PostgreSQL), and passes every value from outside as a
parameter.
"""

from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connections, router
from django.db.models import Model


def fetch(alias: str, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """The rows of ``sql`` on database ``alias``, each as a dict by column name."""
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def read_alias(model: type[Model]) -> str:
    """The database the router reads ``model`` from: a replica for public reads, if any."""
    return router.db_for_read(model)


def instance(model: type[Model], alias: str, values: dict[str, Any]) -> Model:
    """A model instance of the given column values, as the ORM would load it: each value goes
    through the converters the ORM applies (SQLite's decimals and aware datetimes among them),
    and fields left out are deferred (read when asked for)."""
    names, converted = _plan(model, alias, tuple(values))
    connection = connections[alias]
    loaded = []
    for name, converters in converted:
        value = values[name]
        if value is not None:
            for convert, expression in converters:
                value = convert(value, expression, connection)
        loaded.append(value)
    return model.from_db(alias, names, loaded)


@lru_cache(maxsize=512)
def _plan(
    model: type[Model], alias: str, columns: tuple[str, ...]
) -> tuple[list[str], list[tuple[str, list]]]:
    """The fields a row of ``columns`` loads, in the model's field order (from_db takes them
    so), each with its converters: worked out once per query shape, not per row."""
    converters = _converters(model, alias)
    given = set(columns)
    names = [field.attname for field in model._meta.concrete_fields if field.attname in given]
    return names, [(name, converters[name]) for name in names]


@lru_cache(maxsize=256)
def _converters(model: type[Model], alias: str) -> dict[str, list]:
    """Per field, as the ORM's compiler finds them: the backend's converters, then the
    field's own."""
    connection = connections[alias]
    found = {}
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found[field.attname] = [
            (convert, column)
            for convert in [
                *connection.ops.get_db_converters(column),
                *column.get_db_converters(connection),
            ]
        ]
    return found


def prefixed(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The columns of ``row`` named ``prefix…``, without the prefix: one joined table's part
    of a row, for ``instance()``."""
    return {name[len(prefix) :]: value for name, value in row.items() if name.startswith(prefix)}


def decimal(value: Any) -> Decimal | None:
    """A decimal column as a Decimal. SQLite hands decimals back as binary floats; their
    shortest representation is the decimal that was stored."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def placeholders(values: list[Any]) -> str:
    """``%s, %s, …`` for an IN list of ``values`` (``NULL`` when empty, which matches none)."""
    return ", ".join(["%s"] * len(values)) or "NULL"
