"""Members' attendance records and the register of declarations: on the person page, the
board page, the board's page for each year, the CSV download and the API."""

import csv
import datetime
import io

import pytest

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(world):
    """Alice, a member in 2022/23: present at one meeting, apologies at another (a substitute
    came for her), plus a cancelled meeting, a lead members meeting, a meeting with draft
    notes and a meeting still to come, none of which count for the public."""
    alice = f.PersonFactory(honorific="Cllr", name="Alice Adams")
    f.MembershipFactory(person=alice, board=world.board, year=world.year)
    held = [
        f.MeetingFactory(board=world.board, date=datetime.date(2022, 10, 4)),
        f.MeetingFactory(board=world.board, date=datetime.date(2022, 12, 6)),
    ]
    f.AttendanceFactory(meeting=held[0], person=alice, status="present")
    f.AttendanceFactory(meeting=held[1], person=alice, status="apologies")
    f.AttendanceFactory(
        meeting=held[1],
        person=f.PersonFactory(name="Cara Cole"),
        status="substitute",
        substitute_for=alice,
    )
    cancelled = f.MeetingFactory(
        board=world.board,
        date=datetime.date(2023, 1, 10),
        cancelled=True,
        notes_status="scheduled",
    )
    f.MeetingFactory(board=world.board, date=datetime.date(2023, 2, 7), kind="lead_members")
    draft = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 3, 7), notes_status="draft"
    )
    f.AttendanceFactory(meeting=draft, person=alice, status="present")
    confidential = f.AgendaItemFactory(meeting=held[0], number="8.a", is_confidential=True)
    f.DeclarationFactory(
        meeting=held[0], person=alice, agenda_item=confidential, interest="Trustee of Refuge X"
    )
    f.DeclarationFactory(meeting=held[1], person=alice, interest="Member of the fire authority")
    f.DeclarationFactory(meeting=draft, person=alice, interest="Draft-only interest")
    return alice, cancelled


def rows_of(csv_response) -> list[list[str]]:
    body = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_board_year_page_counts_held_meetings_with_published_notes(record, anonymous):
    page = anonymous.get("/boards/sscb/2022-23/attendance/").content.decode()
    # Expected 2: the cancelled, lead members and draft-notes meetings are not counted.
    assert "Cllr Alice Adams" in page
    rows = rows_of(anonymous.get("/boards/sscb/2022-23/attendance.csv"))
    assert rows[0] == [
        "Member",
        "Authority",
        "Role",
        "Meetings expected",
        "Present",
        "Apologies",
        "Substitutes sent",
    ]
    alice = next(row for row in rows if row[0] == "Cllr Alice Adams")
    assert alice[2:] == ["Member", "2", "1", "1", "1"]


def test_people_who_work_with_the_board_count_draft_notes_too(record, world, signed_in):
    rows = rows_of(signed_in(world.member).get("/boards/sscb/2022-23/attendance.csv"))
    alice = next(row for row in rows if row[0] == "Cllr Alice Adams")
    assert alice[2:] == ["Member", "3", "2", "1", "1"]


def test_a_cancelled_meeting_counts_once_it_is_held_after_all(record, world, anonymous):
    _, cancelled = record
    cancelled.cancelled = False
    cancelled.notes_status = "published"
    cancelled.save()
    rows = rows_of(anonymous.get("/boards/sscb/2022-23/attendance.csv"))
    assert next(row for row in rows if row[0] == "Cllr Alice Adams")[3] == "3"


def test_the_register_hides_an_interest_in_a_confidential_item(record, world, anonymous, signed_in):
    page = anonymous.get("/boards/sscb/2022-23/attendance/").content.decode()
    assert "Member of the fire authority" in page
    assert "An interest in a confidential item" in page
    assert "Trustee of Refuge X" not in page
    assert "Draft-only interest" not in page
    assert "Trustee of Refuge X" not in anonymous.get("/boards/sscb/").content.decode()
    for reader in (world.member, world.clerk):
        page = signed_in(reader).get("/boards/sscb/2022-23/attendance/").content.decode()
        assert "Trustee of Refuge X" in page and "Draft-only interest" in page
    outsider = signed_in(world.outsider).get("/boards/sscb/2022-23/attendance/").content.decode()
    assert "Trustee of Refuge X" not in outsider and "Draft-only interest" not in outsider


def test_the_board_page_shows_this_years_record_and_register(record, world, anonymous):
    page = anonymous.get("/boards/sscb/").content.decode()
    assert "Attendance 2022/23" in page
    assert "Register of declarations 2022/23" in page
    assert "/boards/sscb/2022-23/attendance.csv" in page
    assert "Member of the fire authority" in page


def test_the_person_page_shows_the_record_for_each_year(record, anonymous):
    alice, _ = record
    page = anonymous.get(alice.get_absolute_url()).content.decode()
    assert "Attendance record" in page
    assert "/boards/sscb/2022-23/attendance/" in page
    assert "Member of the fire authority" in page
    assert "Trustee of Refuge X" not in page


def test_the_api_carries_the_record_on_each_membership(record, anonymous):
    alice, _ = record
    data = anonymous.get("/api/memberships/?board=sscb&limit=100").json()
    mine = [m for m in data["data"] if m["person"].endswith(f"/people/{alice.pk}/")]
    assert len(mine) == 1
    assert {
        k: mine[0][k] for k in ("meetingsExpected", "present", "apologies", "substitutesSent")
    } == {
        "meetingsExpected": 2,
        "present": 1,
        "apologies": 1,
        "substitutesSent": 1,
    }


def test_an_unknown_board_or_year_is_not_found(world, anonymous):
    assert anonymous.get("/boards/nope/2022-23/attendance/").status_code == 404
    assert anonymous.get("/boards/sscb/1999-00/attendance/").status_code == 404
    assert anonymous.get("/boards/sscb/1999-00/attendance.csv").status_code == 404


def build(n: int) -> None:
    board = f.BoardFactory(slug="sscb")
    year = f.BoardYearFactory(start_year=2022)
    f.WorkProgrammeFactory(board=board, year=year)
    for i in range(3 * n):
        meeting = f.MeetingFactory(
            board=board, date=datetime.date(2022, 9, 6) + i * datetime.timedelta(days=1)
        )
        member = f.MembershipFactory(board=board, year=year).person
        f.AttendanceFactory(meeting=meeting, person=member)
        f.AttendanceFactory(meeting=meeting, status="substitute", substitute_for=member)
        item = f.AgendaItemFactory(meeting=meeting, is_confidential=bool(i % 2))
        f.DeclarationFactory(meeting=meeting, person=member, agenda_item=item)


@pytest.mark.parametrize("n", [1, 10])
def test_query_counts_do_not_grow_with_the_data(db, client, django_assert_num_queries, n):
    build(n)
    # board; year; years with members; attendance records; declarations
    with django_assert_num_queries(5):
        response = client.get("/boards/sscb/2022-23/attendance/")
    assert response.status_code == 200
    # board; year; attendance records
    with django_assert_num_queries(3):
        response = client.get("/boards/sscb/2022-23/attendance.csv")
        rows = rows_of(response)
    assert len(rows) == 3 * n + 1


def test_the_clerk_marks_a_meeting_cancelled(world, signed_in, anonymous):
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2022, 10, 4))
    assert "Cancelled" not in anonymous.get(meeting.get_absolute_url()).content.decode()
    clerk = signed_in(world.clerk)
    url = f"/manage/meetings/{meeting.pk}/edit/"
    data = form_values(clerk.get(url).content.decode()) | {"cancelled": "on"}
    assert clerk.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled
    page = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert "Cancelled" in page
