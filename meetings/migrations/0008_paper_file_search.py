"""The stored search document of papers' files on PostgreSQL (see boards/search_columns.py):
the same fields as the "files" kind in meetings/search.py."""

from django.db import migrations

from boards.search_columns import add_search_documents

forwards, backwards = add_search_documents(
    {("meetings_paperfile", "search_document"): ["title", "text"]}
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_paper_files")]

    operations = [migrations.RunPython(forwards, backwards)]
