"""Notes as a record: published notes are changed only with a reason, the earlier text is
kept, and readers see "Corrected on <date>: <reason>" with the words taken out and put in;
agreed notes change only by a correction a later meeting agreed, linked both ways."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import NotesCorrection

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong|ins|del)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def published(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="published"
    )
    item = f.AgendaItemFactory(
        meeting=meeting,
        number="4",
        title="Fire safety",
        introduction="The board heard about sprinklers in tall buildings.",
    )
    f.DecisionFactory(agenda_item=item, text="The board noted the update.")
    return item


@pytest.fixture
def clerk(world, signed_in):
    return signed_in(world.clerk)


def edit_url(item) -> str:
    return f"/manage/items/{item.pk}/edit/"


def page_url(meeting) -> str:
    return f"/boards/sscb/meetings/{meeting.date}/"


def sent_back(client, item, **changes) -> dict:
    data = form_values(client.get(edit_url(item)).content.decode())
    return data | changes


def test_changing_published_notes_asks_why_and_changes_nothing_without_it(clerk, published):
    data = sent_back(clerk, published, introduction="The board heard about sprinklers in schools.")
    response = clerk.post(edit_url(published), data)
    assert response.status_code == 200
    assert "Enter why you are correcting the published notes" in text(response)
    published.refresh_from_db()
    assert "tall buildings" in published.introduction
    assert not NotesCorrection.objects.exists()


def test_published_notes_sent_back_unchanged_save_without_a_reason(clerk, published):
    response = clerk.post(edit_url(published), sent_back(clerk, published))
    assert response.status_code == 302
    assert not NotesCorrection.objects.exists()


def test_a_correction_is_shown_to_the_public_with_its_reason_and_the_words_changed(
    clerk, published, anonymous
):
    data = sent_back(
        clerk,
        published,
        introduction="The board heard about sprinklers in schools.",
        **{"correction-reason": "The notes named the wrong buildings."},
    )
    assert clerk.post(edit_url(published), data).status_code == 302
    correction = NotesCorrection.objects.get()
    assert "tall buildings" in correction.before and "schools" in correction.after
    page = anonymous.get(page_url(published.meeting))
    shown = text(page)
    assert (
        f"Corrected on {datetime.date.today():%-d %B %Y}: The notes named the wrong buildings."
        in shown
    )
    html = page.content.decode()
    assert re.search(r"<del[^>]*>.*?tall buildings\.</del>", html)
    assert re.search(r"<ins[^>]*>.*?schools\.</ins>", html)
    assert "sprinklers in schools" in shown  # the item itself reads as corrected


def test_the_text_kept_from_before_is_the_records_text(world, clerk, published):
    """The form's "before" is written from what its pickers and rows read, not read again:
    it is what the records said, presenters (by name), decisions and action owners included."""
    later = f.OfficerFactory(name="Zoe Adams")
    earlier = f.OfficerFactory(name="Alan Young")
    for person in (later, earlier):
        f.AttendanceFactory(meeting=published.meeting, person=person, status="in_attendance")
    published.presenters.set([later, earlier])
    f.ActionFactory(
        agenda_item=published, text="Write to the minister", owner=earlier, owner_team=""
    )
    f.ActionFactory(agenda_item=published, text="Report back", due_date=datetime.date(2023, 1, 9))
    recorded = type(published).objects.get(pk=published.pk).record_text()
    assert "Presented by" in recorded and "Alan Young" in recorded
    data = sent_back(
        clerk, published, title="Fire safety in tall buildings", **{"correction-reason": "Title"}
    )
    assert clerk.post(edit_url(published), data).status_code == 302
    correction = NotesCorrection.objects.get()
    assert correction.before == recorded
    assert correction.after == recorded.replace("Fire safety", "Fire safety in tall buildings", 1)


def test_a_draft_is_just_edited(clerk, published):
    published.meeting.notes_status = "draft"
    published.meeting.save()
    data = sent_back(clerk, published, introduction="Rewritten.")
    assert "correction-reason" not in data
    assert clerk.post(edit_url(published), data).status_code == 302
    assert not NotesCorrection.objects.exists()


def test_a_confidential_items_correction_is_hidden_as_the_item_is(
    clerk, published, anonymous, signed_in, world
):
    published.is_confidential = True
    published.confidential_reason = "Exempt"
    published.save()
    data = sent_back(
        clerk,
        published,
        introduction="Secret sprinklers.",
        **{"correction-reason": "Wrong secret building."},
    )
    assert clerk.post(edit_url(published), data).status_code == 302
    public = text(anonymous.get(page_url(published.meeting)))
    assert "Wrong secret building" not in public and "Secret sprinklers" not in public
    assert "Corrected" not in public
    member = text(signed_in(world.member).get(page_url(published.meeting)))
    assert "Wrong secret building" in member
    api = anonymous.get(f"/api/meetings/{published.meeting.pk}/").content.decode()
    assert "Wrong secret building" not in api


def test_agreed_notes_change_only_by_a_correction_a_later_meeting_agreed(
    clerk, published, anonymous, world
):
    later = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 1, 10), notes_status="published"
    )
    published.meeting.record_notes_agreed(at_meeting=later)
    next_one = f.MeetingFactory(board=world.board, date=datetime.date(2023, 3, 14))
    page = clerk.get(edit_url(published))
    assert "These notes were agreed as a correct record" in text(page)
    data = sent_back(
        clerk,
        published,
        introduction="The board heard about sprinklers in care homes.",
        **{"correction-reason": "Care homes, not tall buildings."},
    )
    response = clerk.post(edit_url(published), data)
    assert "Choose the meeting that agreed the correction" in text(response)
    assert not NotesCorrection.objects.exists()
    # The choices are the board's later meetings, named as the board's: no earlier one, nor
    # another board's, is taken.
    assert "Choose a meeting SSCB board meeting, 14 March 2023" in text(page).replace(
        str(world.board.short_name or world.board), "SSCB"
    )
    elsewhere = f.MeetingFactory(board=world.other_board, date=datetime.date(2023, 2, 1))
    earlier = f.MeetingFactory(board=world.board, date=datetime.date(2022, 6, 1))
    for refused in (earlier, elsewhere, published.meeting):
        data["correction-agreed_at"] = str(refused.pk)
        assert "Select a valid choice" in text(clerk.post(edit_url(published), data))
    assert not NotesCorrection.objects.exists()
    data["correction-agreed_at"] = str(next_one.pk)
    assert clerk.post(edit_url(published), data).status_code == 302
    correction = NotesCorrection.objects.get()
    assert correction.agreed_at == next_one
    corrected = text(anonymous.get(page_url(published.meeting)))
    assert "Care homes, not tall buildings. (agreed at the meeting of 14 March 2023)" in corrected
    agreeing = text(anonymous.get(page_url(next_one)))
    assert "Agreed a correction To item 4 of the meeting of 8 November 2022" in agreeing


def test_the_api_carries_the_notes_state_and_the_corrections(clerk, published, anonymous):
    data = sent_back(
        clerk,
        published,
        introduction="The board heard about sprinklers in schools.",
        **{"correction-reason": "Wrong buildings."},
    )
    clerk.post(edit_url(published), data)
    body = anonymous.get(f"/api/meetings/{published.meeting.pk}/").json()
    assert body["notesSubjectToApproval"] is True
    assert body["notesLocked"] is False
    [correction] = body["corrections"]
    assert correction["reason"] == "Wrong buildings."
    assert correction["correctedOn"] == datetime.date.today().isoformat()
    assert "tall buildings" in correction["before"] and "schools" in correction["after"]
    assert correction["agendaItem"].endswith(f"/api/agenda-items/{published.pk}/")


def test_the_feeds_carry_the_state_and_the_corrections(clerk, published, anonymous):
    data = sent_back(
        clerk,
        published,
        introduction="The board heard about sprinklers in schools.",
        **{"correction-reason": "Wrong buildings."},
    )
    clerk.post(edit_url(published), data)
    atom = anonymous.get("/boards/sscb/decisions.atom").content.decode()
    assert "Correction to the notes of 8 November 2022, item 4" in atom
    assert f"Corrected on {datetime.date.today():%-d %B %Y}: Wrong buildings." in atom
    ics = anonymous.get("/boards/sscb/meetings.ics?history=all").content.decode()
    assert "Subject to approval at the next meeting." in ics.replace("\r\n ", "")


def test_an_items_corrections_are_in_the_api(clerk, published, anonymous):
    data = sent_back(
        clerk, published, title="Fire safety in schools", **{"correction-reason": "Title."}
    )
    clerk.post(edit_url(published), data)
    item = anonymous.get(f"/api/agenda-items/{published.pk}/").json()
    assert [c["reason"] for c in item["corrections"]] == ["Title."]


def test_the_form_for_agreed_notes_costs_the_same_queries_however_many_meetings_follow(
    clerk, published, world
):
    """The later meetings offered to agree a correction are read in one query, boards too."""
    later = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 1, 10), notes_status="published"
    )
    published.meeting.record_notes_agreed(at_meeting=later)
    clerk.get(edit_url(published))  # warm: the session and anything read once per process
    with CaptureQueriesContext(connection) as one:
        assert clerk.get(edit_url(published)).status_code == 200
    for month in (3, 5, 7, 9, 11):
        f.MeetingFactory(board=world.board, date=datetime.date(2023, month, 14))
    with CaptureQueriesContext(connection) as six:
        assert clerk.get(edit_url(published)).status_code == 200
    assert len(six) == len(one)
