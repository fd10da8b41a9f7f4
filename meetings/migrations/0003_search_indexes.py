"""Stored search documents for full-text search on PostgreSQL (see boards/search_columns.py).
The columns must list the same fields as the kinds in meetings/search.py."""

from django.db import migrations

from boards.search_columns import add_search_documents

forwards, backwards = add_search_documents(
    {
        ("meetings_agendaitem", "search_document"): ["title"],
        ("meetings_agendaitem", "notes_search_document"): ["introduction", "discussion_points"],
        ("meetings_paper", "search_document"): ["title", "summary", "recommendation", "body"],
        ("meetings_decision", "search_document"): ["text"],
        ("meetings_action", "search_document"): ["text", "owner_team", "closing_note"],
        ("meetings_meeting", "search_document"): ["venue"],
    }
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_edit_versions_and_follow_ups")]

    operations = [migrations.RunPython(forwards, backwards)]
