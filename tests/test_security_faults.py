"""Faults: the database going away mid-request gives a clear 503 page, not a traceback, and
the next request works again; an import interrupted half-way leaves nothing behind."""

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
