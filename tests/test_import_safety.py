"""Issue 7: importing never duplicates, never half-creates, and --dry-run writes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from boards.models import Authority, Board, Person
from imports.common import Parsed
from imports.models import ImportedDocument
from imports.people import match_people
from imports.services import ImportFailed, Options, accept, import_file
from meetings.models import Meeting
from seed_data.demo import DemoLoader

from .import_samples import (
    NOTES_2018,
    NOTES_2021,
    REPORT,
    SAMPLES,
    WORK_PLAN,
    import_and_accept,
    make_board,
    sample,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board()


def test_importing_the_same_file_twice_changes_nothing(board):
    document = import_and_accept(board, NOTES_2021)
    before = snapshot()
    again, new = import_file(board, *sample(NOTES_2021), Options())
    assert (again, new) == (document, False)
    assert ImportedDocument.objects.count() == 1
    assert snapshot() == before


@pytest.mark.parametrize("name", [NOTES_2021, NOTES_2018, WORK_PLAN, REPORT])
def test_the_same_document_in_another_format_adds_nothing(board, name):
    import_and_accept(board, name, "txt")
    before = snapshot()
    import_and_accept(board, name, "docx")
    assert snapshot() == before


@pytest.mark.parametrize("name", [NOTES_2021, NOTES_2018, WORK_PLAN, REPORT])
def test_records_already_kept_are_matched_not_duplicated(name):
    """The demo data holds everything these papers say: the people (as "Jeanie Bell", not
    "Cllr Jeanie Bell"), the meetings, the agreed programme, the report."""
    DemoLoader().load()
    board = Board.objects.get(slug="sscb")
    before = snapshot()
    document = import_and_accept(board, name)
    assert not any(p["new"] for p in document.parsed.get("person", []))
    assert snapshot() == before


def test_published_notes_stay_published_and_nothing_is_overwritten():
    DemoLoader().load()
    board = Board.objects.get(slug="sscb")
    meeting = Meeting.objects.get(board=board, date=datetime.date(2021, 11, 9))
    meeting.items.filter(number="3").update(title="Business plan (as the clerk wrote it)")
    import_and_accept(board, NOTES_2021)
    meeting.refresh_from_db()
    assert meeting.notes_status == "published"
    assert meeting.items.get(number="3").title == "Business plan (as the clerk wrote it)"


def test_people_are_matched_with_and_without_honorifics_and_post_nominals(board):
    bright = Person.objects.create(name="Morris Bright", honorific="Cllr", post_nominals="MBE")
    council = Authority.objects.create(name="Blackpool Council")
    Person.objects.create(name="Simon Blackburn", authority=Authority.objects.create(name="X"))
    blackburn = Person.objects.create(name="Simon Blackburn", authority=council)
    parsed = Parsed(
        {
            "person": [
                {"name": "Morris Bright", "as_written": "Councillor Morris Bright MBE"},
                {"name": "Simon Blackburn", "authority": "Blackpool Council", "as_written": ""},
                {"name": "Jo Nobody", "as_written": "Cllr Jo Nobody"},
            ],
            "attendance": [{"person": "Morris Bright", "status": "present"}],
        }
    )
    match_people(parsed, board)
    found = {p["name"]: p for p in parsed.data["person"]}
    assert found["Morris Bright"]["person_id"] == bright.pk
    assert found["Simon Blackburn"]["person_id"] == blackburn.pk
    assert found["Jo Nobody"]["new"] and found["Jo Nobody"]["person_id"] is None
    assert any("1 of the 3 people" in w for w in parsed.warnings)


BROKEN_NOTES = """Note of the last Safer and Stronger Communities Board
Title:
Safer and Stronger Communities Board
Date:
Tuesday 9 November 2021

1 Welcome
The Chair welcomed members.

8 Building Safety Update
Charles Loft introduced the report.

8.a)

Decision:
Members noted the report.
"""


def test_a_file_that_cannot_be_read_fully_leaves_nothing_behind(board):
    before = snapshot()
    with pytest.raises(ImportFailed) as error:
        import_file(board, "broken-notes.txt", BROKEN_NOTES.encode(), Options())
    assert str(error.value) == "line 13: item 8.a has a decision but no title"
    assert snapshot() == before
    assert not ImportedDocument.objects.exists()


def test_a_record_the_database_refuses_is_reported_with_its_part(board):
    # A name the database cannot hold (over 200 characters) fails at the trial load.
    notes = BROKEN_NOTES.replace("8.a)\n", "").replace(
        "The Chair welcomed members.", f"Apologies were received from Cllr {'Long' * 60} Smith."
    )
    before = snapshot()
    with pytest.raises(ImportFailed, match=r"^person .*: name: Ensure this value"):
        import_file(board, "long-name.txt", notes.encode(), Options())
    assert snapshot() == before


def test_an_unreadable_word_file_says_why(board):
    with pytest.raises(ImportFailed, match="not a Word"):
        import_file(board, "notes.docx", b"PK\x03\x04 not really a zip", Options())
    assert not ImportedDocument.objects.exists()


def test_dry_run_prints_what_would_be_created_and_writes_nothing(board):
    before = snapshot()
    out = StringIO()
    call_command(
        "import_document",
        str(SAMPLES / f"{NOTES_2021}.txt"),
        "--board",
        "sscb",
        "--dry-run",
        stdout=out,
    )
    assert "agenda items: 9 created" in out.getvalue()
    assert "declarations of interest: 2 created" in out.getvalue()
    assert snapshot() == before
    assert not ImportedDocument.objects.exists()


def test_the_command_makes_drafts_and_accepts_them_only_when_asked(board):
    path = str(SAMPLES / f"{NOTES_2018}.txt")
    out = StringIO()
    call_command("import_document", path, "--board", "sscb", stdout=out)
    assert ImportedDocument.objects.get().status == "draft"
    assert not Meeting.objects.exists()
    assert "Review it at /manage/imports/" in out.getvalue()
    call_command("import_document", path, "--board", "sscb", "--accept", stdout=out)
    assert ImportedDocument.objects.get().status == "accepted"
    assert Meeting.objects.get().notes_status == "draft"


def test_the_command_goes_on_after_a_bad_file_and_fails_at_the_end(board, tmp_path):
    bad = tmp_path / "broken-notes.txt"
    bad.write_text(BROKEN_NOTES)
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2 files could not be imported"):
        call_command(
            "import_document",
            str(bad),
            str(SAMPLES / f"{WORK_PLAN}.txt"),
            "--board",
            "sscb",
            stdout=StringIO(),
            stderr=err,
        )
    assert "line 13: item 8.a has a decision but no title" in err.getvalue()
    assert ImportedDocument.objects.get().kind == "workplan"


def test_accepting_twice_is_refused(board):
    document = import_and_accept(board, NOTES_2021)
    with pytest.raises(ImportFailed, match="already accepted"):
        accept(document)


def test_notes_of_another_board_are_a_warning_to_confirm_not_a_refusal(board):
    notes = BROKEN_NOTES.replace("8.a)\n", "").replace(
        "Title:\nSafer and Stronger Communities Board", "Title:\nCommunity Wellbeing Board"
    )
    document, _ = import_file(board, "other-board.txt", notes.encode(), Options())
    assert document.status == "draft"
    assert document.warnings[0].startswith(
        "Line 3: these read as the notes of “Community Wellbeing Board”, not of the Safer"
    )


def test_notes_without_a_date_say_what_was_looked_for(board):
    notes = BROKEN_NOTES.replace("Date:\nTuesday 9 November 2021\n", "")
    with pytest.raises(ImportFailed, match="do not give the meeting's date"):
        import_file(board, "undated.txt", notes.encode(), Options())


def test_a_scheduled_meeting_gets_draft_notes(board):
    Meeting.objects.create(board=board, date=datetime.date(2021, 11, 9))
    import_and_accept(board, NOTES_2021)
    assert Meeting.objects.get(date=datetime.date(2021, 11, 9)).notes_status == "draft"
