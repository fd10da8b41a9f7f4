"""The demo's example board: a fictional board whose whole year is dated around the day the
demo is loaded, with sign-ins for every role, every kind of reminder due, and labels that
follow the calendar."""

import datetime
import itertools
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from icalendar import Calendar

from boards.models import Board, BoardRole, BoardYear, Membership, Person
from meetings.models import ActionFollowUp, Meeting
from reminders.models import Kind
from reminders.services import due_reminders
from reports.models import ReviewComment
from seed_data.example_board import SIGN_INS, SLUG, ExampleBoardLoader
from workplan.models import Activity, WorkProgramme

from .reading import text as page_text

pytestmark = pytest.mark.django_db

# Days across the board year: just after it starts, mid-winter, spring, the end of summer.
DAYS = [
    datetime.date(2026, 9, 10),
    datetime.date(2026, 12, 6),
    datetime.date(2027, 3, 1),
    datetime.date(2027, 8, 20),
]


def load(day: datetime.date) -> Board:
    ExampleBoardLoader(day).load()
    return Board.objects.get(slug=SLUG)


def board_meetings(board: Board):
    return list(Meeting.objects.filter(board=board, kind="board").order_by("date"))


@pytest.mark.parametrize("day", DAYS)
def test_the_current_year_is_current_and_the_next_meeting_ahead(day):
    board = load(day)
    assert "fictional example" in board.description
    programme = WorkProgramme.objects.filter(board=board).current(day)
    assert programme.year == BoardYear.objects.containing(day).get()
    assert programme.status == "agreed"
    assert 18 <= Activity.objects.for_programme(programme).count() <= 22
    meetings = board_meetings(board)
    held = [m for m in meetings if m.date < day]
    ahead = [m for m in meetings if m.date >= day]
    assert len(held) == 4 and len(ahead) == 1
    assert day < ahead[0].date <= day + datetime.timedelta(days=14)
    assert ahead[0].notes_status == "scheduled" and ahead[0].items.count() >= 4
    assert all(item.paper.summary for item in ahead[0].items.filter(paper__isnull=False))
    # Every meeting held has published notes, each agreed at the next but the latest.
    for meeting, after in itertools.pairwise(held):
        assert meeting.notes_status == "agreed" and meeting.notes_agreed_at == after
    assert held[-1].notes_status == "published"
    assert programme.agreed_on in {m.date for m in held}
    # Last year's report was sent, the member's question on it answered and resolved, and a
    # suggested change still open.
    before = WorkProgramme.objects.get(board=board, year__start_year=programme.year.start_year - 1)
    version = before.end_of_year_report.versions.get()
    comments = ReviewComment.objects.filter(version=version)
    assert {c.kind for c in comments} == {"question", "reply", "suggestion"}
    assert all(c.resolved_at for c in comments if c.kind == "question")
    assert not comments.get(kind="suggestion").resolved_at


def test_the_board_has_fictional_people_in_every_part():
    board = load(DAYS[1])
    year = BoardYear.objects.containing(DAYS[1]).get()
    seats = Membership.objects.filter(board=board, year=year)
    assert 22 <= seats.count() <= 26
    assert {"chair", "vice_chair", "member", "substitute"} <= {m.role for m in seats}
    kinds = {m.person.kind for m in seats}
    assert kinds == {"councillor", "guest"}  # councillors and partners
    assert Person.objects.filter(memberships__board=board, authority__isnull=False).exists()
    people = Person.objects.filter(attendance__meeting__board=board).distinct()
    assert not people.filter(memberships__board__slug="sscb").exists()
    statuses = set(
        board.meetings.values_list("attendance__status", flat=True).exclude(attendance__status=None)
    )
    assert statuses == {"present", "apologies", "substitute", "in_attendance"}
    assert board.meetings.filter(declarations__isnull=False).exists()
    assert ActionFollowUp.objects.filter(meeting__board=board, outcome="done").exists()
    assert ActionFollowUp.objects.filter(meeting__board=board, outcome="carried_forward").exists()


@pytest.mark.parametrize("day", DAYS[1:3])
def test_every_activity_past_proposed_is_in_the_notes_of_a_meeting(client, day):
    board = load(day)
    activities = Activity.objects.filter(theme__programme__board=board).exclude(status="proposed")
    assert activities.count() >= 25
    pages: dict[str, str] = {}
    for activity in activities.prefetch_related("reports__agenda_item__meeting__board"):
        meetings = {r.agenda_item.meeting for r in activity.reports.all()}
        assert meetings, activity.title
        for meeting in meetings:
            url = meeting.get_absolute_url()
            if url not in pages:
                pages[url] = page_text(client.get(url))
            assert activity.title in pages[url], (activity.title, url)


def test_no_past_meeting_reads_scheduled_anywhere(client):
    today = datetime.date.today()
    board = load(today)
    # A meeting a few days ago whose notes the clerk has not started.
    unstarted = Meeting.objects.create(board=board, date=today - datetime.timedelta(days=3))
    past = Meeting.objects.filter(board=board, date__lt=today)
    assert past.filter(notes_status__in=["scheduled", "draft"]).count() == 2

    rows = page_text(client.get(f"/boards/{SLUG}/meetings/"))
    for meeting in past:
        label = "Notes to follow" if meeting.notes_status in ("scheduled", "draft") else ""
        assert meeting.notes_label != "Scheduled"
        assert f"{meeting.date:%-d %B %Y} {meeting.get_kind_display()}" in rows
        if label:
            assert label == meeting.notes_label
    assert rows.count("Notes to follow") == 2

    page = page_text(client.get(unstarted.get_absolute_url()))
    assert "Notes to follow." in page and "published after the meeting" not in page
    for meeting in past:
        assert "published after the meeting" not in page_text(
            client.get(meeting.get_absolute_url())
        )

    api = client.get(f"/api/meetings/?board={SLUG}&limit=100").json()
    shown = {m["date"]: (m["notesStatus"], m["notesLabel"]) for m in api["data"]}
    for meeting in past:
        status, label = shown[meeting.date.isoformat()]
        assert status != "scheduled" and label != "Scheduled"
    assert shown[unstarted.date.isoformat()] == ("notes_to_follow", "Notes to follow")
    ahead = Meeting.objects.filter(board=board, date__gt=today).first()
    assert shown[ahead.date.isoformat()] == ("scheduled", "Scheduled")

    calendar = Calendar.from_ical(client.get(f"/boards/{SLUG}/meetings.ics").content)
    events = {str(e["url"]): str(e["description"]) for e in calendar.walk("VEVENT")}
    for meeting in past.select_related("board"):
        url = f"http://testserver{meeting.get_absolute_url()}"
        assert not events[url].startswith("Scheduled"), url
    assert any(d.startswith("Notes to follow.") for d in events.values())


def test_the_label_follows_the_calendar_in_one_place():
    meeting = Meeting(date=datetime.date(2026, 5, 5), notes_status="scheduled")
    assert meeting.shown_status(datetime.date(2026, 5, 5)) == "scheduled"
    assert meeting.shown_status(datetime.date(2026, 5, 6)) == "notes_to_follow"
    meeting.notes_status = "draft"
    assert meeting.shown_status(datetime.date(2026, 5, 6)) == "notes_to_follow"
    meeting.notes_status = "published"
    assert meeting.shown_status(datetime.date(2026, 5, 6)) == "published"
    meeting.cancelled = True
    assert meeting.shown_status(datetime.date(2026, 5, 6)) == "cancelled"


def snapshot() -> dict[str, list]:
    """Every row of every table the demo can touch, change history and sign-ins included."""
    tables = {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("boards", "workplan", "meetings", "reports")
        for model in apps.get_app_config(app).get_models()
    }
    tables["users"] = sorted(map(repr, get_user_model().objects.values_list()))
    return tables


def test_loading_again_on_a_later_day_changes_nothing_and_keeps_what_users_made():
    call_command("load_demo", date=DAYS[1], stdout=StringIO())
    meeting = Meeting.objects.filter(board__slug=SLUG).order_by("date").first()
    meeting.venue = "Moved to the Town Hall by the clerk"
    meeting.save()
    before = snapshot()
    out = StringIO()
    call_command("load_demo", date=DAYS[1] + datetime.timedelta(days=40), stdout=out)
    assert snapshot() == before
    assert "created" not in out.getvalue().replace("0 created", "")
    meeting.refresh_from_db()
    assert meeting.venue == "Moved to the Town Hall by the clerk"


def test_send_reminders_lists_every_kind_on_a_fresh_demo():
    day = DAYS[2]
    load(day)
    assert {d.kind for d in due_reminders(today=day)} == set(Kind.values)
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--date", day.isoformat(), stdout=out)
    listed = out.getvalue()
    for words in (
        "ebcsp-officer@example.invalid: Your actions:",
        "ebcsp-officer@example.invalid: Update your activities before the EBCSP board meeting",
        "ebcsp-clerk@example.invalid: The notes of the EBCSP lead members meeting",
        "ebcsp-clerk@example.invalid: No agenda yet for the EBCSP lead members meeting",
        "ebcsp-officer@example.invalid: 1 open comment on the Example Borough Community Safety "
        "Partnership Board end-of-year report",
    ):
        assert words in listed


def test_a_sign_in_for_every_role_in_development_only(settings):
    board = load(DAYS[1])
    users = get_user_model().objects.filter(board_roles__board=board)
    roles = set(BoardRole.objects.filter(board=board).values_list("role", flat=True))
    assert roles == set(BoardRole.Role.values)
    assert not any(user.has_usable_password() for user in users)  # until create_dev_admin
    assert all(user.person.memberships.exists() or user.person.kind == "officer" for user in users)

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for DEBUG"):
        call_command("create_dev_sign_ins", stdout=StringIO())
    assert not any(user.has_usable_password() for user in users.all())

    settings.DEBUG = True
    out = StringIO()
    call_command("create_dev_admin", "--port", "8123", stdout=out)
    printed = out.getvalue()
    assert "username 'admin', password 'change-me-dev-only'" in printed
    assert "http://127.0.0.1:8123/accounts/login/" in printed
    for username, role, _name in SIGN_INS:
        assert f"username {username!r}" in printed
        assert (
            get_user_model().objects.get(username=username).check_password("change-me-dev-only")
        ), role
