"""PostgreSQL: the Dutch text-search vector of each record stored in a generated column.

With only an index on the expression, every matching row had its text parsed again twice: to
recheck the match and to rank it, which for a common word among a million records takes
seconds. A stored column is computed once, when the row is written, and the GIN index is built
on it. SQLite keeps its FTS5 table (migration 0001); there is nothing to do there.
"""

from django.db import migrations

# (table, fields, old expression index, new column index); the fields as in
# regiodeal.portal.search.SEARCH_FIELDS.
TABLES = [
    (
        "projects_project",
        ("title", "summary", "description"),
        "portal_search_project_gin",
        "portal_project_vector_gin",
    ),
    (
        "decisions_decision",
        ("title", "text"),
        "portal_search_decision_gin",
        "portal_decision_vector_gin",
    ),
    (
        "monitoring_progressreport",
        ("lessons_learned",),
        "portal_search_lesson_gin",
        "portal_lesson_vector_gin",
    ),
]
COLUMN = "search_vector"


def _document(fields):
    # The same text SearchVector(*fields) builds: the fields joined by single spaces.
    return " || ' ' || ".join(f"COALESCE({field}, '')" for field in fields)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, fields, old_index, new_index in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('dutch'::regconfig, {_document(fields)})) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {new_index} ON {table} USING gin ({COLUMN})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, fields, old_index, new_index in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {new_index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
        schema_editor.execute(
            f"CREATE INDEX {old_index} ON {table} USING gin "
            f"(to_tsvector('dutch'::regconfig, {_document(fields)}))"
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_search_index")]

    operations = [migrations.RunPython(forwards, backwards)]
