"""Every public list and detail page makes the same number of queries whether it shows 3 rows
or 30: each test fills the shared world's board at 1x and at 10x (year_of_records in
conftest.py) and expects the 1x count both times."""

import pytest
from django.db import connection

from meetings.search import KINDS

# On PostgreSQL a search is planned for its words, and its windows count back from each
# table's newest key: two statements more.
PLANNING = 2 if connection.vendor == "postgresql" else 0

pytestmark = pytest.mark.django_db

PROGRAMME = "/boards/sscb/2022-23/"


def addresses(records) -> dict[str, str]:
    """The address of each page, on the world's board filled by year_of_records."""
    person, focus = records.person, records.focus
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
    # the same: the chosen lead officer is checked against the choices read
    "programme_filtered": 9,
    # activity; its lead officer; the activity it continues; carried forward to; updates;
    # reports with items, papers; decisions; actions (a signed-in reader's stored copies save
    # all but the first)
    "activity": 8,
    # board; count; page of meetings
    "meeting_list": 3,
    # meeting; items with papers; presenters; papers' files; decisions; actions; activity
    # links; the meetings it links to (previous, next, the one that agreed its notes and
    # those whose notes it agreed: one query); corrections of these notes and those it agreed
    # (the items' among them); attendance; members absent; matters arising; declarations;
    # whether it has papers' files (with files, its stored packs too: one more)
    "meeting": 15,
    # every board's version (the stored list's key); count; board choices; page of actions
    "action_log": 4,
    # the same: the chosen board is checked against the choices
    "action_log_filtered": 4,
    # person; attendance counts; memberships; attendance; declarations; activities led;
    # items presented; attendance records
    "person": 8,
    # every board's versions; top results of each kind of record (activities, updates,
    # items, papers, papers' files, notes, decisions, actions, meetings); on PostgreSQL,
    # planned for the words (search.planned_for_the_words), and the newest keys
    # (search.newest_keys)
    "search": 1 + len(KINDS) + PLANNING,
    # count; page of results
    "search_one_kind": 2 + PLANNING,
}


@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("name", QUERIES)
def test_query_counts_do_not_grow_with_the_data(
    client, django_assert_num_queries, year_of_records, name, n
):
    url = addresses(year_of_records(n))[name]
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
