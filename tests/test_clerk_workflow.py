"""A clerk records a meeting through the pages, from adding it to publishing the notes, then
follows its action up and records its notes as agreed at the next meeting."""

import datetime
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import get_resolver

from meetings.models import (
    Action,
    ActivityReport,
    AgendaItem,
    DeclarationOfInterest,
    Meeting,
)

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db


def field_error(response, field_id: str) -> str:
    found = re.search(rf'<p id="{field_id}_error"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    assert found, f"no error shown next to {field_id}"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


@pytest.fixture
def sscb():
    board = f.BoardFactory(
        name="Safer and Stronger Communities Board", short_name="SSCB", slug="sscb"
    )
    year = f.BoardYearFactory(start_year=2022)
    programme = f.WorkProgrammeFactory(board=board, year=year)
    theme = f.PriorityThemeFactory(programme=programme, title="Community safety")
    slavery = f.ActivityFactory(
        theme=theme,
        title="Tackle modern slavery",
        description="Help councils meet the modern slavery statutory guidance.",
    )
    f.ActivityFactory(theme=theme, title="Review fire inspections", description="Inspections.")
    alice = f.MembershipFactory(board=board, year=year, person__name="Alice Adams").person
    bob = f.MembershipFactory(board=board, year=year, person__name="Bob Brown").person
    sub = f.MembershipFactory(
        board=board, year=year, role="substitute", person__name="Cara Cole"
    ).person
    officer = f.OfficerFactory(name="Olu Adeyemi")
    clerk = f.BoardRoleFactory(board=board, role="clerk").user
    return SimpleNamespace(**locals())


@pytest.fixture
def clerk(signed_in, sscb):
    return signed_in(sscb.clerk)


def create_meeting(client, day: int, month: int, year: int) -> Meeting:
    response = client.post(
        "/manage/boards/sscb/meetings/new/",
        {
            "kind": "board",
            "date_day": day,
            "date_month": month,
            "date_year": year,
            "start_time": "11:00",
            "venue": "18 Smith Square, London",
        },
    )
    meeting = Meeting.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == f"/manage/meetings/{meeting.pk}/"
    return meeting


def item_data(number: str, title: str, **fields) -> dict:
    """The item form with its paper, decision and action parts empty."""
    data = {
        "number": number,
        "title": title,
        "confidential_reason": "",
        "introduction": "",
        "discussion_points": "",
        "paper-title": "",
        "paper-purpose": "",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-text": "",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-text": "",
        "actions-0-owner": "",
        "actions-0-owner_team": "",
        "actions-0-due_date_day": "",
        "actions-0-due_date_month": "",
        "actions-0-due_date_year": "",
    }
    return data | fields


def slavery_item(**changes) -> dict:
    data = item_data("8", "Modern slavery")
    data |= {
        "introduction": "Officers presented the draft statutory guidance.",
        "paper-has_paper": "on",
        "paper-title": "Modern slavery statutory guidance",
        "paper-purpose": "direction",
        "paper-summary": "How councils should meet the new duty.",
        "decisions-0-text": "Members agreed the proposed approach.",
        "actions-0-text": "Officers to draft the board's response",
        "actions-0-owner_team": "Officers",
        "actions-0-due_date_day": "6",
        "actions-0-due_date_month": "12",
        "actions-0-due_date_year": "2022",
    }
    return data | changes


def test_a_meeting_recorded_from_start_to_agreed_notes(clerk, client, sscb):
    # The meeting.
    assert "Add a meeting" in text(clerk.get("/manage/boards/sscb/meetings/new/"))
    meeting = create_meeting(clerk, 8, 11, 2022)
    overview = text(clerk.get(f"/manage/meetings/{meeting.pk}/"))
    assert "The meeting has been added" in overview
    assert "Tuesday 8 November 2022, 11:00 a.m." in overview
    assert meeting.notes_status == "scheduled"

    # Attendance: the members, a substitute in the row of the member and an officer, in one
    # save.
    url = f"/manage/meetings/{meeting.pk}/attendance/"
    grid = text(clerk.get(url))
    assert "Cllr Alice Adams Present Apologies Absent" in grid
    response = clerk.post(
        url,
        {
            f"member_{sscb.alice.pk}": "present",
            f"member_{sscb.bob.pk}": "apologies",
            f"substitute_{sscb.bob.pk}": sscb.sub.pk,
            "others-TOTAL_FORMS": "1",
            "others-INITIAL_FORMS": "0",
            "others-0-person": "Olu Adeyemi",
        },
    )
    assert response.status_code == 302
    rows = {a.person: (a.status, a.substitute_for) for a in meeting.attendance.all()}
    assert rows == {
        sscb.alice: ("present", None),
        sscb.bob: ("apologies", None),
        sscb.sub: ("substitute", sscb.bob),
        sscb.officer: ("in_attendance", None),
    }
    page = clerk.get(url).content.decode()
    assert f'<option value="{sscb.sub.pk}" selected>Cllr Cara Cole' in page
    assert f'name="others-0-person_id" value="{sscb.officer.pk}"' in page
    assert 'name="others-0-person" value="Olu Adeyemi' in page

    # A declaration.
    url = f"/manage/meetings/{meeting.pk}/declarations/"
    response = clerk.post(
        url, {"person": sscb.alice.pk, "agenda_item": "", "interest": "Trustee of a refuge"}
    )
    assert response.status_code == 302
    assert "Cllr Alice Adams: Trustee of a refuge" in text(clerk.get(url))

    # Items 8 and 8.a, the first with a paper, a decision and an action.
    url = f"/manage/meetings/{meeting.pk}/items/new/"
    assert clerk.post(url, slavery_item()).status_code == 302
    confidential = item_data(
        "8.a",
        "Victim support contract",
        is_confidential="on",
        confidential_reason="Commercially sensitive",
    )
    assert clerk.post(url, confidential).status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, number="8")
    assert item.paper.title == "Modern slavery statutory guidance"
    action = item.actions.get()
    assert (action.owner_team, action.due_date) == ("Officers", datetime.date(2022, 12, 6))
    assert list(item.decisions.values_list("text", flat=True)) == [
        "Members agreed the proposed approach."
    ]
    overview = text(clerk.get(f"/manage/meetings/{meeting.pk}/"))
    assert "8 Modern slavery 1 decision, 1 action" in overview
    assert "8.a Victim support contract Confidential 0 decisions, 0 actions" in overview

    # Links to the work programme: suggested, but nothing linked until ticked.
    url = f"/manage/items/{item.pk}/activities/"
    page = clerk.get(url).content.decode()
    suggested = page[page.index('<optgroup label="Suggested') : page.index("</optgroup>")]
    assert "Tackle modern slavery" in suggested
    assert "Review fire inspections" not in suggested
    assert not ActivityReport.objects.exists()
    assert clerk.post(url, {"activities": [sscb.slavery.pk]}).status_code == 302
    assert list(ActivityReport.objects.values_list("activity", flat=True)) == [sscb.slavery.pk]

    # The notes: a draft only the board's people see, then published.
    public = meeting.get_absolute_url()
    clerk.post(f"/manage/meetings/{meeting.pk}/notes/start/")
    assert "Members agreed the proposed approach" in text(clerk.get(public))
    assert "Members agreed the proposed approach" not in text(client_anon(public))
    clerk.post(f"/manage/meetings/{meeting.pk}/notes/check/")
    meeting.refresh_from_db()
    assert meeting.notes_status == "published"
    page = text(client_anon(public))
    assert "Members agreed the proposed approach" in page
    assert "Officers to draft the board's response" in page
    assert "8.a Confidential item: Victim support contract" in page
    assert "This item was considered in private" in page
    assert "Tackle modern slavery" in page

    # The next meeting: matters arising and the earlier notes agreed.
    later = create_meeting(clerk, 24, 1, 2023)
    url = f"/manage/meetings/{later.pk}/matters-arising/"
    assert "Officers to draft the board's response" in text(clerk.get(url))
    response = clerk.post(
        url, {f"action-{action.pk}-outcome": "done", f"action-{action.pk}-note": ""}
    )
    assert response.status_code == 200
    assert (
        field_error(response, f"id_action-{action.pk}-note") == "Error: Say briefly what was done"
    )
    action.refresh_from_db()
    assert action.status == "open"
    response = clerk.post(
        url,
        {f"action-{action.pk}-outcome": "done", f"action-{action.pk}-note": "Sent on 5 December."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_at_meeting, action.closing_note) == (
        "done",
        later,
        "Sent on 5 December.",
    )
    assert "1 matter arising recorded" in text(clerk.get(url))
    log = text(client_anon("/actions/?status=done"))
    assert "Officers to draft the board's response Officers 6 Dec 2022 Done" in log
    assert "Sent on 5 December." in b"".join(client_anon("/actions.csv").streaming_content).decode()

    response = clerk.post(
        f"/manage/meetings/{later.pk}/agree-notes/",
        {"meeting": meeting.pk, "amendment": "Cllr Cole attended for Cllr Brown, not Cllr Adams."},
    )
    assert response.status_code == 302
    clerk.post(f"/manage/meetings/{later.pk}/notes/start/")
    clerk.post(f"/manage/meetings/{later.pk}/notes/check/")

    earlier_page = text(client_anon(public))
    assert (
        "Agreed as a correct record at the meeting of 24 January 2023, with this amendment: "
        "Cllr Cole attended for Cllr Brown, not Cllr Adams." in earlier_page
    )
    later_page = text(client_anon(later.get_absolute_url()))
    assert "Agreed the notes of the meeting of 8 November 2022, with an amendment" in later_page
    arising = later_page[later_page.index("Matters arising") :]
    assert (
        "Officers to draft the board's response (from 8 November 2022, item 8): done. "
        "Sent on 5 December." in arising
    )


def client_anon(url):
    """The page as an anonymous visitor sees it."""
    response = Client().get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def meeting(sscb):
    return f.MeetingFactory(
        board=sscb.board, date=datetime.date(2022, 11, 8), notes_status="scheduled"
    )


def test_an_action_due_before_its_meeting_is_refused(clerk, meeting):
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/items/new/",
        slavery_item(**{"actions-0-due_date_day": "1", "actions-0-due_date_month": "11"}),
    )
    assert response.status_code == 200
    message = "An action cannot be due before the meeting that agreed it"
    assert message in field_error(response, "id_actions-0-due_date")
    assert text(response).count(message) == 2  # in the error summary and by the field
    assert not AgendaItem.objects.exists()
    assert not Action.objects.exists()


@pytest.mark.parametrize("number", ["8", " 8 ", "8)"])
def test_a_duplicate_item_number_is_refused(clerk, meeting, number):
    f.AgendaItemFactory(meeting=meeting, number="8", title="First")
    response = clerk.post(f"/manage/meetings/{meeting.pk}/items/new/", slavery_item(number=number))
    assert response.status_code == 200
    assert "already has an item with this number" in field_error(response, "id_number")
    assert meeting.items.count() == 1
    assert not Action.objects.exists()


def test_a_confidential_item_needs_a_reason(clerk, meeting):
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/items/new/",
        item_data("9", "Contract", is_confidential="on", confidential_reason="  "),
    )
    assert response.status_code == 200
    assert "Say why the item is confidential" in field_error(response, "id_confidential_reason")
    assert not AgendaItem.objects.exists()


def test_a_paper_needs_a_purpose(clerk, meeting):
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/items/new/", slavery_item(**{"paper-purpose": ""})
    )
    assert "Choose the purpose of the paper" in field_error(response, "id_paper-purpose")
    assert not AgendaItem.objects.exists()


def test_an_action_needs_an_owner(clerk, meeting):
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/items/new/", slavery_item(**{"actions-0-owner_team": ""})
    )
    assert "Choose a person or name the team" in field_error(response, "id_actions-0-owner_team")
    assert not AgendaItem.objects.exists()


def test_a_second_meeting_of_the_same_kind_on_one_day_is_refused(clerk, meeting):
    response = clerk.post(
        "/manage/boards/sscb/meetings/new/",
        {"kind": "board", "date_day": "8", "date_month": "11", "date_year": "2022"},
    )
    assert response.status_code == 200
    assert "already has a meeting of this kind on that date" in field_error(response, "id_date")
    assert Meeting.objects.count() == 1


def test_apologies_changed_to_absent_are_removed(clerk, meeting, sscb):
    url = f"/manage/meetings/{meeting.pk}/attendance/"
    empty = {"others-TOTAL_FORMS": "0", "others-INITIAL_FORMS": "0"}
    absent = {f"member_{sscb.bob.pk}": "absent"}
    clerk.post(url, empty | absent | {f"member_{sscb.alice.pk}": "apologies"})
    assert meeting.attendance.get().status == "apologies"
    clerk.post(url, empty | absent | {f"member_{sscb.alice.pk}": "absent"})
    assert not meeting.attendance.exists()


def test_a_declaration_only_for_someone_at_the_meeting(clerk, meeting, sscb):
    f.AttendanceFactory(meeting=meeting, person=sscb.bob, status="apologies")
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/declarations/",
        {"person": sscb.bob.pk, "agenda_item": "", "interest": "A trustee"},
    )
    assert "Select a valid choice" in field_error(response, "id_person")
    assert not DeclarationOfInterest.objects.exists()


def test_no_page_deletes_a_meeting_with_items(clerk, client, meeting, sscb):
    f.AgendaItemFactory(meeting=meeting, number="1")
    # No manage URL offers deletion.
    routes = [str(pattern.pattern) for pattern in get_resolver().url_patterns]
    assert not [route for route in routes if "delete" in route]
    for path in ("delete/", "remove/"):
        assert clerk.post(f"/manage/meetings/{meeting.pk}/{path}").status_code == 404
    # The clerk cannot reach the administration at all.
    admin_delete = f"/admin/meetings/meeting/{meeting.pk}/delete/"
    assert clerk.post(admin_delete, {"post": "yes"}).status_code == 302
    # Even an administrator is stopped: the items protect the meeting.
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    page = client.get(admin_delete)
    assert "Cannot delete meeting" in text(page) or "would require deleting" in text(page)
    client.post(admin_delete, {"post": "yes"})
    client.post(
        "/admin/meetings/meeting/",
        {"action": "delete_selected", "_selected_action": [meeting.pk], "post": "yes"},
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert meeting.items.count() == 1


def test_apologies_at_another_meeting_do_not_stop_a_declaration(clerk, meeting, sscb):
    earlier = f.MeetingFactory(board=sscb.board, date=datetime.date(2022, 9, 20))
    f.AttendanceFactory(meeting=earlier, person=sscb.alice, status="apologies")
    f.AttendanceFactory(meeting=meeting, person=sscb.alice, status="present")
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/declarations/",
        {"person": sscb.alice.pk, "agenda_item": "", "interest": "A trustee"},
    )
    assert response.status_code == 302
    assert meeting.declarations.get().person == sscb.alice


def test_a_declaration_for_one_item_of_the_meeting(clerk, meeting, sscb):
    item = f.AgendaItemFactory(meeting=meeting, number="8.a")
    f.AttendanceFactory(meeting=meeting, person=sscb.alice, status="present")
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/declarations/",
        {"person": sscb.alice.pk, "agenda_item": item.pk, "interest": "A trustee"},
    )
    assert response.status_code == 302
    assert meeting.declarations.get().agenda_item == item


def test_an_action_carried_forward_is_not_offered_again_at_the_same_meeting(world, signed_in):
    """Carried forward, an action stays open: at the meeting that carried it forward it is
    listed with that meeting's follow-ups, not offered again, where a second outcome was
    thrown away ("0 matters arising recorded")."""
    clerk = signed_in(world.clerk)
    action = f.ActionFactory(
        agenda_item__meeting__board=world.board,
        agenda_item__meeting__date=datetime.date(2022, 11, 8),
        text="Add night-time economy data to the assessment",
    )
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2023, 1, 24))
    url = f"/manage/meetings/{meeting.pk}/matters-arising/"
    form = {f"action-{action.pk}-outcome": "carried_forward", f"action-{action.pk}-note": ""}
    assert clerk.post(url, form).status_code == 302
    page = clerk.get(url).content.decode()
    followed_up = page[page.index("Followed up at this meeting") : page.index("Open actions")]
    assert "Add night-time economy data" in followed_up
    assert f"action-{action.pk}-outcome" not in page
    assert "There are no open actions from earlier meetings." in page
    later = f.MeetingFactory(board=world.board, date=datetime.date(2023, 3, 7))
    assert (
        f"action-{action.pk}-outcome"
        in clerk.get(f"/manage/meetings/{later.pk}/matters-arising/").content.decode()
    )


def test_save_and_continue_from_matters_arising_goes_on_to_what_is_next(world, signed_in):
    clerk = signed_in(world.clerk)
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2023, 1, 24))
    url = f"/manage/meetings/{meeting.pk}/matters-arising/"
    response = clerk.post(url, {"continue": "1"})
    assert response["Location"] == f"/manage/meetings/{meeting.pk}/items/new/"
    f.AgendaItemFactory(meeting=meeting, number="1", title="Welcome")
    response = clerk.post(url, {"continue": "1"})
    assert response["Location"] == f"/manage/meetings/{meeting.pk}/"
