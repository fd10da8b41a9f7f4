"""Backup and restore: the demo data dumped as portable JSON (as README describes), the
database emptied and the dump loaded again gives exactly the same content."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from meetings.models import Meeting
from seed_data.demo import DemoLoader

from . import factories as f

pytestmark = pytest.mark.django_db

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


def dump() -> list[dict]:
    out = StringIO()
    call_command("dumpdata", natural_foreign=True, exclude=EXCLUDE, stdout=out)
    # JSON keeps times to the millisecond: a time less than a millisecond past the second
    # is written "…:01.000Z" and, once restored, "…:01Z". Both are the same instant.
    text = re.sub(r'(T\d\d:\d\d:\d\d)\.000Z"', r'\1Z"', out.getvalue())
    return sorted(json.loads(text), key=lambda r: (r["model"], str(r["pk"])))


def test_a_dump_restored_into_an_empty_database_is_identical(tmp_path):
    # Keys used and given up first, as in a real database (PostgreSQL's sequences never go
    # back), so the dump's history does not start at key 1 and entries added by loading it
    # could not hide behind entries of the dump with the same keys.
    with transaction.atomic():
        f.AgendaItemFactory.create_batch(40)
        transaction.set_rollback(True)
    DemoLoader().load()
    before = dump()
    assert Meeting.objects.exists()
    assert {"meetings.agendaitem", "workplan.activity", "boards.person"} <= {
        r["model"] for r in before
    }
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(before), encoding="utf-8")

    if connection.vendor == "postgresql":
        # The test's transaction holds deferred foreign-key checks; TRUNCATE needs them done.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django creates them
    assert not Meeting.objects.exists()
    assert dump() == []
    call_command("loaddata", str(backup), verbosity=0)

    assert dump() == before
