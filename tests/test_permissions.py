"""Who may use the pages that change data: every write URL of workplan/urls.py and
meetings/urls.py, for every kind of visitor, by GET and by POST.

A refused request changes nothing in the database; nor does any GET.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards import access, backends
from boards.models import BoardRole
from meetings.models import Attendance, Meeting

from . import factories as f
from .paper_documents import pdf_of

pytestmark = pytest.mark.django_db

OK, LOGIN = "allowed", "sign in"

# Who is asking, and what they get from the officers' pages and from the clerks' pages.
#   allowed: the page (GET) or the change is made (POST);
#   403: works with the board but in another role; 404: has no role on the board at all;
#   sign in: sent to /accounts/login/.
#
#  visitor                        officer pages  clerk pages
OUTCOMES = {
    "anonymous": (LOGIN, LOGIN),
    "officer of the board": (OK, 403),
    "clerk of the board": (403, OK),
    "member of the board": (403, 403),
    "officer of another board": (404, 404),
    "clerk of another board": (404, 404),
    "member of another board": (404, 404),
    "administrator": (OK, OK),
}
OFFICER, CLERK = 0, 1


@pytest.fixture
def world(world):
    """The shared world with 2023/24 opened and three meetings of the board: 4 October 2022
    (notes published, an action on item 1), 8 November (scheduled; the councillor present;
    item 1 "Modern slavery") and 24 January 2023 (draft notes)."""
    f.WorkProgrammeFactory(board=world.board, year=f.BoardYearFactory(start_year=2023))
    world.first = f.MeetingFactory(board=world.board, date=datetime.date(2022, 10, 4))
    world.action = f.ActionFactory(
        agenda_item=f.AgendaItemFactory(meeting=world.first, number="1", order=1)
    )
    world.second = f.MeetingFactory(
        board=world.board,
        date=datetime.date(2022, 11, 8),
        notes_status=Meeting.NotesStatus.SCHEDULED,
    )
    f.AttendanceFactory(
        meeting=world.second, person=world.councillor, status=Attendance.Status.PRESENT
    )
    world.item = f.AgendaItemFactory(
        meeting=world.second, number="1", order=1, title="Modern slavery"
    )
    world.paper_file = f.PaperFileFactory(agenda_item=world.item, title="Modern slavery paper")
    world.draft = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 1, 24), notes_status=Meeting.NotesStatus.DRAFT
    )
    return world


def activity_fields(w) -> dict:
    return {
        "theme": w.theme.pk,
        "title": "Tackle modern slavery in supply chains",
        "description": "",
        "lead_officer": w.lead.pk,
        "indicative_timing": "Spring",
        "target_date_day": "",
        "target_date_month": "",
        "target_date_year": "",
        "resource_requirement": "",
        "budget_allocated": "",
    }


def item_fields(w, number: str) -> dict:
    data = {"number": number, "title": "Modern slavery update", "version": w.item.version}
    for prefix in ("decisions", "actions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def meeting_fields(day: int) -> dict:
    return {"kind": "board", "date_day": day, "date_month": "3", "date_year": "2023"}


def paper_file_fields(title: str) -> dict:
    file = SimpleUploadedFile("appendix.pdf", pdf_of(title), content_type="application/pdf")
    return {"title": title, "role": "appendix", "file": file}


# name, whose page, URL, data a valid POST sends (None: the page changes nothing), POST only.
ENDPOINTS = [
    # workplan/urls.py
    (
        "post_update",
        OFFICER,
        lambda w: f"/manage/activities/{w.activity.pk}/update/",
        lambda w: {
            "text": "Met the Home Office.",
            "date_day": "1",
            "date_month": "12",
            "date_year": "2022",
            "status": "in_progress",
            "rag": "amber",
        },
        False,
    ),
    (
        "edit_activity",
        OFFICER,
        lambda w: f"/manage/activities/{w.activity.pk}/edit/",
        lambda w: activity_fields(w) | {"version": w.activity.version},
        False,
    ),
    (
        "propose_activity",
        OFFICER,
        lambda w: f"/manage/programmes/{w.programme.pk}/activities/new/",
        lambda w: activity_fields(w) | {"title": "Publish guidance on hate crime"},
        False,
    ),
    (
        "add_theme",
        OFFICER,
        lambda w: f"/manage/programmes/{w.programme.pk}/themes/new/",
        lambda w: {"title": "Fire and rescue", "description": ""},
        False,
    ),
    (
        "carry_forward",
        OFFICER,
        lambda w: f"/manage/programmes/{w.programme.pk}/carry-forward/",
        lambda w: {"activities": [w.activity.pk]},
        False,
    ),
    (
        "start_next_programme",
        OFFICER,
        lambda w: "/manage/boards/sscb/programmes/next/",
        lambda w: {},
        True,
    ),
    # meetings/urls.py
    (
        "create_meeting",
        CLERK,
        lambda w: "/manage/boards/sscb/meetings/new/",
        lambda w: meeting_fields(14) | {"venue": "Smith Square"},
        False,
    ),
    ("manage_meeting", CLERK, lambda w: f"/manage/meetings/{w.second.pk}/", None, False),
    (
        "edit_meeting",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/edit/",
        lambda w: (
            {"kind": "board", "date_day": "8", "date_month": "11", "date_year": "2022"}
            | {"venue": "Online", "version": w.second.version}
        ),
        False,
    ),
    (
        "record_attendance",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/attendance/",
        lambda w: {
            f"member_{w.councillor.pk}": "apologies",
            "others-TOTAL_FORMS": "0",
            "others-INITIAL_FORMS": "0",
        },
        False,
    ),
    (
        "record_declarations",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/declarations/",
        lambda w: {"person": w.councillor.pk, "agenda_item": "", "interest": "A trustee"},
        False,
    ),
    (
        "add_item",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/items/new/",
        lambda w: item_fields(w, "2"),
        False,
    ),
    (
        "edit_item",
        CLERK,
        lambda w: f"/manage/items/{w.item.pk}/edit/",
        lambda w: item_fields(w, "1"),
        False,
    ),
    (
        "item_files",
        CLERK,
        lambda w: f"/manage/items/{w.item.pk}/papers/",
        lambda w: paper_file_fields("Appendix A"),
        False,
    ),
    (
        "replace_file",
        CLERK,
        lambda w: f"/manage/papers/files/{w.paper_file.pk}/replace/",
        lambda w: paper_file_fields("Modern slavery paper (revised)"),
        False,
    ),
    (
        "remove_file",
        CLERK,
        lambda w: f"/manage/papers/files/{w.paper_file.pk}/remove/",
        lambda w: {},
        True,
    ),
    (
        "link_activities",
        CLERK,
        lambda w: f"/manage/items/{w.item.pk}/activities/",
        lambda w: {"activities": [w.activity.pk]},
        False,
    ),
    (
        "matters_arising",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/matters-arising/",
        lambda w: {f"action-{w.action.pk}-outcome": "dropped", f"action-{w.action.pk}-note": ""},
        False,
    ),
    (
        "start_notes",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/notes/start/",
        lambda w: {},
        True,
    ),
    (
        "publish_notes",
        CLERK,
        lambda w: f"/manage/meetings/{w.draft.pk}/notes/check/",
        lambda w: {},
        False,
    ),
    (
        "agree_notes",
        CLERK,
        lambda w: f"/manage/meetings/{w.second.pk}/agree-notes/",
        lambda w: {"meeting": w.first.pk, "amendment": "Correct the spelling of a name."},
        True,
    ),
]
ENDPOINT_IDS = [endpoint[0] for endpoint in ENDPOINTS]


def snapshot() -> dict:
    """Every row of the domain apps, their change history included."""
    labels = ("auth", "boards", "workplan", "meetings", "reports")
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for label in labels
        for model in apps.get_app_config(label).get_models()
        if model._meta.label != "auth.Permission"
    }


def assert_refused(response, expected, url) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url == f"/accounts/login/?next={url}"
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", OUTCOMES)
@pytest.mark.parametrize(("name", "kind", "url", "data", "post_only"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_get(signed_in, world, who, name, kind, url, data, post_only):
    url = url(world)
    expected = OUTCOMES[who][kind]
    client = signed_in(world.users[who])
    before = snapshot()
    response = client.get(url)
    if expected == LOGIN:
        assert_refused(response, LOGIN, url)
    elif post_only:
        # require_POST answers before the role check; it admits nothing.
        assert response.status_code == 405
    elif expected == OK:
        assert response.status_code == 200
    else:
        assert_refused(response, expected, url)
    assert snapshot() == before


@pytest.mark.parametrize("who", OUTCOMES)
@pytest.mark.parametrize(("name", "kind", "url", "data", "post_only"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_post(signed_in, world, who, name, kind, url, data, post_only):
    url = url(world)
    expected = OUTCOMES[who][kind]
    client = signed_in(world.users[who])
    before = snapshot()
    response = client.post(url, data(world) if data else {})
    if expected != OK:
        assert_refused(response, expected, url)
        assert snapshot() == before, "a refused POST changed the database"
    elif data is None:
        assert response.status_code == 200
        assert snapshot() == before
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not response.url.startswith("/accounts/login/")
        assert snapshot() != before


@pytest.mark.parametrize(("name", "kind", "url", "data", "post_only"), ENDPOINTS, ids=ENDPOINT_IDS)
def test_no_write_by_get(signed_in, world, name, kind, url, data, post_only):
    """Even the right person sending a complete form's fields by GET changes nothing."""
    who = "officer of the board" if kind == OFFICER else "clerk of the board"
    client = signed_in(world.users[who])
    before = snapshot()
    query = urlencode(data(world) if data else {}, doseq=True)
    response = client.get(f"{url(world)}?{query}")
    assert response.status_code == (405 if post_only else 200)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", LOGIN),
        ("officer of the board", 200),
        ("clerk of the board", 200),
        ("member of another board", 200),
        ("administrator", 200),
    ],
)
def test_my_work_needs_sign_in_only(signed_in, world, who, status):
    response = signed_in(world.users[who]).get("/my-work/")
    if status == LOGIN:
        assert_refused(response, LOGIN, "/my-work/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("step", ["delete", "agree", "scheduled"])
def test_unknown_notes_step_changes_nothing(signed_in, world, step):
    client = signed_in(world.users["clerk of the board"])
    before = snapshot()
    response = client.post(f"/manage/meetings/{world.second.pk}/notes/{step}/")
    assert response.status_code == 302
    assert snapshot() == before


@pytest.mark.parametrize(
    ("who", "outcome"),
    [("member of the board", 403), ("clerk of another board", 404), ("anonymous", LOGIN)],
)
def test_refused_removals_change_nothing(signed_in, world, who, outcome):
    """The Remove buttons on the attendance and declarations pages."""
    declaration = f.DeclarationFactory(meeting=world.second, person=world.councillor)
    attendance = world.second.attendance.get()
    client = signed_in(world.users[who])
    before = snapshot()
    for url, pk in [
        (f"/manage/meetings/{world.second.pk}/attendance/", attendance.pk),
        (f"/manage/meetings/{world.second.pk}/declarations/", declaration.pk),
    ]:
        assert_refused(client.post(url, {"remove": pk}), outcome, url)
    assert snapshot() == before


def test_a_clerk_cannot_remove_another_boards_records(signed_in, world):
    """The row to remove is looked for in this meeting only."""
    other = f.MeetingFactory(board=world.other_board, date=datetime.date(2022, 11, 8))
    attendance = f.AttendanceFactory(meeting=other)
    declaration = f.DeclarationFactory(meeting=other, person=attendance.person)
    client = signed_in(world.users["clerk of the board"])
    before = snapshot()
    client.post(f"/manage/meetings/{world.second.pk}/attendance/", {"remove": attendance.pk})
    client.post(f"/manage/meetings/{world.second.pk}/declarations/", {"remove": declaration.pk})
    assert snapshot() == before


@pytest.mark.parametrize("value", ["abc", "", "1.5", "\x00"])
def test_a_malformed_removal_is_not_a_server_error(signed_in, world, value):
    client = signed_in(world.users["clerk of the board"])
    before = snapshot()
    for part in ("attendance", "declarations"):
        response = client.post(f"/manage/meetings/{world.second.pk}/{part}/", {"remove": value})
        assert response.status_code in (200, 302)
    assert snapshot() == before


def test_a_role_on_two_boards_does_not_mix_them(signed_in, world):
    """A clerk of another board who is a member of this one still may not record its
    meetings."""
    user = world.users["clerk of another board"]
    f.BoardRoleFactory(user=user, board=world.board, role=BoardRole.Role.BOARD_MEMBER)
    client = signed_in(user)
    before = snapshot()
    url = f"/manage/meetings/{world.second.pk}/notes/start/"
    assert client.post(url).status_code == 403
    assert snapshot() == before


def test_a_signed_in_page_reads_the_user_and_their_roles_together(signed_in, world):
    """The roles come in the same query as the user, and are the ones the user holds."""
    user = world.users["clerk of another board"]
    f.BoardRoleFactory(user=user, board=world.board, role=BoardRole.Role.BOARD_MEMBER)
    user = backends.ModelBackendWithRoles().get_user(user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert access.roles_on(user, world.board) == {BoardRole.Role.BOARD_MEMBER}
        assert access.can_record_meetings(user, world.board) is False
    assert len(queries) == 0
    nobody = backends.ModelBackendWithRoles().get_user(f.UserFactory().pk)
    assert access.reader_for(nobody) == access.Reader(board_ids=frozenset())
    assert backends.ModelBackendWithRoles().get_user(0) is None


def test_signing_in_through_the_form_and_being_deactivated(client, world):
    """A person signs in with their password and keeps their roles; once an administrator
    deactivates them, their next page treats them as signed out."""
    officer = world.officer
    officer.set_password("a long and memorable passphrase")
    officer.save()
    response = client.post(
        "/accounts/login/",
        {"username": officer.username, "password": "a long and memorable passphrase"},
    )
    assert response.status_code == 302
    assert "Propose an activity" in client.get(world.programme.get_absolute_url()).content.decode()
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    page = client.get(world.programme.get_absolute_url()).content.decode()
    assert "Propose an activity" not in page and "Sign in" in page
