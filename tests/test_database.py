"""The PostgreSQL connection as production uses it: parameters sent apart from the query,
and a query the app runs again and again prepared, so that it is planned once per
connection (config/settings.py, DATABASES)."""

import pytest
from django.db import connection

from boards.models import Board

from . import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_run_again_and_again_is_prepared_on_its_connection():
    boards = [f.BoardFactory(slug="prepared-one"), f.BoardFactory(slug="prepared-two")]
    assert not [s for s in prepared_statements() if '"boards_board"."slug" = $1' in s]
    for _ in range(4):
        # The same query with different values: one prepared statement serves them all.
        for board in boards:
            assert Board.objects.filter(slug=board.slug).get() == board
    prepared = [s for s in prepared_statements() if '"boards_board"."slug" = $1' in s]
    assert len(prepared) == 1
