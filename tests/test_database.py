"""The PostgreSQL connection as production uses it: parameters sent apart from the query,
and a query the app runs again and again prepared, so that it is planned once per
connection (config/settings.py, DATABASES); behind a pooler in transaction mode
(PREPARED_STATEMENTS=false), nothing kept on a connection between transactions."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from boards.models import Board

from . import factories as f


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_query_run_again_and_again_is_prepared_on_its_connection():
    boards = [f.BoardFactory(slug="prepared-one"), f.BoardFactory(slug="prepared-two")]
    assert not [s for s in prepared_statements() if '"boards_board"."slug" = $1' in s]
    for _ in range(4):
        # The same query with different values: one prepared statement serves them all.
        for board in boards:
            assert Board.objects.filter(slug=board.slug).get() == board
    prepared = [s for s in prepared_statements() if '"boards_board"."slug" = $1' in s]
    assert len(prepared) == 1


def database_settings(**env) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_behind_a_transaction_pooler_nothing_is_kept_on_a_connection():
    """PgBouncer in transaction mode hands each transaction any of its connections: a
    statement prepared, or a cursor held open by .iterator(), on one would be missing on the
    next (the load test through PgBouncer failed one request in nine so)."""
    url = "postgres://boardapp:boardapp@127.0.0.1:6432/boardapp"
    pooled = database_settings(DATABASE_URL=url, PREPARED_STATEMENTS="false")
    assert "prepare_threshold" not in pooled["OPTIONS"]
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    direct = database_settings(DATABASE_URL=url)
    assert direct["OPTIONS"]["prepare_threshold"] == 5
    assert direct["DISABLE_SERVER_SIDE_CURSORS"] is False
