"""Every public list and detail page makes the same number of queries whether it shows 3 rows
or 30: each test builds the data at 1x and at 10x and expects the 1x count both times."""

import datetime

import pytest

from meetings.search import KINDS

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
PROGRAMME = "/boards/sscb/2022-23/"


def build(n: int) -> dict[str, str]:
    """3n of everything a page lists, all on one board, and the address of each page."""
    k = 3 * n
    person = f.OfficerFactory(name="Pat Focus")
    board = f.BoardFactory(slug="sscb")
    year = f.BoardYearFactory(start_year=2022)
    programme = f.WorkProgrammeFactory(board=board, year=year)
    meeting = f.MeetingFactory(board=board, date=datetime.date(2022, 10, 4))
    later = f.MeetingFactory(board=board, date=datetime.date(2022, 12, 6))
    focus = None
    for i in range(k):
        old_year = f.BoardYearFactory(start_year=1990 + i)
        f.WorkProgrammeFactory(board=board, year=old_year)
        f.MembershipFactory(person=person, board=board, year=old_year)
        f.MembershipFactory(board=board, year=year)
        activity = f.ActivityFactory(
            theme=f.PriorityThemeFactory(programme=programme),
            lead_officer=person if i % 2 else f.OfficerFactory(),
            title=f"Prevent activity {i}",
        )
        focus = focus or activity
        f.ProgressUpdateFactory(activity=focus, text=f"Prevent progress {i}")
        f.ProgressUpdateFactory(activity=activity)
        item = f.AgendaItemFactory(meeting=meeting, title=f"Prevent item {i}")
        item.presenters.add(person, f.OfficerFactory())
        f.PaperFactory(agenda_item=item, contact_officer=person)
        f.DecisionFactory(agenda_item=item, text="Prevent decision")
        f.ActionFactory(
            agenda_item=item, owner=person, text="Prevent", status="done", closed_at_meeting=later
        )
        f.ActionFactory(agenda_item=item, due_date=TODAY - DAY)
        f.ActivityReportFactory(agenda_item=item, activity=focus)
        if activity != focus:
            f.ActivityReportFactory(agenda_item=item, activity=activity)
        for status in ("present", "apologies", "in_attendance"):
            f.AttendanceFactory(meeting=meeting, status=status)
        f.AttendanceFactory(meeting=meeting, status="substitute", substitute_for=f.PersonFactory())
        f.DeclarationFactory(meeting=meeting, agenda_item=item)
        past = f.MeetingFactory(board=board, date=datetime.date(2021, 1, 1) + i * DAY)
        f.AttendanceFactory(meeting=past, person=person)
        f.DeclarationFactory(meeting=past, person=person)
        f.ActionFollowUpFactory(action=f.ActionFactory(agenda_item__meeting=past), meeting=meeting)
        f.MeetingFactory(board=board, date=TODAY + (i + 1) * DAY, venue="Prevent House")
        f.ActivityFactory(theme__programme__year=year)
        f.MeetingFactory(date=TODAY + DAY)
    return {
        "home": "/",
        "board": "/boards/sscb/",
        "programme": PROGRAMME,
        "programme_filtered": f"{PROGRAMME}?status=in_progress&lead_officer={person.pk}",
        "activity": f"{PROGRAMME}activities/{focus.pk}/",
        "meeting_list": "/boards/sscb/meetings/",
        "meeting": "/boards/sscb/meetings/2022-10-04/",
        "action_log": "/actions/",
        "action_log_filtered": "/actions/?board=sscb&overdue=on&owner=officers",
        "person": f"/people/{person.slug}/",
        "search": "/search/?q=prevent",
        "search_one_kind": "/search/?q=prevent&kind=items",
    }


QUERIES = {
    # every board's version (the stored list's key); count of boards; a page of boards with
    # next meeting date; their current programmes with board and year; activity counts by
    # programme, status
    "home": 5,
    # board; programme with board, year; themes with counts; action counts; open actions;
    # upcoming meetings; recent meetings; members; attendance records; declarations register
    "board": 10,
    # programme; status counts; budget allocated; other years; theme choices; lead officer
    # choices; activities with latest update; their reports; themes (a signed-in reader's
    # stored copy saves all but the programme)
    "programme": 9,
    # and the chosen lead officer
    "programme_filtered": 10,
    # activity; its lead officer; the activity it continues; carried forward to; updates;
    # reports with items, papers; decisions; actions (a signed-in reader's stored copies save
    # all but the first)
    "activity": 8,
    # board; count; page of meetings
    "meeting_list": 3,
    # meeting; items with papers; presenters; decisions; actions; activity links;
    # previous; next; the meeting that agreed its notes; attendance; notes it agreed; matters
    # arising; declarations
    "meeting": 13,
    # every board's version (the stored list's key); count; board choices; page of actions
    "action_log": 4,
    # and the chosen board
    "action_log_filtered": 5,
    # person; attendance counts; memberships; attendance; declarations; activities led;
    # items presented; attendance records
    "person": 8,
    # every board's versions; top results of each kind of record (activities, updates,
    # items, notes, decisions, actions, meetings: 7 at the time of writing)
    "search": 1 + len(KINDS),
    # count; page of results
    "search_one_kind": 2,
}


@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("name", QUERIES)
def test_query_counts_do_not_grow_with_the_data(client, django_assert_num_queries, name, n):
    url = build(n)[name]
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
