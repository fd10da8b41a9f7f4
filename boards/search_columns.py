"""PostgreSQL-only stored search documents.

Each searched document gets a generated column (its text analysed with the English dictionary
once, when a row is written) and a GIN index on it. Matching and ranking
then read the stored vectors instead of analysing every row's text on every search. The column
is not on the Django models because SQLite has no such type; migrations add it on PostgreSQL
only, and meetings/search.py refers to it there.
"""


def document_sql(columns: list[str]) -> str:
    return " || ' ' || ".join(f"COALESCE({column}::text, '')" for column in columns)


def add_search_documents(documents: dict[tuple[str, str], list[str]]):
    """Migration functions adding, for each (table, column), the generated column over the
    given fields and its GIN index."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for (table, column), fields in documents.items():
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} tsvector "
                f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {document_sql(fields)})) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column} ON {table} USING gin ({column})"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in documents:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")

    return forwards, backwards
