"""Each role's start page (/my-work/): clerks see meetings by what they need next and open
actions by due date; officers their activities with status, RAG, target date, the age of the
last update and which updates are due before the next board meeting; board members the next
meeting's agenda and papers and the reports sent to the board."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import ReportVersion, ReviewComment

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=n)


@pytest.fixture
def meetings(world):
    last = f.MeetingFactory(board=world.board, date=days(-30), notes_status="published")
    held = f.MeetingFactory(
        board=world.board, date=days(-10), kind="lead_members", notes_status="scheduled"
    )
    draft = f.MeetingFactory(board=world.board, date=days(-20), notes_status="draft")
    coming = f.MeetingFactory(board=world.board, date=days(14), notes_status="scheduled")
    item = f.AgendaItemFactory(meeting=coming, number="3", title="Serious violence duty")
    f.PaperFactory(agenda_item=item, title="The duty one year on", purpose="discussion")
    for n, due in enumerate([days(40), days(-5), None]):
        f.ActionFactory(agenda_item__meeting=last, text=f"Action {n}", due_date=due)
    return last, held, draft, coming


def test_the_clerks_start_page(world, signed_in, meetings):
    last, held, draft, coming = meetings
    page = text(signed_in(world.clerk).get("/my-work/"))
    section = lambda heading: page[page.index(heading) :]  # noqa: E731
    assert f"SSCB board meeting, {coming.date:%-d %B %Y} Prepare" in section("Meetings to prepare")
    assert f"lead members meeting, {held.date:%-d %B %Y} Write the notes" in section(
        "Meetings held without notes"
    )
    assert f"{draft.date:%-d %B %Y} Check and publish" in section("Draft notes to publish")
    assert f"{last.date:%-d %B %Y} Agree at the next meeting" in section("Notes awaiting")
    actions = section("Open actions, by due date")
    assert actions.index("Action 1") < actions.index("Action 0") < actions.index("Action 2")
    assert "Overdue" in actions
    assert "not linked to an officer" not in page


def test_the_clerk_goes_from_the_start_page_to_each_items_papers(world, signed_in, meetings):
    _last, _held, _draft, coming = meetings
    item = coming.items.get()
    f.PaperFileFactory(agenda_item=item, title="The duty one year on")
    later = f.MeetingFactory(board=world.board, date=days(40), notes_status="scheduled")
    f.AgendaItemFactory(meeting=later, number="1", title="Later business")
    clerk = signed_in(world.clerk)
    html = clerk.get("/my-work/").content.decode()
    page = text(clerk.get("/my-work/"))
    section = page[page.index(f"Papers for the SSCB board meeting, {coming.date:%-d %B %Y}") :]
    assert "Item 3: Serious violence duty – papers and appendices 1 file" in section
    assert f'href="/manage/items/{item.pk}/papers/"' in html
    assert f'href="/manage/meetings/{coming.pk}/agenda/publish/"' in html
    # Only each board's next meeting: the one after waits its turn.
    assert "Later business" not in page
    coming.agenda_published_on = datetime.date.today()
    coming.save()
    page = text(clerk.get("/my-work/"))
    assert f"The agenda was published on {datetime.date.today():%-d %B %Y}" in page
    assert "Check and publish the agenda" not in page


def test_the_officers_start_page(world, signed_in, meetings):
    _last, _held, _draft, coming = meetings
    world.activity.status, world.activity.rag = "in_progress", "amber"
    world.activity.target_date = datetime.date(2023, 6, 30)
    world.activity.save()
    fresh = f.ActivityFactory(theme=world.theme, title="Fresh work", lead_officer=world.lead)
    f.ProgressUpdateFactory(activity=fresh, date=days(-2))
    page = text(signed_in(world.officer).get("/my-work/"))
    assert (
        "Tackle modern slavery In progress, RAG amber, target 30 Jun 2023. Never updated." in page
    )
    assert f"Update due before {coming.date:%-d %b}" in page
    assert "Fresh work" in page and "Up to date" in page
    assert f"Next board meeting: {coming.date:%A %-d %B %Y}" in page


def test_the_officers_start_page_lists_open_comments_by_paragraph(world, signed_in):
    report = f.EndOfYearReportFactory(programme=world.programme)
    version = ReportVersion.objects.create(report=report, number=1, content={}, public_content={})
    for paragraph, resolved in (("12", False), ("3", False), ("5", True)):
        comment = ReviewComment.objects.create(
            version=version, paragraph=paragraph, kind="suggestion", text=f"Change {paragraph}."
        )
        if resolved:
            comment.resolve(by=world.officer)
    page = text(signed_in(world.officer).get("/my-work/"))
    assert (
        "Open comments on end-of-year reports" in page
        and "SSCB report 2022/23, version 1, paragraph 3 Suggested change: “Change 3.” Open"
        " SSCB report 2022/23, version 1, paragraph 12"
        in page
    )
    assert "Change 5." not in page
    assert "Open comments on end-of-year reports" not in text(
        signed_in(world.member).get("/my-work/")
    )


def test_the_board_members_start_page(world, signed_in, meetings):
    report = f.EndOfYearReportFactory(programme=world.programme)
    # Sent to the board's meeting: the date it went, not the day the record was made.
    sent = {"meeting": {"date": "28 June 2023"}}
    ReportVersion.objects.create(report=report, number=1, content=sent, public_content=sent)
    page = text(signed_in(world.member).get("/my-work/"))
    assert f"{world.programme} – sent to the meeting of 28 June 2023" in page
    assert "3. Serious violence duty Paper: The duty one year on (for discussion)" in page
    assert "End-of-year reports sent to the board" in page
    assert str(world.programme) in page


@pytest.mark.parametrize(
    ("user", "queries"),
    # Session, user, person, clerk's boards, member's boards, officer's boards, then: clerk 3
    # (meetings, the next meeting's items with their files, actions); officer 4 (activities, meetings, overdue actions, open comments on
    # the reports); member 3 (meetings, agenda items with papers, report versions).
    [("clerk", 9), ("officer", 10), ("member", 9)],
)
def test_start_page_query_counts(world, signed_in, meetings, user, queries):
    for n in range(3):
        f.ActivityFactory(theme=world.theme, title=f"Work {n}", lead_officer=world.lead)
    client = signed_in(getattr(world, user))
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/my-work/").status_code == 200
    assert len(captured) == queries, [q["sql"][:80] for q in captured]


def test_a_cancelled_meeting_needs_nothing_from_the_clerk(world, signed_in):
    f.MeetingFactory(board=world.board, date=days(-3), notes_status="scheduled", cancelled=True)
    page = text(signed_in(world.clerk).get("/my-work/"))
    assert "Every meeting held has notes." in page


def test_an_activity_without_a_rating_says_so_not_rag_dot(world, signed_in):
    world.activity.rag = ""
    world.activity.save()
    page = text(signed_in(world.officer).get("/my-work/"))
    assert "RAG ." not in page and "RAG ," not in page
    assert "In progress, no RAG rating yet" in page


def test_the_clerks_start_page_links_to_this_years_members(world, signed_in):
    clerk = signed_in(world.clerk)
    page = clerk.get("/my-work/").content.decode()
    assert 'href="/manage/boards/sscb/members/"' in page
    assert "Members of the Safer and Stronger Communities Board this year" in text(
        clerk.get("/my-work/")
    )
    response = clerk.get("/manage/boards/sscb/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/manage/boards/sscb/")
    assert response["Location"].endswith("/members/")


@pytest.mark.parametrize(
    ("user", "status"), [("officer of the board", 403), ("clerk of another board", 404)]
)
def test_only_the_boards_clerks_reach_its_members(world, signed_in, user, status):
    assert signed_in(world.users[user]).get("/manage/boards/sscb/members/").status_code == status
