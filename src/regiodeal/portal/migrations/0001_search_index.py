"""The full-text search index: an FTS5 table on SQLite, GIN indexes on PostgreSQL."""

from django.db import migrations

FTS_TABLE = "portal_search"

# Kept in step with regiodeal.portal.search.SEARCH_FIELDS: the GIN indexes must be built on the
# same expression the queries use, or PostgreSQL will not use them.
INDEXED = [
    ("projects", "Project", ("title", "summary", "description"), "portal_search_project_gin"),
    ("decisions", "Decision", ("title", "text"), "portal_search_decision_gin"),
    ("monitoring", "ProgressReport", ("lessons_learned",), "portal_search_lesson_gin"),
]
KINDS = {"Project": "project", "Decision": "decision", "ProgressReport": "lesson"}


def _gin(fields, name):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*fields, config="dutch"), name=name)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for app_label, model_name, fields, name in INDEXED:
            schema_editor.add_index(apps.get_model(app_label, model_name), _gin(fields, name))
    elif vendor == "sqlite":
        from regiodeal.portal.search import document_text, stems

        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "kind UNINDEXED, object_id UNINDEXED, body, tokenize = 'unicode61')"
        )
        for app_label, model_name, fields, _name in INDEXED:
            kind = KINDS[model_name]
            for instance in apps.get_model(app_label, model_name).objects.only("pk", *fields):
                body = " ".join(stems(document_text(instance, kind)))
                if body:
                    schema_editor.execute(
                        f"INSERT INTO {FTS_TABLE} (kind, object_id, body) VALUES (%s, %s, %s)",  # nosec B608
                        [kind, instance.pk, body],
                    )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for app_label, model_name, fields, name in INDEXED:
            schema_editor.remove_index(apps.get_model(app_label, model_name), _gin(fields, name))
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("decisions", "0003_optimistic_locking"),
        ("monitoring", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
