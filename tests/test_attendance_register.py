"""One attendance register: every member of the year in one table, a substitute in the row of
the member they stood in for, officers and guests added several at a time (a new guest too),
all in one save; adding a row or an error never loses what was entered. Also the meeting
form that must accept its own start time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards.models import Person
from meetings.lookups import read_people

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    members = [world.councillor] + [
        f.MembershipFactory(board=world.board, year=world.year, person__name=name).person
        for name in ("Alice Adams", "Bob Brown", "Cath Cole")
    ]
    # Notes still being written: a change to published ones is a correction, which asks why.
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="draft"
    )
    sub = f.MembershipFactory(
        board=world.board, year=world.year, role="substitute", person__name="Sunil Sub"
    ).person
    officers = [f.OfficerFactory(name=n) for n in ("Olive Officer", "Omar Officer")]
    return members, meeting, sub, officers


def test_the_substitute_pickers_offer_the_boards_councillors(world, signed_in, register):
    """Named substitutes and members of this year or last, and councillors who came to the
    board's meetings; not every councillor of every council."""
    members, meeting, _, _ = register
    last_year = f.BoardYearFactory(start_year=2021)
    f.MembershipFactory(board=world.board, year=last_year, person__name="Lena Lastyear")
    earlier = f.MeetingFactory(board=world.board, date=datetime.date(2022, 6, 7))
    f.AttendanceFactory(meeting=earlier, person=f.PersonFactory(name="Vic Visitor"))
    f.PersonFactory(name="Stan Stranger")
    f.MembershipFactory(board=world.other_board, year=world.year, person__name="Olga Other")
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    substitute = page[page.index(f'name="substitute_{members[1].pk}"') :].split("</select>")[0]
    for name in ("Sunil Sub", "Lena Lastyear", "Vic Visitor", "Cath Cole"):
        assert name in substitute
    assert "Stan Stranger" not in substitute and "Olga Other" not in substitute


def url(meeting) -> str:
    return f"/manage/meetings/{meeting.pk}/attendance/"


def register_data(members, statuses, others=(), **extra) -> dict:
    data = {f"member_{m.pk}": status for m, status in zip(members, statuses, strict=True)}
    data |= {f"substitute_{m.pk}": "" for m in members}
    data |= {"subs-TOTAL_FORMS": "0", "subs-INITIAL_FORMS": "0"}
    data["others-TOTAL_FORMS"] = str(len(others))
    data["others-INITIAL_FORMS"] = "0"
    for i, row in enumerate(others):
        data |= {
            f"others-{i}-{k}": v
            for k, v in ({"person": "", "new_name": "", "new_role": ""} | row).items()
        }
    return data | extra


def as_chosen(person) -> dict:
    """A lookup box as the browser sends it when the person was chosen from its list."""
    (found,) = read_people(Person.objects.filter(pk=person.pk))
    return {"person": found.label, "person_id": str(person.pk)}


def rows(meeting) -> dict:
    return {
        a.person.name: (a.status, a.substitute_for.name if a.substitute_for else None)
        for a in meeting.attendance.select_related("person", "substitute_for")
    }


def test_members_substitute_officers_and_a_new_guest_in_one_save(world, signed_in, register):
    members, meeting, sub, officers = register
    clerk = signed_in(world.clerk)
    data = register_data(
        members,
        ["present", "present", "apologies", "absent"],
        others=[
            {"person": "Olive Officer"},  # typed, without JavaScript
            as_chosen(officers[1]),  # chosen from the list as the clerk typed
            {"new_name": "Dee Guest", "new_role": "Chief Inspector, Kent Police"},
        ],
        **{f"substitute_{members[2].pk}": str(sub.pk)},
    )
    response = clerk.post(url(meeting), data)
    assert response.status_code == 302
    assert rows(meeting) == {
        members[0].name: ("present", None),
        "Alice Adams": ("present", None),
        "Bob Brown": ("apologies", None),
        "Sunil Sub": ("substitute", "Bob Brown"),
        "Olive Officer": ("in_attendance", None),
        "Omar Officer": ("in_attendance", None),
        "Dee Guest": ("in_attendance", None),
    }
    guest = Person.objects.get(name="Dee Guest")
    assert (guest.kind, guest.job_title, guest.organisation) == (
        "guest",
        "Chief Inspector",
        "Kent Police",
    )

    # The page shows it all again, and sending it back unchanged changes nothing.
    page = clerk.get(url(meeting)).content.decode()
    assert f'value="{sub.pk}" selected' in page
    resent = dict(form_values(page).items())
    before = rows(meeting)
    assert clerk.post(url(meeting), resent).status_code == 302
    assert rows(meeting) == before


def test_adding_a_row_keeps_every_tick(world, signed_in, register):
    members, meeting, _sub, _officers = register
    clerk = signed_in(world.clerk)
    data = register_data(
        members,
        ["present", "apologies", "present", "present"],
        others=[{"person": "Olive Officer"}],
        add_other="1",
    )
    response = clerk.post(url(meeting), data)
    assert response.status_code == 200
    assert not meeting.attendance.exists()  # nothing saved yet
    values = form_values(response.content.decode())
    assert [values[f"member_{m.pk}"] for m in members] == [
        "present",
        "apologies",
        "present",
        "present",
    ]
    assert values["others-0-person"] == "Olive Officer"
    assert values["others-TOTAL_FORMS"] == "2" and values["others-1-person"] == ""


def test_removing_a_row_keeps_the_rest(world, signed_in, register):
    members, meeting, _sub, officers = register
    clerk = signed_in(world.clerk)
    data = register_data(
        members,
        ["present"] * 4,
        others=[{"person": "Olive Officer"}, as_chosen(officers[1])],
        remove_other="0",
    )
    values = form_values(clerk.post(url(meeting), data).content.decode())
    assert values["others-TOTAL_FORMS"] == "1"
    assert values["others-0-person"] == as_chosen(officers[1])["person"]
    assert values["others-0-person_id"] == str(officers[1].pk)
    assert values[f"member_{members[0].pk}"] == "present"
    # Saving the page as shown records only the officer kept.
    assert clerk.post(url(meeting), values).status_code == 302
    assert set(rows(meeting)) == {m.name for m in members} | {"Omar Officer"}


def test_a_register_not_yet_taken_starts_with_every_member_present(world, signed_in, register):
    """Most members come: the clerk marks only those who sent apologies or were absent.
    Once the register is taken, a member with no row was absent, and is shown so."""
    members, meeting, _sub, officers = register
    clerk = signed_in(world.clerk)
    f.AttendanceFactory(meeting=meeting, person=officers[0], status="in_attendance")
    page = clerk.get(url(meeting)).content.decode()
    assert "Every member starts as present" in page
    assert [form_values(page)[f"member_{m.pk}"] for m in members] == ["present"] * 4

    f.AttendanceFactory(meeting=meeting, person=members[0], status="apologies")
    page = clerk.get(url(meeting)).content.decode()
    assert "Every member starts as present" not in page
    assert [form_values(page)[f"member_{m.pk}"] for m in members] == [
        "apologies",
        "absent",
        "absent",
        "absent",
    ]


def test_an_error_keeps_the_input_and_names_the_problem(world, signed_in, register):
    members, meeting, sub, _officers = register
    clerk = signed_in(world.clerk)
    data = register_data(
        members,
        ["present", "present", "apologies", "absent"],
        **{f"substitute_{members[1].pk}": str(sub.pk)},
    )
    response = clerk.post(url(meeting), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Cllr Alice Adams was present: choose apologies or absent") == 2
    assert form_values(html)[f"member_{members[2].pk}"] == "apologies"
    assert not meeting.attendance.exists()


def test_someone_twice_on_the_register_is_refused(world, signed_in, register):
    members, meeting, sub, officers = register
    clerk = signed_in(world.clerk)
    data = register_data(
        members,
        ["present", "absent", "apologies", "absent"],
        others=[{"person": "Olive Officer"}, as_chosen(officers[0])],
        **{f"substitute_{members[1].pk}": str(sub.pk), f"substitute_{members[2].pk}": str(sub.pk)},
    )
    html = clerk.post(url(meeting), data).content.decode()
    assert "This person is already on the register" in html
    assert not meeting.attendance.exists()


def test_the_register_page_query_count(world, signed_in, register):
    members, meeting, _sub, _officers = register
    for m in members:
        f.AttendanceFactory(meeting=meeting, person=m, status="present")
    clerk = signed_in(world.clerk)
    # Session, user with their roles, meeting, year, members, the board's councillors, the
    # people on the register, register rows. Not every councillor, officer and guest: those
    # are looked up as the clerk types.
    with CaptureQueriesContext(connection) as queries:
        assert clerk.get(url(meeting)).status_code == 200
    assert len(queries) == 8


def test_the_meeting_form_saves_its_own_start_time_sent_back(world, signed_in):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), start_time=datetime.time(11, 0)
    )
    clerk = signed_in(world.clerk)
    page = clerk.get(f"/manage/meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="11:00"' in page and "11:00:00" not in page
    data = {
        "kind": meeting.kind,
        "date_day": "8",
        "date_month": "11",
        "date_year": "2022",
        "start_time": "11:00:00",  # as the old page filled it in
        "venue": "",
        "version": str(meeting.version),
    }
    assert clerk.post(f"/manage/meetings/{meeting.pk}/edit/", data).status_code == 302


def test_add_a_meeting_is_a_button_at_the_top_of_the_board_page(world, signed_in):
    html = signed_in(world.clerk).get("/boards/sscb/").content.decode()
    button = html.index(
        'class="govuk-button app-no-print" data-module="govuk-button">Add a meeting'
    )
    assert button < html.index("Work programme")
    assert "Add a meeting" not in signed_in(world.member).get("/boards/sscb/").content.decode()


def test_a_councillor_the_lists_do_not_offer_substitutes_in_a_row_of_their_own(
    world, signed_in, register
):
    members, meeting, _, _ = register
    stranger = f.PersonFactory(name="Stan Stranger")
    clerk = signed_in(world.clerk)
    data = register_data(members, ["present", "apologies", "present", "present"])
    values = form_values(clerk.post(url(meeting), data | {"add_sub": "1"}).content.decode())
    assert values["subs-TOTAL_FORMS"] == "1" and not meeting.attendance.exists()
    values |= {"subs-0-person": "Stan Stranger", "subs-0-substitute_for": str(members[2].pk)}
    page = clerk.post(url(meeting), values).content.decode()
    assert "This member was present" in page and not meeting.attendance.exists()
    values["subs-0-substitute_for"] = str(members[1].pk)
    assert clerk.post(url(meeting), values).status_code == 302
    assert rows(meeting)["Stan Stranger"] == ("substitute", "Alice Adams")
    # Now on the register, the member's own row offers and shows them: sent back unchanged,
    # the register saves as it was.
    again = form_values(clerk.get(url(meeting)).content.decode())
    assert again[f"substitute_{members[1].pk}"] == str(stranger.pk)
    assert clerk.post(url(meeting), again).status_code == 302
    assert rows(meeting)["Stan Stranger"] == ("substitute", "Alice Adams")


def test_a_member_given_two_substitutes_is_refused(world, signed_in, register):
    members, meeting, sub, _ = register
    stranger = f.PersonFactory(name="Stan Stranger")
    data = register_data(
        members,
        ["present", "apologies", "present", "present"],
        **{
            f"substitute_{members[1].pk}": str(sub.pk),
            "subs-TOTAL_FORMS": "1",
            "subs-0-person": as_chosen(stranger)["person"],
            "subs-0-person_id": str(stranger.pk),
            "subs-0-substitute_for": str(members[1].pk),
        },
    )
    page = signed_in(world.clerk).post(url(meeting), data).content.decode()
    assert "This member already has a substitute" in page
    assert not meeting.attendance.exists()
