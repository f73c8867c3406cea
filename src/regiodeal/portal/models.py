"""The portal keeps no tables of its own through the ORM: its search index is an FTS5 table
(SQLite) or GIN indexes on the searched tables (PostgreSQL), made by migration 0001.

Importing the search module here connects the signals that keep the SQLite index current.
"""

from . import search  # noqa: F401
