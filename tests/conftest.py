import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from . import factories as f


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render {% static %} without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    """Papers' files a test uploads are kept under its own folder, never in media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _word_papers_converted_when_packed(settings):
    """LibreOffice takes seconds a file: tests that attach Word papers leave them as they are,
    except where a test turns this on (tests/test_agenda_packs.py)."""
    settings.PAPER_CONVERT_ON_ATTACH = False
    settings.AGENDA_PACKS_ON_PUBLISHING = False


@pytest.fixture(autouse=True)
def _sessions_in_the_database(settings):
    """The PostgreSQL job runs with a shared cache (CACHE_URL), which reads sessions through
    it; the query counts tests pin are the same in both jobs with sessions read from the
    database."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def _no_stored_pages(settings):
    """Tests run inside a transaction that never commits, so the page cache's versions never
    rise: pages are rendered fresh, except in tests/test_page_cache.py, which commits."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """The factories give every user a password; the production hasher would spend most of a
    second on each. Sign-in through the form works the same with either."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """The board most tests read: the Safer and Stronger Communities Board (slug sscb) with
    its 2022/23 programme, a theme and an activity led by an officer, a councillor member, and
    a user in each role: policy officer (the lead officer's account), clerk, board member and
    administrator. Another board (slug other) has an officer, a clerk and a member of its own,
    for outsider checks. `users` names them all for tables of who may do what."""
    board = f.BoardFactory(
        name="Safer and Stronger Communities Board", short_name="SSCB", slug="sscb"
    )
    year = f.BoardYearFactory(start_year=2022)
    programme = f.WorkProgrammeFactory(board=board, year=year)
    theme = f.PriorityThemeFactory(programme=programme, title="Community safety")
    lead = f.OfficerFactory(name="Olu Adeyemi")
    activity = f.ActivityFactory(theme=theme, title="Tackle modern slavery", lead_officer=lead)
    councillor = f.MembershipFactory(board=board, year=year).person
    other_board = f.BoardFactory(name="Other Board", short_name="OB", slug="other")
    users = {"anonymous": None}
    roles = {"officer": "policy_officer", "clerk": "clerk", "member": "board_member"}
    for label, role in roles.items():
        users[f"{label} of the board"] = f.BoardRoleFactory(board=board, role=role).user
        users[f"{label} of another board"] = f.BoardRoleFactory(board=other_board, role=role).user
    users["administrator"] = f.UserFactory(is_superuser=True, is_staff=True)
    lead.user = users["officer of the board"]
    lead.save()
    return SimpleNamespace(
        board=board,
        year=year,
        programme=programme,
        theme=theme,
        activity=activity,
        lead=lead,
        councillor=councillor,
        other_board=other_board,
        users=users,
        officer=users["officer of the board"],
        clerk=users["clerk of the board"],
        member=users["member of the board"],
        administrator=users["administrator"],
        outsider=users["member of another board"],
    )


@pytest.fixture
def year_of_records(world):
    """year_of_records(n) fills the world's board with 3n of everything a public page lists,
    most of it in the 2022/23 year: themes and activities (half led by one officer, Pat
    Focus), updates, meetings on 4 October and 6 December 2022 with items, papers and their
    files, presenters, decisions, actions, activity links, attendance and declarations,
    earlier meetings and programmes, coming meetings, and a few records of other boards. For tests that pin a
    page's queries at 1x and 10x the data; the names the tests look for start "Prevent"."""
    today = datetime.date.today()
    day = datetime.timedelta(days=1)

    def build(n: int) -> SimpleNamespace:
        board, year, programme = world.board, world.year, world.programme
        person = f.OfficerFactory(name="Pat Focus")
        meeting = f.MeetingFactory(board=board, date=datetime.date(2022, 10, 4))
        later = f.MeetingFactory(board=board, date=datetime.date(2022, 12, 6))
        focus = None
        for i in range(3 * n):
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
            f.PaperFileFactory(agenda_item=item, title="Prevent paper", text="Prevent words")
            f.PaperFileFactory(
                agenda_item=item, role="appendix", is_confidential=True, schedule_12a_paragraph=3
            )
            f.DecisionFactory(agenda_item=item, text="Prevent decision")
            f.ActionFactory(
                agenda_item=item,
                owner=person,
                text="Prevent",
                status="done",
                closed_at_meeting=later,
            )
            f.ActionFactory(agenda_item=item, due_date=today - day)
            f.ActivityReportFactory(agenda_item=item, activity=focus)
            f.NotesCorrectionFactory(agenda_item=item, reason="Prevent correction")
            if activity != focus:
                f.ActivityReportFactory(agenda_item=item, activity=activity)
            for status in ("present", "apologies", "in_attendance"):
                f.AttendanceFactory(meeting=meeting, status=status)
            f.AttendanceFactory(
                meeting=meeting, status="substitute", substitute_for=f.PersonFactory()
            )
            f.DeclarationFactory(meeting=meeting, agenda_item=item)
            past = f.MeetingFactory(board=board, date=datetime.date(2021, 1, 1) + i * day)
            f.AttendanceFactory(meeting=past, person=person)
            f.DeclarationFactory(meeting=past, person=person)
            f.ActionFollowUpFactory(
                action=f.ActionFactory(agenda_item__meeting=past), meeting=meeting
            )
            f.MeetingFactory(board=board, date=today + (i + 1) * day, venue="Prevent House")
            f.ActivityFactory(theme__programme__year=year)
            f.MeetingFactory(date=today + day)
        return SimpleNamespace(person=person, focus=focus, meeting=meeting)

    return build


@pytest.fixture
def signed_in():
    """signed_in(user) gives a test client signed in as that user; signed_in(None) an
    anonymous one, for tables of who may do what."""

    def client_for(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return client_for


@pytest.fixture
def anonymous() -> Client:
    """A visitor who has not signed in."""
    return Client()
