"""Change history: the officers and clerks of a board see who changed what on its records;
the public and board members do not; administrators can revert in the admin."""

import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.test import Client

from workplan.models import Activity

from . import factories as f
from .test_edit_conflicts import FormReader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def main_text(response) -> str:
    """The text of the page's <main> only."""
    html = response.content.decode()
    start, end = html.index("<main"), html.index("</main>")
    return text(SimpleNamespace(content=html[start:end].encode()))


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def sscb():
    board = f.BoardFactory(
        name="Safer and Stronger Communities Board", short_name="SSCB", slug="sscb"
    )
    other_board = f.BoardFactory(slug="other")
    theme = f.PriorityThemeFactory(
        programme__board=board, programme__year=f.BoardYearFactory(start_year=2022)
    )
    olu = f.OfficerFactory(name="Olu Adeyemi")
    sam = f.OfficerFactory(name="Sam Colleague")
    activity = f.ActivityFactory(
        theme=theme, title="Tackle modern slavery", lead_officer=olu, indicative_timing="Autumn"
    )
    officer = f.BoardRoleFactory(board=board, role="policy_officer", user__username="olu.a").user
    users = {
        "anonymous": None,
        "officer of the board": officer,
        "clerk of the board": f.BoardRoleFactory(board=board, role="clerk").user,
        "member of the board": f.BoardRoleFactory(board=board, role="board_member").user,
        "officer of another board": f.BoardRoleFactory(board=other_board).user,
        "clerk of another board": f.BoardRoleFactory(board=other_board, role="clerk").user,
        "administrator": f.UserFactory(is_superuser=True, is_staff=True),
    }
    # The officer edits the activity through the page: new title and lead officer.
    client = signed_in(officer)
    url = f"/manage/activities/{activity.pk}/edit/"
    response = client.post(
        url,
        {
            "theme": theme.pk,
            "title": "Tackle modern slavery in supply chains",
            "description": activity.description,
            "lead_officer": sam.pk,
            "indicative_timing": "Autumn",
            "version": activity.version,
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/manage/activities/{activity.pk}/update/",
        {
            "text": "Wrote to the minister.",
            "date_day": "1",
            "date_month": "3",
            "date_year": "2023",
            "status": "in_progress",
            "rag": "red",
        },
    )
    assert response.status_code == 302
    return SimpleNamespace(**locals())


@pytest.mark.parametrize(
    ("who", "sees_history"),
    [
        ("anonymous", False),
        ("member of the board", False),
        ("officer of another board", False),
        ("clerk of another board", False),
        ("officer of the board", True),
        ("clerk of the board", True),
        ("administrator", True),
    ],
)
def test_who_sees_the_change_history(sscb, who, sees_history):
    response = signed_in(sscb.users[who]).get(sscb.activity.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert ("Change history" in page) is sees_history
    assert ("olu.a: changed activity" in page) is sees_history
    assert ("Lead officer: “Olu Adeyemi” → “Sam Colleague”" in page) is sees_history


def test_the_history_says_who_changed_what(sscb):
    page = main_text(
        signed_in(sscb.users["clerk of the board"]).get(sscb.activity.get_absolute_url())
    )
    history = page[page.index("Change history") :]
    assert "olu.a: changed activity" in history
    assert "Title: “Tackle modern slavery” → “Tackle modern slavery in supply chains”" in history
    assert "Lead officer: “Olu Adeyemi” → “Sam Colleague”" in history
    # The progress update changed the status and RAG rating, by the same officer.
    assert "Status:" not in history  # it was in progress already
    assert "RAG rating: “Green” → “Red”" in history
    assert "The system: created activity" in history  # made by the factory, not a person
    assert "Indicative timing" not in history  # unchanged
    assert "Version" not in history
    updates = page[page.index("Change history of the progress updates") :]
    assert "olu.a: created progress update" in updates


def test_an_unassigned_lead_officer_reads_none(sscb):
    client = signed_in(sscb.officer)
    activity = Activity.objects.get(pk=sscb.activity.pk)
    response = client.post(
        f"/manage/activities/{activity.pk}/edit/",
        {
            "theme": activity.theme_id,
            "title": activity.title,
            "lead_officer": "",
            "version": activity.version,
        },
    )
    assert response.status_code == 302
    page = text(client.get(activity.get_absolute_url()))
    assert "Lead officer: “Sam Colleague” → “none”" in page


def test_only_administrators_are_offered_the_revert_link(sscb):
    url = sscb.activity.get_absolute_url()
    admin_link = f'href="/admin/workplan/activity/{sscb.activity.pk}/history/"'
    assert admin_link in signed_in(sscb.users["administrator"]).get(url).content.decode()
    for who in ("officer of the board", "clerk of the board"):
        assert admin_link not in signed_in(sscb.users[who]).get(url).content.decode()


def test_the_admin_history_and_revert_pages_open(sscb):
    admin = signed_in(sscb.users["administrator"])
    history_url = f"/admin/workplan/activity/{sscb.activity.pk}/history/"
    response = admin.get(history_url)
    assert response.status_code == 200
    assert "olu.a" in text(response)
    first = sscb.activity.history.earliest("history_date")
    response = admin.get(f"{history_url}{first.history_id}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Revert" in page
    assert 'value="Tackle modern slavery"' in page or ">Tackle modern slavery</" in page

    # Reverting saves the earlier version again, as a new change in the history.
    form = admin_form(response)
    response = admin.post(f"{history_url}{first.history_id}/", form)
    assert response.status_code == 302, text(response)[:2000]
    activity = Activity.objects.get(pk=sscb.activity.pk)
    assert (activity.title, activity.lead_officer) == ("Tackle modern slavery", sscb.olu)
    page = text(signed_in(sscb.officer).get(activity.get_absolute_url()))
    assert "Lead officer: “Sam Colleague” → “Olu Adeyemi”" in page


def admin_form(response) -> dict:
    """The fields of the admin's change form, as the browser would send them."""
    reader = FormReader()
    reader.feed(response.content.decode())
    fields = max(reader.forms, key=len)
    data: dict = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def test_staff_of_another_board_cannot_open_the_admin(sscb):
    history_url = f"/admin/workplan/activity/{sscb.activity.pk}/history/"
    for who in ("officer of the board", "clerk of the board", "anonymous"):
        response = signed_in(sscb.users[who]).get(history_url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_the_meeting_overview_shows_its_history_to_the_clerk(sscb):
    meeting = f.MeetingFactory(board=sscb.board, venue="Smith Square", notes_status="scheduled")
    clerk = signed_in(sscb.users["clerk of the board"])
    response = clerk.post(
        f"/manage/meetings/{meeting.pk}/edit/",
        {
            "kind": "board",
            "date_day": meeting.date.day,
            "date_month": meeting.date.month,
            "date_year": meeting.date.year,
            "venue": "Online",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    clerk.post(f"/manage/meetings/{meeting.pk}/notes/start/")
    page = text(clerk.get(f"/manage/meetings/{meeting.pk}/"))
    assert "Venue: “Smith Square” → “Online”" in page
    assert "Notes status: “Scheduled” → “Draft notes”" in page


def test_the_history_is_shown_once_in_the_page_body(sscb):
    html = signed_in(sscb.officer).get(sscb.activity.get_absolute_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Change history" not in title
    assert html.count(">Change history<") == 1
