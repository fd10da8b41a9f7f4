"""Faults: the database going away mid-request gives a clear 503 page, not a traceback, and
the next request works again; an import interrupted half-way leaves nothing behind."""

import time

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from imports.models import ImportedDocument
from imports.services import Options, accept, import_file
from seed_data.loading import RecordLoader

from . import factories as f
from .import_samples import NOTES_2021, SAMPLES, make_board, sample, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    board = f.BoardFactory(slug="sscb", short_name="SSCB")
    f.MeetingFactory(board=board)
    return board


def failing(error: Exception):
    def wrapper(execute, sql, params, many, context):
        raise error

    return wrapper


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.parametrize("path", ["/", "/boards/sscb/", "/actions/", "/api/meetings/"])
def test_the_database_going_away_gives_a_503_page_then_recovers(settings, board, error, path):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(failing(error)):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html and "server closed" not in html
    assert client.get(path).status_code == 200


def test_a_programming_error_is_a_plain_500_not_a_503(settings, board):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(failing(ZeroDivisionError("a bug"))):
        response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, the service is unavailable" not in response.content.decode()
    assert "a bug" not in response.content.decode()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the sample papers are not checked out")
@pytest.mark.parametrize("error", [RuntimeError("power cut"), OperationalError("server gone")])
def test_an_import_interrupted_half_way_leaves_nothing_behind(monkeypatch, error):
    board = make_board()
    document, new = import_file(board, *sample(NOTES_2021), Options())
    assert new
    before = snapshot()
    saves = []
    original = RecordLoader.create

    def create(self, model, values):
        saves.append(model)
        if len(saves) == 2:
            raise error
        return original(self, model, values)

    monkeypatch.setattr(RecordLoader, "create", create)
    with pytest.raises(Exception):  # noqa: B017 - whatever reaches the caller
        accept(document)
    assert len(saves) == 2
    assert snapshot() == before
    document.refresh_from_db()
    assert document.status == ImportedDocument.Status.DRAFT


def cut_under_it(victim):
    """A query wrapper that has PostgreSQL end the connection just before the request's first
    query, as pg_terminate_backend or a restart would; once."""
    cut = []

    def wrapper(execute, sql, params, many, context):
        if not cut:
            cut.append(sql)
            pid = victim.connection.info.backend_pid
            other = victim.copy()
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                for _ in range(50):
                    cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
                    if not cursor.fetchone():
                        break
                    time.sleep(0.1)
            other.close()
        return execute(sql, params, many, context)

    return wrapper, cut


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a connection cut by the database server: SQLite has no server to cut it",
)
@pytest.mark.parametrize("path", ["/boards/sscb/", "/api/meetings/"])
def test_a_read_whose_connection_is_cut_runs_again_on_a_new_one(settings, board, path):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    connection.ensure_connection()
    wrapper, cut = cut_under_it(connection)
    with connection.execute_wrapper(wrapper):
        response = client.get(path)
    assert cut
    assert response.status_code == 200
    expected = board.name if path.startswith("/boards/") else f"/api/boards/{board.pk}/"
    assert expected in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a connection cut by the database server: SQLite has no server to cut it",
)
def test_a_form_whose_connection_is_cut_is_not_sent_twice(settings, board):
    """Its transaction may have been saved just before the connection went."""
    settings.DEBUG = False
    user = f.BoardRoleFactory(board=board, role="clerk").user
    client = Client(raise_request_exception=False)
    client.force_login(user)
    connection.ensure_connection()
    wrapper, cut = cut_under_it(connection)
    with connection.execute_wrapper(wrapper):
        response = client.post("/accounts/logout/")
    connection.close()  # the cut one, which the request left for the next to replace
    assert cut
    assert response.status_code == 503
