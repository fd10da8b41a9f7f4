"""GIN indexes for full-text search on PostgreSQL, one per searched expression in
meetings/search.py (the expression must match the query's exactly). SQLite has no such
indexes; its simpler search does not need them."""

from django.db import migrations

INDEXES = {
    "meetings_agendaitem_title_search": ("meetings_agendaitem", ["title"]),
    "meetings_agendaitem_notes_search": (
        "meetings_agendaitem",
        ["introduction", "discussion_points"],
    ),
    "meetings_paper_search": ("meetings_paper", ["title", "summary", "recommendation", "body"]),
    "meetings_decision_search": ("meetings_decision", ["text"]),
    "meetings_action_search": ("meetings_action", ["text", "owner_team", "closing_note"]),
    "meetings_meeting_venue_search": ("meetings_meeting", ["venue"]),
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
    dependencies = [("meetings", "0002_edit_versions_and_follow_ups")]

    operations = [migrations.RunPython(create, drop)]
