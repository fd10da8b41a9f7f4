"""The iCalendar feed, the Atom feeds and the CSV downloads: they parse, link to the right
pages, keep their identifiers, apply the page's filters and make a fixed number of queries."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from web.csv_export import neutralise
from web.public.feeds import DecisionsFeed

from . import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ATOM = "{http://www.w3.org/2005/Atom}"
CALENDAR = "/boards/sscb/meetings.ics?history=all"
PROGRAMME = "/boards/sscb/2022-23/"


@pytest.fixture
def sscb(world):
    """The world's board with four meetings (two with items and decisions) and two updates
    on its activity; the other board has a meeting of its own."""
    board, programme = world.board, world.programme
    ns = SimpleNamespace(
        board=board,
        programme=programme,
        member=world.member,
        other_board=world.other_board,
        summer=f.MeetingFactory(
            board=board, date=datetime.date(2022, 9, 20), start_time=datetime.time(10, 30)
        ),
        winter=f.MeetingFactory(
            board=board, date=datetime.date(2023, 1, 24), start_time=datetime.time(14, 0)
        ),
        untimed=f.MeetingFactory(board=board, date=datetime.date(2023, 3, 14), start_time=None),
        lead=f.MeetingFactory(board=board, date=datetime.date(2023, 3, 14), kind="lead_members"),
    )
    f.MeetingFactory(board=ns.other_board)  # not in this board's calendar
    ns.item = f.AgendaItemFactory(meeting=ns.summer, number="3", title="Prevent duty")
    ns.decisions = [f.DecisionFactory(agenda_item=ns.item, text=f"Agreed {n}") for n in "ab"]
    lead_item = f.AgendaItemFactory(meeting=ns.lead, number="1", title="Lead members business")
    ns.decisions.append(f.DecisionFactory(agenda_item=lead_item, text="Agreed c"))
    ns.activity = world.activity
    ns.updates = f.ProgressUpdateFactory.create_batch(2, activity=ns.activity)
    return ns


def events(client) -> dict[str, object]:
    response = client.get(CALENDAR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def by_url(events_: dict) -> dict[str, object]:
    return {urlsplit(str(e["url"])).path: e for e in events_.values()}


def test_the_calendar_has_one_event_a_meeting_with_stable_uids(client, sscb):
    first, second = events(client), events(client)
    assert len(first) == 4
    assert set(first) == set(second)
    assert set(by_url(first)) == {
        m.get_absolute_url() for m in (sscb.summer, sscb.winter, sscb.untimed, sscb.lead)
    }
    summer = by_url(first)[sscb.summer.get_absolute_url()]
    assert str(summer["summary"]) == "SSCB board meeting, 20 September 2022"
    assert "3 Prevent duty" in str(summer["description"])
    assert str(summer["location"]) == "18 Smith Square, London"


def test_an_edited_meeting_keeps_its_uid_and_goes_up_a_sequence(client, sscb):
    before = by_url(events(client))[sscb.winter.get_absolute_url()]
    sscb.winter.venue = "Local Government House"
    sscb.winter.date = datetime.date(2023, 1, 31)
    sscb.winter.save_unless_changed(sscb.winter.version)
    after = by_url(events(client))[sscb.winter.get_absolute_url()]
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["location"]) == "Local Government House"
    assert after.decoded("dtstart").date() == datetime.date(2023, 1, 31)
    assert after.decoded("last-modified") >= before.decoded("last-modified")


def test_timed_meetings_are_in_london_time_and_untimed_ones_are_dates(client, sscb):
    response = client.get(CALENDAR)
    calendar = Calendar.from_ical(response.content)
    zones = [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/London"]
    found = by_url(events(client))
    for meeting, utc_hour in ((sscb.summer, 9), (sscb.winter, 14)):  # BST, then GMT
        start = found[meeting.get_absolute_url()]["dtstart"]
        assert start.params["TZID"] == "Europe/London"
        assert start.dt.replace(tzinfo=None) == datetime.datetime.combine(
            meeting.date, meeting.start_time
        )
        assert start.dt.astimezone(datetime.UTC).hour == utc_hour
    untimed = found[sscb.untimed.get_absolute_url()]
    assert type(untimed.decoded("dtstart")) is datetime.date
    assert untimed.decoded("dtstart") == datetime.date(2023, 3, 14)
    assert untimed.decoded("dtend") == datetime.date(2023, 3, 15)
    assert b"DTSTART;VALUE=DATE:20230314" in response.content


def test_the_board_page_links_to_its_calendar_and_feeds(client, sscb):
    html = client.get("/boards/sscb/").content.decode()
    for url in (
        "/boards/sscb/meetings.ics",
        "/boards/sscb/decisions.atom",
        "/boards/sscb/progress.atom",
    ):
        assert f'href="{url}"' in html
    assert client.get("/boards/nobody/meetings.ics").status_code == 404


def feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entry_links(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def assert_links_to_its_anchor(client, href: str) -> None:
    parts = urlsplit(href)
    page = client.get(parts.path)
    assert page.status_code == 200, href
    assert f'id="{parts.fragment}"' in page.content.decode(), href


def test_the_decisions_feed_links_each_decision_to_its_item(client, sscb):
    root = feed(client, "/boards/sscb/decisions.atom")
    assert root.find(f"{ATOM}title").text == "Safer and Stronger Communities Board: decisions"
    assert urlsplit(root.find(f"{ATOM}link").get("href")).path == "/boards/sscb/"
    entries = list(root.iter(f"{ATOM}entry"))
    assert len(entries) == 3
    links = entry_links(root)
    assert urlsplit(links[0]).path == sscb.lead.get_absolute_url()  # newest meeting first
    assert {urlsplit(link).path + "#" + urlsplit(link).fragment for link in links[1:]} == {
        sscb.item.get_absolute_url()
    }
    for href in links:
        assert_links_to_its_anchor(client, href)
    texts = {entry.find(f"{ATOM}summary").text for entry in entries}
    assert texts == {"Agreed a", "Agreed b", "Agreed c"}


def test_the_progress_feed_links_each_update_to_the_activity(client, sscb):
    root = feed(client, "/boards/sscb/progress.atom")
    links = entry_links(root)
    assert len(links) == 2
    for update, href in zip(sorted(sscb.updates, key=lambda u: -u.pk), links, strict=True):
        assert href.endswith(f"{sscb.activity.get_absolute_url()}#update-{update.pk}")
        assert_links_to_its_anchor(client, href)
    assert feed(client, "/boards/other/progress.atom").find(f"{ATOM}entry") is None


def test_the_decisions_feed_reads_each_request_as_its_own_visitor(
    client, sscb, monkeypatch, signed_in
):
    """One Feed instance answers every request: a board member's request answered while an
    anonymous one is in progress must not lend the anonymous one its access."""
    secret = f.AgendaItemFactory(meeting=sscb.summer, number="9", is_confidential=True)
    f.DecisionFactory(agenda_item=secret, text="Secret decision")
    member = signed_in(sscb.member)
    assert b"Secret decision" in member.get("/boards/sscb/decisions.atom").content
    original, interleaved = DecisionsFeed.get_feed, []

    def get_feed(self, obj, request):
        if not request.user.is_authenticated and not interleaved:
            interleaved.append(member.get("/boards/sscb/decisions.atom").status_code)
        return original(self, obj, request)

    monkeypatch.setattr(DecisionsFeed, "get_feed", get_feed)
    assert b"Secret decision" not in client.get("/boards/sscb/decisions.atom").content
    assert interleaved == [200]


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert all(len(row) == len(table[0]) for row in table)
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


@pytest.fixture
def programme(sscb):
    """Activities under two themes with different statuses, ratings and lead officers."""
    themes = [f.PriorityThemeFactory(programme=sscb.programme) for _ in range(2)]
    officers = [f.OfficerFactory() for _ in range(2)]
    for n, (status, rag) in enumerate(
        [("agreed", "green"), ("in_progress", "amber"), ("in_progress", "red"), ("complete", "")]
    ):
        f.ActivityFactory(
            theme=themes[n % 2], status=status, rag=rag, lead_officer=officers[n // 2]
        )
    f.ActivityFactory(theme__programme=f.WorkProgrammeFactory(year__start_year=2023))
    return SimpleNamespace(themes=themes, officers=officers)


def page_activity_ids(client, query: dict) -> set[str]:
    html = client.get(PROGRAMME, query).content.decode()
    return set(re.findall(rf'href="{PROGRAMME}activities/(\d+)/"', html))


def test_the_activities_csv_applies_the_programme_page_filters(client, sscb, programme):
    queries = [
        {},
        {"status": "in_progress"},
        {"theme": programme.themes[0].pk},
        {"rag": "red"},
        {"lead_officer": programme.officers[1].pk},
        {"status": "in_progress", "lead_officer": programme.officers[0].pk},
        {"status": "dropped"},
    ]
    sizes = []
    for query in queries:
        found = rows(client.get(f"{PROGRAMME}activities.csv", query))
        ids = {re.search(r"/activities/(\d+)/$", row["Web page"]).group(1) for row in found}
        assert ids == page_activity_ids(client, query), query
        sizes.append(len(found))
    assert sizes == [5, 3, 2, 1, 2, 1, 0]
    statuses = {row["Status"] for row in rows(client.get(f"{PROGRAMME}activities.csv", queries[1]))}
    assert statuses == {"In progress"}


@pytest.fixture
def action_log(sscb):
    other = f.MeetingFactory(board=sscb.other_board, date=datetime.date.today() - 30 * DAY)
    ours = f.MeetingFactory(board=sscb.board, date=datetime.date.today() - 30 * DAY)
    specs = {
        "ours overdue": (ours, "open", datetime.date.today() - DAY),
        "ours open": (ours, "open", datetime.date.today() + DAY),
        "ours done": (ours, "done", datetime.date.today() - DAY),
        "theirs overdue": (other, "open", datetime.date.today() - DAY),
        "theirs dropped": (other, "dropped", None),
    }
    for text, (meeting, status, due) in specs.items():
        f.ActionFactory(
            agenda_item__meeting=meeting,
            text=text,
            status=status,
            due_date=due,
            closed_at_meeting=meeting if status != "open" else None,
        )
    return specs


def test_the_action_log_csv_applies_the_action_log_filters(client, action_log):
    expected = {
        (): set(action_log),
        (("board", "sscb"),): {"ours overdue", "ours open", "ours done"},
        (("status", "open"),): {"ours overdue", "ours open", "theirs overdue"},
        (("status", "dropped"),): {"theirs dropped"},
        (("overdue", "on"),): {"ours overdue", "theirs overdue"},
        (("board", "other"), ("overdue", "on")): {"theirs overdue"},
        (("board", "sscb"), ("status", "dropped")): set(),
    }
    for query, texts in expected.items():
        found = rows(client.get("/actions.csv", dict(query)))
        assert {row["Action"] for row in found} == texts, query
        page = client.get("/actions/", dict(query)).content.decode()
        assert {text for text in action_log if f">{text}<" in page} == texts, query


def test_cells_a_spreadsheet_would_run_are_neutralised(client, sscb):
    theme = f.PriorityThemeFactory(programme=sscb.programme, title="+Theme")
    activity = f.ActivityFactory(theme=theme, title='=HYPERLINK("http://x","y")')
    f.ProgressUpdateFactory(activity=activity, text="-2+3\nand a second line")
    f.ActionFactory(agenda_item__meeting=sscb.summer, text="=1+1", owner_team="@team")
    [row] = rows(client.get(f"{PROGRAMME}activities.csv", {"theme": theme.pk}))
    assert row["Activity"] == '\'=HYPERLINK("http://x","y")'
    assert row["Theme"] == "'+Theme"
    assert row["Latest update"] == "'-2+3\nand a second line"
    [action] = rows(client.get("/actions.csv"))
    assert (action["Action"], action["Owner"]) == ("'=1+1", "'@team")


@pytest.mark.parametrize(
    "typed",
    ["＝1+1", "＋44 20", "－2", "＠SUM(A1)", "'=1+1", "'+1", "'-1", "'@x", "''=1", "\t=1", "\r=1"],
)
def test_full_width_and_quoted_formulas_are_neutralised_too(client, sscb, typed):
    theme = f.PriorityThemeFactory(programme=sscb.programme)
    f.ActivityFactory(theme=theme, title=typed)
    [row] = rows(client.get(f"{PROGRAMME}activities.csv", {"theme": theme.pk}))
    assert row["Activity"] == f"'{typed}"


FORMULA_STARTS = st.sampled_from("=+-@\t\r＝＋－＠﹦﹢﹣﹫")


@given(quotes=st.text("'", max_size=3), start=FORMULA_STARTS, rest=st.text())
def test_any_cell_a_spreadsheet_would_run_gets_a_leading_quote(quotes, start, rest):
    typed = quotes + start + rest
    assert neutralise(typed) == "'" + typed


@given(quotes=st.text("'", max_size=3), start=st.characters(categories=["L", "N"]), rest=st.text())
def test_text_starting_with_a_letter_or_digit_is_left_as_typed(quotes, start, rest):
    typed = quotes + start + rest
    assert neutralise(typed) == typed


def build_rows(sscb, n: int) -> None:
    theme = f.PriorityThemeFactory(programme=sscb.programme)
    for i in range(3 * n):
        activity = f.ActivityFactory(theme=theme, status="in_progress", rag="amber")
        f.ProgressUpdateFactory(activity=activity, text=f"Update {i}")
        f.ActionFactory(
            agenda_item__meeting=sscb.summer,
            owner=activity.lead_officer,
            due_date=datetime.date.today() - DAY,
        )


# Queries: the programme (activities) or nothing (actions), a filter value to check, the rows.
CSV_QUERIES = [
    (f"{PROGRAMME}activities.csv", {}, 2),
    (f"{PROGRAMME}activities.csv", {"status": "in_progress", "rag": "amber"}, 2),
    (f"{PROGRAMME}activities.csv", {"theme": "THEME"}, 3),
    ("/actions.csv", {}, 1),
    ("/actions.csv", {"board": "sscb", "status": "open", "overdue": "on"}, 2),
]


@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize(("url", "query", "queries"), CSV_QUERIES)
def test_csv_query_counts_do_not_grow_with_the_rows(
    client, django_assert_num_queries, sscb, n, url, query, queries
):
    build_rows(sscb, n)
    if query.get("theme") == "THEME":
        query = {"theme": sscb.programme.themes.last().pk}
    with django_assert_num_queries(queries):
        response = client.get(url, query)
        content = b"".join(response.streaming_content)
    assert content.count(b"\n") > 3 * n


def test_the_calendar_holds_two_years_and_the_future_unless_asked_for_all(client, sscb):
    today = datetime.date.today()
    recent = f.MeetingFactory(board=sscb.board, date=today - datetime.timedelta(days=300))
    coming = f.MeetingFactory(board=sscb.board, date=today + datetime.timedelta(days=30))
    response = client.get("/boards/sscb/meetings.ics")
    assert response.status_code == 200
    shown = {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    uid = "meeting-{}@sscb.board-work-programmes"
    assert shown == {uid.format(recent.pk), uid.format(coming.pk)}
    assert uid.format(sscb.summer.pk) in events(client)  # ?history=all: every meeting


def test_the_calendars_queries_do_not_grow_with_history(client, sscb, django_assert_num_queries):
    # Queries: board; items of the meetings in the window; the meetings.
    with django_assert_num_queries(3):
        client.get("/boards/sscb/meetings.ics")
