"""Change history: the officers and clerks of a board see who changed what on its records;
the public and board members do not; administrators can revert in the admin."""

import re
from types import SimpleNamespace

import pytest

from workplan.models import Activity

from . import factories as f
from .reading import text
from .test_edit_conflicts import FormReader

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    """The text of the page's <main> only."""
    html = response.content.decode()
    start, end = html.index("<main"), html.index("</main>")
    return text(SimpleNamespace(content=html[start:end].encode()))


@pytest.fixture
def edited(world, signed_in):
    """The world's activity after its officer edited it through the page (new title and lead
    officer, Sam Colleague) and posted a progress update that turned its RAG rating red."""
    sam = f.OfficerFactory(name="Sam Colleague")
    activity = world.activity
    client = signed_in(world.officer)
    response = client.post(
        f"/manage/activities/{activity.pk}/edit/",
        {
            "theme": world.theme.pk,
            "title": "Tackle modern slavery in supply chains",
            "description": activity.description,
            "lead_officer": sam.pk,
            "indicative_timing": activity.indicative_timing,
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
    return world


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
def test_who_sees_the_change_history(edited, who, sees_history, signed_in):
    response = signed_in(edited.users[who]).get(edited.activity.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert ("Change history" in page) is sees_history
    assert (f"{edited.officer.username}: changed activity" in page) is sees_history
    assert ("Lead officer: “Olu Adeyemi” → “Sam Colleague”" in page) is sees_history


def test_the_history_says_who_changed_what(edited, signed_in):
    page = main_text(
        signed_in(edited.users["clerk of the board"]).get(edited.activity.get_absolute_url())
    )
    history = page[page.index("Change history") :]
    assert f"{edited.officer.username}: changed activity" in history
    assert "Title: “Tackle modern slavery” → “Tackle modern slavery in supply chains”" in history
    assert "Lead officer: “Olu Adeyemi” → “Sam Colleague”" in history
    # The progress update changed the status and RAG rating, by the same officer.
    assert "Status:" not in history  # it was in progress already
    assert "RAG rating: “Green” → “Red”" in history
    assert "The system: created activity" in history  # made by the factory, not a person
    assert "Indicative timing" not in history  # unchanged
    assert "Version" not in history
    updates = page[page.index("Change history of the progress updates") :]
    assert f"{edited.officer.username}: created progress update" in updates


def test_an_unassigned_lead_officer_reads_none(edited, signed_in):
    client = signed_in(edited.officer)
    activity = Activity.objects.get(pk=edited.activity.pk)
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


def test_only_administrators_are_offered_the_revert_link(edited, signed_in):
    url = edited.activity.get_absolute_url()
    admin_link = f'href="/admin/workplan/activity/{edited.activity.pk}/history/"'
    assert admin_link in signed_in(edited.users["administrator"]).get(url).content.decode()
    for who in ("officer of the board", "clerk of the board"):
        assert admin_link not in signed_in(edited.users[who]).get(url).content.decode()


def test_the_admin_history_and_revert_pages_open(edited, signed_in):
    admin = signed_in(edited.users["administrator"])
    history_url = f"/admin/workplan/activity/{edited.activity.pk}/history/"
    response = admin.get(history_url)
    assert response.status_code == 200
    assert edited.officer.username in text(response)
    first = edited.activity.history.earliest("history_date")
    response = admin.get(f"{history_url}{first.history_id}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Revert" in page
    assert 'value="Tackle modern slavery"' in page or ">Tackle modern slavery</" in page

    # Reverting saves the earlier version again, as a new change in the history.
    form = admin_form(response)
    response = admin.post(f"{history_url}{first.history_id}/", form)
    assert response.status_code == 302, text(response)[:2000]
    activity = Activity.objects.get(pk=edited.activity.pk)
    assert (activity.title, activity.lead_officer) == ("Tackle modern slavery", edited.lead)
    page = text(signed_in(edited.officer).get(activity.get_absolute_url()))
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


def test_staff_of_another_board_cannot_open_the_admin(edited, signed_in):
    history_url = f"/admin/workplan/activity/{edited.activity.pk}/history/"
    for who in ("officer of the board", "clerk of the board", "anonymous"):
        response = signed_in(edited.users[who]).get(history_url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_the_meeting_overview_shows_its_history_to_the_clerk(edited, signed_in):
    meeting = f.MeetingFactory(board=edited.board, venue="Smith Square", notes_status="scheduled")
    clerk = signed_in(edited.users["clerk of the board"])
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


def test_the_history_is_shown_once_in_the_page_body(edited, signed_in):
    html = signed_in(edited.officer).get(edited.activity.get_absolute_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Change history" not in title
    assert html.count(">Change history<") == 1
