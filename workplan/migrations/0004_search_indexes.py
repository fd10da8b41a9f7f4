"""GIN indexes for full-text search on PostgreSQL (see meetings/search.py and
meetings/migrations/0003_search_indexes.py)."""

from django.db import migrations

INDEXES = {
    "workplan_activity_search": ("workplan_activity", ["title", "description"]),
    "workplan_progressupdate_search": ("workplan_progressupdate", ["text"]),
}


def document(columns: list[str]) -> str:
    return " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {document(columns)}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("workplan", "0003_budget_financial_year")]

    operations = [migrations.RunPython(create, drop)]
