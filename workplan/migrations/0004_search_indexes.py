"""Stored search documents for full-text search on PostgreSQL (see boards/search_columns.py).
The columns must list the same fields as the kinds in meetings/search.py."""

from django.db import migrations

from boards.search_columns import add_search_documents

forwards, backwards = add_search_documents(
    {
        ("workplan_activity", "search_document"): ["title", "description"],
        ("workplan_progressupdate", "search_document"): ["text"],
    }
)


class Migration(migrations.Migration):
    dependencies = [("workplan", "0003_budget_financial_year")]

    operations = [migrations.RunPython(forwards, backwards)]
