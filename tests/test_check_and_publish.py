"""Check before publishing: the whole notes on one page (attendance, items, decisions,
actions, confidential items flagged, links), published only from there; published notes are
never withdrawn to a draft: they change only by corrections readers see."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Meeting

from . import factories as f

pytestmark = pytest.mark.django_db


def text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def draft(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="draft"
    )
    f.AttendanceFactory(meeting=meeting, person=world.councillor, status="present")
    sub = f.PersonFactory(name="Sunil Sub")
    absent = f.PersonFactory(name="Abe Sent")
    f.AttendanceFactory(meeting=meeting, person=absent, status="apologies")
    f.AttendanceFactory(meeting=meeting, person=sub, status="substitute", substitute_for=absent)
    open_item = f.AgendaItemFactory(meeting=meeting, number="4", title="Modern slavery")
    f.DecisionFactory(agenda_item=open_item, text="Members agreed the approach.")
    f.ActionFactory(agenda_item=open_item, text="Write to the Home Office", owner_team="Officers")
    f.ActivityReportFactory(agenda_item=open_item, activity=world.activity)
    f.AgendaItemFactory(
        meeting=meeting,
        number="8.a",
        title="Contract award",
        is_confidential=True,
        confidential_reason="Commercial",
    )
    return meeting


def test_the_check_page_shows_the_whole_notes_then_publishes(world, signed_in, draft):
    clerk = signed_in(world.clerk)
    hub = text(clerk.get(f"/manage/meetings/{draft.pk}/"))
    assert "Check and publish the notes" in hub
    page = text(clerk.get(f"/manage/meetings/{draft.pk}/notes/check/"))
    assert "Apologies (1) Cllr Abe Sent" in page
    assert "Substitute (1) Cllr Sunil Sub for Cllr Abe Sent" in page
    assert "4. Modern slavery" in page
    assert "Members agreed the approach." in page
    assert "Write to the Home Office – Officers" in page
    assert "Reported on Tackle modern slavery" in page
    assert "8.a. Contract award Confidential" in page
    draft.refresh_from_db()
    assert draft.notes_status == "draft"  # reading the page publishes nothing

    response = clerk.post(f"/manage/meetings/{draft.pk}/notes/check/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.notes_status == "published"


def test_the_old_one_click_publish_no_longer_publishes(world, signed_in, draft):
    signed_in(world.clerk).post(f"/manage/meetings/{draft.pk}/notes/publish/")
    draft.refresh_from_db()
    assert draft.notes_status == "draft"


def test_published_notes_are_never_withdrawn_to_a_draft(world, signed_in, draft):
    draft.publish_notes()
    clerk = signed_in(world.clerk)
    for step in ("withdraw", "start", "draft"):
        response = clerk.post(f"/manage/meetings/{draft.pk}/notes/{step}/", {"reason": "Oops"})
        assert response.status_code in (302, 404)
        assert Meeting.objects.get(pk=draft.pk).notes_status == "published"
    assert not hasattr(Meeting, "withdraw_notes")
    hub = text(clerk.get(f"/manage/meetings/{draft.pk}/"))
    assert "Published notes are not withdrawn" in hub
    assert "Withdraw the notes" not in hub


def test_a_board_member_may_not_check(world, signed_in, draft):
    member = signed_in(world.member)
    assert member.post(f"/manage/meetings/{draft.pk}/notes/check/").status_code == 403
    assert Meeting.objects.get(pk=draft.pk).notes_status == "draft"


def test_the_check_page_query_count(world, signed_in, draft):
    clerk = signed_in(world.clerk)
    # Session, user with their roles, meeting, attendance, declarations, items with papers,
    # presenters, decisions, actions, their owners, links, their activities, matters arising.
    with CaptureQueriesContext(connection) as queries:
        assert clerk.get(f"/manage/meetings/{draft.pk}/notes/check/").status_code == 200
    assert len(queries) == 12, [q["sql"][:90] for q in queries]


def test_save_and_continue_runs_through_the_recording_pages(world, signed_in):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="scheduled"
    )
    clerk = signed_in(world.clerk)
    base = f"/manage/meetings/{meeting.pk}"
    register = {
        f"member_{world.councillor.pk}": "present",
        f"substitute_{world.councillor.pk}": "",
        "others-TOTAL_FORMS": "0",
        "others-INITIAL_FORMS": "0",
        "continue": "1",
    }
    assert clerk.post(f"{base}/attendance/", register).url == f"{base}/matters-arising/"
    assert clerk.post(f"{base}/matters-arising/", {"continue": "1"}).url == f"{base}/items/new/"
    item = {
        "number": "1",
        "title": "Welcome",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "continue": "1",
    }
    assert clerk.post(f"{base}/items/new/", item).url == f"{base}/items/new/"
    # A scheduled meeting written up in one sitting is published straight from the check.
    assert clerk.post(f"{base}/notes/check/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes_status == "published"
