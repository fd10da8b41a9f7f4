"""Published notes change only on record: a change to the register or to the declarations
of interest of published notes asks why, keeps the text before and after as a correction,
and readers see it where the attendance and declarations are; agreed notes change only by a
correction a later meeting agreed; a draft is just edited; and published notes are never
taken back to a draft."""

import datetime
import re
from html import unescape

import pytest

from meetings.models import Attendance, DeclarationOfInterest, NotesCorrection

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong|ins|del)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def meeting(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="published"
    )
    f.AttendanceFactory(meeting=meeting, person=world.councillor, status="present")
    f.AgendaItemFactory(meeting=meeting, number="4", title="Fire safety")
    return meeting


@pytest.fixture
def clerk(world, signed_in):
    return signed_in(world.clerk)


def attendance_url(meeting) -> str:
    return f"/manage/meetings/{meeting.pk}/attendance/"


def declarations_url(meeting) -> str:
    return f"/manage/meetings/{meeting.pk}/declarations/"


def page_url(meeting) -> str:
    return f"/boards/sscb/meetings/{meeting.date}/"


def with_apologies(clerk, meeting, person, **more) -> dict:
    data = form_values(clerk.get(attendance_url(meeting)).content.decode())
    return data | {f"member_{person.pk}": "apologies"} | more


def test_changing_the_register_of_published_notes_asks_why(world, clerk, meeting):
    response = clerk.post(attendance_url(meeting), with_apologies(clerk, meeting, world.councillor))
    assert response.status_code == 200
    assert text(response).count("Enter why you are correcting the published notes") == 2
    assert meeting.attendance.get(person=world.councillor).status == "present"
    assert not NotesCorrection.objects.exists()


def test_a_register_correction_is_kept_and_shown_to_the_public(world, clerk, meeting, anonymous):
    data = with_apologies(
        clerk, meeting, world.councillor, **{"correction-reason": "Cllr sent apologies"}
    )
    assert clerk.post(attendance_url(meeting), data).status_code == 302
    assert meeting.attendance.get(person=world.councillor).status == "apologies"
    correction = NotesCorrection.objects.get()
    assert (correction.part, correction.agenda_item) == ("attendance", None)
    name = str(world.councillor)
    assert f"Present: {name}" in correction.before and f"Apologies: {name}" in correction.after
    assert correction.made_by == world.clerk

    page = text(anonymous.get(page_url(meeting)))
    assert f"Attendance, on {correction.corrected_on:%-d %B %Y}: Cllr sent apologies" in page
    assert f"Corrected on {correction.corrected_on:%-d %B %Y}: Cllr sent apologies" in page
    assert 'id="attendance-correction-1"' in anonymous.get(page_url(meeting)).content.decode()


def test_a_register_sent_back_unchanged_needs_no_reason(world, clerk, meeting):
    data = form_values(clerk.get(attendance_url(meeting)).content.decode())
    assert clerk.post(attendance_url(meeting), data).status_code == 302
    assert not NotesCorrection.objects.exists()


def test_a_draft_register_is_just_edited(world, clerk, meeting):
    meeting.notes_status = "draft"
    meeting.save()
    page = clerk.get(attendance_url(meeting)).content.decode()
    assert "correction-reason" not in page
    data = form_values(page) | {f"member_{world.councillor.pk}": "apologies"}
    assert clerk.post(attendance_url(meeting), data).status_code == 302
    assert meeting.attendance.get(person=world.councillor).status == "apologies"
    assert not NotesCorrection.objects.exists()


def test_agreed_notes_register_changes_only_with_the_meeting_that_agreed_it(
    world, clerk, meeting, anonymous
):
    later = f.MeetingFactory(board=world.board, date=datetime.date(2023, 1, 17))
    meeting.record_notes_agreed(at_meeting=later)
    data = with_apologies(
        clerk, meeting, world.councillor, **{"correction-reason": "Cllr sent apologies"}
    )
    response = clerk.post(attendance_url(meeting), data)
    assert "Choose the meeting that agreed the correction" in text(response)
    assert meeting.attendance.get(person=world.councillor).status == "present"

    data["correction-agreed_at"] = str(later.pk)
    assert clerk.post(attendance_url(meeting), data).status_code == 302
    correction = NotesCorrection.objects.get()
    assert correction.agreed_at == later
    later_page = text(anonymous.get(page_url(later)))
    assert "Agreed a correction To the attendance of the meeting of 8 November 2022" in later_page


def test_recording_and_removing_a_declaration_of_published_notes_ask_why(
    world, clerk, meeting, anonymous
):
    item = meeting.items.get()
    declaration = {
        "person": str(world.councillor.pk),
        "agenda_item": str(item.pk),
        "interest": "Owns a fire safety firm",
    }
    response = clerk.post(declarations_url(meeting), declaration)
    assert "Enter why you are correcting the published notes" in text(response)
    assert not DeclarationOfInterest.objects.exists()

    reason = {"correction-reason": "The declaration was left out"}
    assert clerk.post(declarations_url(meeting), declaration | reason).status_code == 302
    recorded = DeclarationOfInterest.objects.get()
    added = NotesCorrection.objects.get()
    assert added.part == "declarations"
    assert added.before == "No declarations of interest."
    assert "Owns a fire safety firm (item 4)" in added.after

    remove = {"remove": str(recorded.pk)}
    response = clerk.post(declarations_url(meeting), remove)
    assert "Enter why you are correcting the published notes" in text(response)
    assert DeclarationOfInterest.objects.exists()
    reason = {"correction-reason": "Declared at the wrong meeting"}
    assert clerk.post(declarations_url(meeting), remove | reason).status_code == 302
    assert not DeclarationOfInterest.objects.exists()
    assert NotesCorrection.objects.count() == 2

    page = text(anonymous.get(page_url(meeting)))
    assert "Declarations of interest, on" in page
    assert "The declaration was left out" in page and "Declared at the wrong meeting" in page


def test_a_declaration_on_a_confidential_item_is_not_spelt_out_in_its_correction(
    world, clerk, meeting, anonymous
):
    item = meeting.items.get()
    item.is_confidential, item.confidential_reason = True, "Commercially sensitive"
    item.save()
    data = {
        "person": str(world.councillor.pk),
        "agenda_item": str(item.pk),
        "interest": "Owns the preferred bidder",
        "correction-reason": "Left out",
    }
    assert clerk.post(declarations_url(meeting), data).status_code == 302
    correction = NotesCorrection.objects.get()
    assert "preferred bidder" not in correction.after
    assert "an interest in item 4" in correction.after
    assert "preferred bidder" not in anonymous.get(page_url(meeting)).content.decode()


def test_the_api_and_feeds_name_the_part_corrected(world, clerk, meeting, anonymous):
    data = with_apologies(clerk, meeting, world.councillor, **{"correction-reason": "Apologies"})
    clerk.post(attendance_url(meeting), data)
    assert Attendance.objects.get(meeting=meeting, person=world.councillor).status == "apologies"
    feed = anonymous.get("/boards/sscb/decisions.atom").content.decode()
    assert "Correction to the notes of 8 November 2022, the attendance" in feed
    assert f"{page_url(meeting)}#attendance" in feed
