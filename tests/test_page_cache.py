"""Stored public pages: served to anonymous readers from one query, replaced as soon as any
record on the page changes (including an item becoming confidential), never served to anyone
signed in."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from boards.models import Board
from meetings.models import AgendaItem
from papers.models import AgendaPack
from reports.models import ReportSection, ReportVersion
from web import caching

from . import factories as f

pytestmark = pytest.mark.django_db

PROGRAMME = "/boards/sscb/2022-23/"


@pytest.fixture(autouse=True)
def storing_pages(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ctx(world):
    """The world's board with a meeting, an item with an action and an end-of-year report;
    a person, and next year."""
    meeting = f.MeetingFactory(board=world.board)
    item = f.AgendaItemFactory(meeting=meeting, title="Serious violence update")
    return {
        "board": world.board,
        "other": world.other_board,
        "programme": world.programme,
        "theme": world.theme,
        "activity": world.activity,
        "meeting": meeting,
        "item": item,
        "action": f.ActionFactory(agenda_item=item),
        "report": f.EndOfYearReportFactory(programme=world.programme),
        "person": f.PersonFactory(),
        "next_year": f.BoardYearFactory(start_year=2023),
        "member": world.member,
    }


def version(board: Board) -> int:
    """The board's content and progress versions together: any change raises it."""
    content, progress = Board.objects.values_list("content_version", "progress_version").get(
        pk=board.pk
    )
    return content + progress


def test_a_second_anonymous_reader_gets_the_stored_page_from_one_query(
    client, ctx, django_assert_num_queries
):
    first = client.get(PROGRAMME)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the board's content version
        second = client.get(PROGRAMME)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_progress_update_shows_at_once(client, ctx, django_capture_on_commit_callbacks):
    client.get(ctx["activity"].get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        f.ProgressUpdateFactory(activity=ctx["activity"], text="Guidance published in March")
    assert "Guidance published in March" in client.get(ctx["activity"].get_absolute_url()).text


# Pages that show no progress: meeting notes, the meetings list, the action log, the calendar
# and the attendance register.
WITHOUT_PROGRESS = [
    "/boards/sscb/meetings/{date}/",
    "/boards/sscb/meetings/",
    "/actions/?board=sscb",
    "/boards/sscb/meetings.ics",
    "/boards/sscb/2022-23/attendance/",
]
# Pages that show progress: the programme, the activity, the board and the home page.
WITH_PROGRESS = [PROGRAMME, "{activity}", "/boards/sscb/", "/"]


def test_a_progress_update_keeps_the_pages_that_show_no_progress(
    client, ctx, django_capture_on_commit_callbacks
):
    """An officer's update (and the status it gives its activity) replaces only the pages
    that show progress: the meeting notes and the rest stay stored."""
    names = {"date": ctx["meeting"].date.isoformat(), "activity": ctx["activity"].pk}
    activity = ctx["activity"]
    without = [url.format(**names) for url in WITHOUT_PROGRESS]
    with_progress = [url.format(activity=activity.get_absolute_url()) for url in WITH_PROGRESS]
    before = {url: client.get(url) for url in without + with_progress}
    assert all(response.status_code == 200 for response in before.values())
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(activity, text="Guidance published", status="complete")
    for url in without:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).content == before[url].content
        assert len(queries) == 1, url  # the stored copy
    for url in with_progress:
        assert client.get(url).content != before[url].content, url
    assert "Guidance published" in client.get(activity.get_absolute_url()).text


def test_a_change_to_an_activity_itself_replaces_the_meeting_notes(
    client, ctx, django_capture_on_commit_callbacks
):
    """Meeting notes name the activities their items reported on: a new title is content."""
    f.ActivityReportFactory(agenda_item=ctx["item"], activity=ctx["activity"])
    url = ctx["meeting"].get_absolute_url()
    assert ctx["activity"].title in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        ctx["activity"].title = "Tackle modern slavery in every supply chain"
        ctx["activity"].save()
    assert "Tackle modern slavery in every supply chain" in client.get(url).text


def test_an_item_made_confidential_leaves_the_stored_page(
    client, ctx, django_capture_on_commit_callbacks
):
    url = ctx["meeting"].get_absolute_url()
    assert "Serious violence update" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        item = AgendaItem.objects.get(pk=ctx["item"].pk)
        item.is_confidential = True
        item.title_is_confidential = True
        item.save()
    assert "Serious violence update" not in client.get(url).text


def test_nothing_changes_until_the_transaction_commits(client, ctx):
    """A reader during the write must not store the old page under the new version."""
    before = version(ctx["board"])
    f.ProgressUpdateFactory(activity=ctx["activity"])  # the test's transaction never commits
    assert version(ctx["board"]) == before


def test_signed_in_readers_never_get_a_stored_page(client, ctx, signed_in):
    item = ctx["item"]
    item.is_confidential = True
    item.title_is_confidential = True
    item.save()
    url = ctx["meeting"].get_absolute_url()
    assert "Serious violence update" not in client.get(url).text  # stored for the public
    assert "Serious violence update" in signed_in(ctx["member"]).get(url).text


@pytest.mark.parametrize("cookie", ["messages", "sessionid"])
def test_readers_with_a_session_or_messages_are_not_served_stored_pages(client, ctx, cookie):
    client.get(PROGRAMME)
    client.cookies[cookie] = "something"
    with CaptureQueriesContext(connection) as queries:
        client.get(PROGRAMME)
    # Rendered afresh (its lists may come from stored fragments): a stored page would have
    # read only the board's version.
    assert any("workplan_workprogramme" in q["sql"] for q in queries)


def test_pages_of_other_boards_keep_their_stored_copies(ctx, django_capture_on_commit_callbacks):
    other_before = version(ctx["other"])
    with django_capture_on_commit_callbacks(execute=True):
        f.ProgressUpdateFactory(activity=ctx["activity"])
    assert version(ctx["other"]) == other_before


def test_an_unknown_board_still_answers_404(client, ctx):
    assert client.get("/boards/nonesuch/2022-23/").status_code == 404


# One record of every model the public pages show on one board's pages (web/caching.py).
RECORDS = {
    "boards.Board": lambda c: f.BoardFactory(),
    "boards.Membership": lambda c: f.MembershipFactory(board=c["board"], person=c["person"]),
    "workplan.WorkProgramme": lambda c: f.WorkProgrammeFactory(
        board=c["board"], year=c["next_year"]
    ),
    "workplan.PriorityTheme": lambda c: f.PriorityThemeFactory(programme=c["programme"]),
    "workplan.Activity": lambda c: f.ActivityFactory(theme=c["theme"], lead_officer=None),
    "workplan.ProgressUpdate": lambda c: f.ProgressUpdateFactory(activity=c["activity"]),
    "meetings.Meeting": lambda c: f.MeetingFactory(board=c["board"]),
    "meetings.Attendance": lambda c: f.AttendanceFactory(meeting=c["meeting"], person=c["person"]),
    "meetings.DeclarationOfInterest": lambda c: f.DeclarationFactory(
        meeting=c["meeting"], person=c["person"]
    ),
    "meetings.AgendaItem": lambda c: f.AgendaItemFactory(meeting=c["meeting"]),
    "meetings.Paper": lambda c: f.PaperFactory(
        agenda_item=f.AgendaItemFactory(meeting=c["meeting"])
    ),
    "meetings.Decision": lambda c: f.DecisionFactory(agenda_item=c["item"]),
    "meetings.Action": lambda c: f.ActionFactory(agenda_item=c["item"]),
    "meetings.ActivityReport": lambda c: f.ActivityReportFactory(
        agenda_item=c["item"], activity=c["activity"]
    ),
    "meetings.ActionFollowUp": lambda c: f.ActionFollowUpFactory(
        action=c["action"], meeting=c["meeting"]
    ),
    "meetings.NotesCorrection": lambda c: f.NotesCorrectionFactory(agenda_item=c["item"]),
    "meetings.PaperFile": lambda c: f.PaperFileFactory(agenda_item=c["item"]),
    "papers.AgendaPack": lambda c: AgendaPack.objects.create(
        meeting=c["meeting"], audience="public", key="0" * 64, size=1, sha1="0" * 40, page_count=1
    ),
    "reports.EndOfYearReport": lambda c: f.EndOfYearReportFactory(
        programme=f.WorkProgrammeFactory(board=c["board"], year=c["next_year"])
    ),
    "reports.ActivityParagraph": lambda c: f.ActivityParagraphFactory(
        report=c["report"], activity=c["activity"]
    ),
    "reports.ReportVersion": lambda c: ReportVersion.objects.create(
        report=c["report"], number=1, content={}, public_content={}
    ),
    "reports.ReportSection": lambda c: ReportSection.objects.create(
        report=c["report"], place="area", heading="Building safety", text="RAAC in schools."
    ),
}


def project_models() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        if Path(model._meta.app_config.path).parent == Path(settings.BASE_DIR)
        and not model.__name__.startswith("Historical")
    }


def test_every_model_is_tracked_or_said_not_to_be_shown():
    """A new model must say whether the public pages show it, or stored pages go stale."""
    assert set(caching.TRACKED).isdisjoint(caching.NOT_SHOWN)
    assert project_models() == set(caching.TRACKED) | set(caching.NOT_SHOWN)


def test_every_tracked_model_on_one_board_is_tried_below():
    on_one_board = {label for label, lookup in caching.TRACKED.items() if lookup}
    assert set(RECORDS) == on_one_board


@pytest.mark.parametrize("kind", RECORDS)
def test_saving_or_deleting_any_record_replaces_its_boards_pages(
    kind, ctx, django_capture_on_commit_callbacks
):
    board, other = ctx["board"], ctx["other"]
    before = version(board)
    with django_capture_on_commit_callbacks(execute=True):
        record = RECORDS[kind](ctx)
    if kind == "boards.Board":  # a new board has pages of its own; deleting it 404s them
        assert version(board) == before
        return
    saved = version(board)
    assert saved > before
    with django_capture_on_commit_callbacks(execute=True):
        record.delete()
    assert version(board) > saved
    assert version(other) == 2


@pytest.mark.parametrize(
    "make",
    [f.PersonFactory, f.AuthorityFactory, lambda: f.BoardYearFactory(start_year=2030)],
    ids=["person", "authority", "board year"],
)
def test_records_shared_between_boards_replace_every_boards_pages(
    make, ctx, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make()
    assert version(ctx["board"]) > 2
    assert version(ctx["other"]) > 2


def test_linking_presenters_replaces_the_meetings_pages(ctx, django_capture_on_commit_callbacks):
    person = f.OfficerFactory()
    before = version(ctx["board"])
    with django_capture_on_commit_callbacks(execute=True):
        ctx["item"].presenters.add(person)
    assert version(ctx["board"]) > before


API_MEETINGS = "/api/meetings/?board=sscb"
API_ACTIVITIES = "/api/activities/?board=sscb"


def test_the_api_is_stored_for_the_public_with_its_headers(client, ctx):
    first = client.get(API_MEETINGS)
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(API_MEETINGS)
    assert len(queries) == 1  # every board's version
    assert second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert second["Vary"] == first["Vary"]


def test_json_and_the_browsable_api_are_stored_apart(client, ctx):
    """What the reader accepts is part of the stored copy's key: a JSON reader never gets the
    browsable page, nor a browser JSON."""
    json_copy = client.get(API_MEETINGS).content
    html = client.get(API_MEETINGS, HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    assert "csrfmiddlewaretoken" not in html.content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(API_MEETINGS, HTTP_ACCEPT="text/html")
        assert client.get(API_MEETINGS).content == json_copy
    assert len(queries) == 2  # two stored copies
    assert again.content == html.content


def test_a_members_api_answer_never_reaches_the_public(
    client, ctx, signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = AgendaItem.objects.get(pk=ctx["item"].pk)
        item.is_confidential = True
        item.title_is_confidential = True
        item.save()
    url = "/api/agenda-items/?board=sscb"
    member = signed_in(ctx["member"])
    assert "Serious violence update" in member.get(url).content.decode()
    assert "Serious violence update" not in client.get(url).content.decode()
    assert "Serious violence update" in member.get(url).content.decode()
    # Credentials sent any other way than the session are not the public either.
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_AUTHORIZATION="Basic c29tZW9uZTpzZWNyZXQ=")
    assert len(queries) > 1


def test_a_progress_update_keeps_the_stored_api_meetings_and_replaces_activities(
    client, ctx, django_capture_on_commit_callbacks
):
    meetings, activities = client.get(API_MEETINGS), client.get(API_ACTIVITIES)
    with django_capture_on_commit_callbacks(execute=True):
        f.posted_update(ctx["activity"], status="complete")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API_MEETINGS).content == meetings.content
    assert len(queries) == 1
    assert client.get(API_ACTIVITIES).content != activities.content


def test_a_stored_calendar_keeps_its_file_name(client, ctx):
    first = client.get("/boards/sscb/meetings.ics")
    second = client.get("/boards/sscb/meetings.ics")
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert "sscb-meetings.ics" in second["Content-Disposition"]


def test_a_record_moved_to_another_board_raises_that_boards_version(
    ctx, django_capture_on_commit_callbacks
):
    """The board is found through the records already loaded where it can be (no query), and
    a key changed by hand is not mistaken for the record it pointed to before."""
    elsewhere = f.MeetingFactory(board=ctx["other"])
    item = ctx["item"]
    before = version(ctx["other"])
    with django_capture_on_commit_callbacks(execute=True):
        item.meeting_id = elsewhere.pk
        item.save()
    assert version(ctx["other"]) > before
    with django_capture_on_commit_callbacks(execute=True):
        item.meeting = ctx["meeting"]
        with CaptureQueriesContext(connection) as queries:
            item.save()
    assert not any('AS "meeting__board_id"' in q["sql"] for q in queries)
    assert version(ctx["board"]) > 2


def test_kept_values_of_different_versions_never_meet():
    """Content 12 with progress 3 is not content 1 with progress 23."""
    cache.clear()
    first = caching.EveryBoard(content="all:2:12", progress="3", visibility="public")
    second = caching.EveryBoard(content="all:2:1", progress="23", visibility="public")
    with override_settings(PAGE_CACHE_SECONDS=60):
        assert first.remember("x", lambda: "first", shows_progress=True) == "first"
        assert second.remember("x", lambda: "second", shows_progress=True) == "second"
