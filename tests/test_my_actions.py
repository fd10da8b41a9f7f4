"""Everyone's own actions: the list, marking done or proposing to drop, the clerk confirming
it as a matter arising, the action log naming who closed it, and the personal calendar."""

import datetime

import pytest
from icalendar import Calendar

from reminders.services import unsubscribe_token

from . import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def actions(world):
    """Alice (a councillor who signs in) owns two open actions, one overdue; the officers
    own a third; someone else owns a fourth."""
    alice = f.PersonFactory(
        honorific="Cllr",
        name="Alice Adams",
        user=f.UserFactory(username="alice", first_name="Alice", last_name="Adams"),
    )
    meeting = f.MeetingFactory(board=world.board, date=datetime.date.today() - 30 * DAY)
    item = f.AgendaItemFactory(meeting=meeting, number="5")
    overdue = f.ActionFactory(
        agenda_item=item,
        owner=alice,
        owner_team="",
        text="Write to the Home Office",
        due_date=datetime.date.today() - 2 * DAY,
    )
    due = f.ActionFactory(
        agenda_item=item,
        owner=alice,
        owner_team="",
        text="Circulate the toolkit",
        due_date=datetime.date.today() + 5 * DAY,
    )
    team = f.ActionFactory(
        agenda_item=item, text="Officers to brief members", due_date=datetime.date.today() + 9 * DAY
    )
    others = f.ActionFactory(
        agenda_item=item, owner=f.PersonFactory(), owner_team="", text="Someone else's action"
    )
    return alice, {"overdue": overdue, "due": due, "team": team, "others": others}


def page(client, url="/my-actions/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_actions_lists_mine_and_my_teams(actions, world, signed_in):
    alice, _ = actions
    text = page(signed_in(alice.user))
    assert "Write to the Home Office" in text and "Circulate the toolkit" in text
    assert "Officers to brief members" not in text and "Someone else" not in text
    assert text.index("Write to the Home Office") < text.index("Circulate the toolkit")
    officer_text = page(signed_in(world.officer))
    assert "Officers to brief members" in officer_text
    assert "Write to the Home Office" not in officer_text
    # A policy officer of another board does not get this board's team actions.
    other_officer = world.users["officer of another board"]
    assert "Officers to brief members" not in page(signed_in(other_officer))


def test_anonymous_visitors_are_sent_to_sign_in(anonymous):
    response = anonymous.get("/my-actions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_someone_elses_action_cannot_be_closed(actions, world, signed_in):
    alice, rows = actions
    client = signed_in(alice.user)
    url = f"/my-actions/{rows['others'].pk}/close/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "done", "note": "x"}).status_code == 404
    rows["others"].refresh_from_db()
    assert rows["others"].proposed_outcome == ""


def test_a_note_is_required(actions, signed_in):
    alice, rows = actions
    response = signed_in(alice.user).post(
        f"/my-actions/{rows['due'].pk}/close/", {"outcome": "done", "note": "  "}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text and 'href="#id_note"' in text
    assert "Enter a note for the clerk" in text


def test_the_owner_marks_done_and_the_clerk_confirms_it_at_the_next_meeting(
    actions, world, signed_in
):
    alice, rows = actions
    client = signed_in(alice.user)
    response = client.post(
        f"/my-actions/{rows['due'].pk}/close/",
        {"outcome": "done", "note": "Toolkit sent to all councils"},
    )
    assert response.status_code == 302
    action = rows["due"]
    action.refresh_from_db()
    assert (action.status, action.proposed_outcome, action.proposed_by) == (
        "open",
        "done",
        alice.user,
    )
    assert "Waiting for the clerk" in page(client)

    next_meeting = f.MeetingFactory(
        board=world.board, date=datetime.date.today(), notes_status="draft"
    )
    clerk = signed_in(world.clerk)
    arising = clerk.get(f"/manage/meetings/{next_meeting.pk}/matters-arising/").content.decode()
    assert "Marked done by Alice Adams" in arising and "Toolkit sent to all councils" in arising
    # The clerk confirms what the owner said; the form comes filled in with it.
    data = {f"action-{a.pk}-outcome": "" for a in rows.values()}
    data |= {f"action-{a.pk}-note": "" for a in rows.values()}
    data[f"action-{action.pk}-outcome"] = "done"
    data[f"action-{action.pk}-note"] = "Toolkit sent to all councils"
    assert (
        clerk.post(f"/manage/meetings/{next_meeting.pk}/matters-arising/", data).status_code == 302
    )
    action.refresh_from_db()
    assert (action.status, action.closed_at_meeting, action.closed_by, action.closed_on) == (
        "done",
        next_meeting,
        alice.user,
        datetime.date.today(),
    )
    assert "Circulate the toolkit" in page(client).split("Done or dropped")[1]
    log = signed_in(world.member).get("/actions/?status=done").content.decode()
    assert f"by Alice Adams on {datetime.date.today():%-d %b %Y}" in log


def test_a_drop_the_clerk_does_not_agree_is_carried_forward_and_forgotten(
    actions, world, signed_in
):
    alice, rows = actions
    action = rows["overdue"]
    action.propose_closing(
        outcome="dropped", note="No longer needed", by=alice.user, today=datetime.date.today()
    )
    next_meeting = f.MeetingFactory(
        board=world.board, date=datetime.date.today(), notes_status="draft"
    )
    action.follow_up(at_meeting=next_meeting, outcome="carried_forward", by=world.clerk)
    action.refresh_from_db()
    assert (action.status, action.proposed_outcome, action.proposed_by) == ("open", "", None)


def test_the_personal_calendar_lists_open_actions_by_due_date(actions, signed_in, anonymous):
    alice, _rows = actions
    client = signed_in(alice.user)
    assert client.post("/my-actions/calendar/reset/").status_code == 302
    feed = alice.user.personal_feed
    url = feed.get_absolute_url()
    assert url in page(client)
    response = anonymous.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [(str(e["summary"]), e["dtstart"].dt) for e in events] == [
        ("Action due: Write to the Home Office", datetime.date.today() - 2 * DAY),
        ("Action due: Circulate the toolkit", datetime.date.today() + 5 * DAY),
    ]
    # Resetting gives a new address; the old one stops working at once.
    client.post("/my-actions/calendar/reset/")
    feed.refresh_from_db()
    assert feed.get_absolute_url() != url
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(feed.get_absolute_url()).status_code == 200


def test_an_unknown_calendar_address_is_not_found(anonymous, db):
    assert anonymous.get("/my-actions/calendar/not-a-token.ics").status_code == 404


@pytest.mark.parametrize("n", [1, 10])
def test_query_counts_do_not_grow_with_the_data(
    world, signed_in, anonymous, django_assert_num_queries, n
):
    alice = f.PersonFactory(user=f.UserFactory(username="alice"))
    for i in range(3 * n):
        meeting = f.MeetingFactory(board=world.board, date=datetime.date.today() - (40 + i) * DAY)
        later = f.MeetingFactory(board=world.board, date=datetime.date.today() - (10 + i) * DAY)
        item = f.AgendaItemFactory(meeting=meeting)
        f.ActionFactory(
            agenda_item=item, owner=alice, owner_team="", due_date=datetime.date.today() + i * DAY
        )
        f.ActionFactory(
            agenda_item=item,
            owner=alice,
            owner_team="",
            due_date=datetime.date.today() - (i + 1) * DAY,
        )
        f.ActionFactory(
            agenda_item=item, owner=alice, owner_team="", status="done", closed_at_meeting=later
        )
    client = signed_in(alice.user)
    client.post("/my-actions/calendar/reset/")
    # session; user; open actions; closed actions; calendar address
    with django_assert_num_queries(5):
        page(client)
    # calendar address with its user; open actions with a due date
    url = alice.user.personal_feed.get_absolute_url()
    with django_assert_num_queries(2):
        response = anonymous.get(url)
    assert response.content.count(b"BEGIN:VEVENT") == 6 * n


def test_query_counts_of_the_other_own_pages(
    actions, signed_in, anonymous, django_assert_num_queries
):
    alice, rows = actions
    client = signed_in(alice.user)
    # session; user; the action with its meeting and board
    with django_assert_num_queries(3):
        assert client.get(f"/my-actions/{rows['due'].pk}/close/").status_code == 200
    # session; user; opt-outs
    with django_assert_num_queries(3):
        assert client.get("/my-reminders/").status_code == 200
    path = f"/reminders/unsubscribe/{unsubscribe_token(alice.user.pk, 'actions_due')}/"
    # the user exists
    with django_assert_num_queries(1):
        assert anonymous.get(path).status_code == 200
