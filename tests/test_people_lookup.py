"""People pickers too long to send with the page (any councillor, any officer or guest): a
text box the clerk types a name into, with a list from the server as they type when there is
JavaScript, and the name found on the server when there is not. The page is the same size
however many people the service holds."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards.models import Person

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db

LOOKUP = "/manage/boards/sscb/people/councillors/"


@pytest.fixture
def meeting(world):
    return f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="draft"
    )


def register_url(meeting) -> str:
    return f"/manage/meetings/{meeting.pk}/attendance/"


def with_a_substitute(page: str, member, typed: str, chosen_id: str = "") -> dict:
    """The register as shown, with the member sending apologies and a row of other
    substitutes naming `typed` for them."""
    values = form_values(page)
    return values | {
        f"member_{member.pk}": "apologies",
        "subs-TOTAL_FORMS": "1",
        "subs-0-person": typed,
        "subs-0-person_id": chosen_id,
        "subs-0-substitute_for": str(member.pk),
    }


def test_the_register_is_the_same_size_however_many_councillors_there_are(
    world, signed_in, meeting
):
    clerk = signed_in(world.clerk)
    before = clerk.get(register_url(meeting)).content.decode()
    with CaptureQueriesContext(connection) as queries:
        clerk.get(register_url(meeting))
    for n in range(40):
        f.PersonFactory(name=f"Far Away {n}")
        f.OfficerFactory(name=f"Other Officer {n}")
    after = clerk.get(register_url(meeting)).content.decode()
    with CaptureQueriesContext(connection) as more:
        clerk.get(register_url(meeting))
    assert "Far Away" not in after and "Other Officer" not in after
    assert abs(len(after) - len(before)) < 200  # a CSRF token's difference
    assert len(more) == len(queries)


def test_a_typed_name_is_found_without_javascript(world, signed_in, meeting):
    stranger = f.PersonFactory(name="Stan Stranger", authority__name="Eden District Council")
    clerk = signed_in(world.clerk)
    page = clerk.get(register_url(meeting)).content.decode()
    response = clerk.post(
        register_url(meeting), with_a_substitute(page, world.councillor, "  stan   STRANGER ")
    )
    assert response.status_code == 302
    row = meeting.attendance.get(person=stranger)
    assert (row.status, row.substitute_for) == ("substitute", world.councillor)


def test_a_name_two_people_share_asks_where_they_are_from(world, signed_in, meeting):
    f.PersonFactory(name="Sam Smith", authority__name="Eden District Council")
    wanted = f.PersonFactory(name="Sam Smith", authority__name="Carlisle City Council")
    clerk = signed_in(world.clerk)
    page = clerk.get(register_url(meeting)).content.decode()
    response = clerk.post(
        register_url(meeting), with_a_substitute(page, world.councillor, "Cllr Sam Smith")
    )
    html = response.content.decode()
    assert response.status_code == 200 and not meeting.attendance.exists()
    message = (
        "2 people called Cllr Sam Smith are recorded. Type their name as the list shows it, "
        "with where they are from, for example Cllr Sam Smith, Carlisle City Council or "
        "Cllr Sam Smith, Eden District Council"
    )
    # In the error summary, linked to the box, and beside it; what was typed is kept.
    assert html.count(message) == 2
    assert 'href="#id_subs-0-person"' in html
    assert form_values(html)["subs-0-person"] == "Cllr Sam Smith"
    # With the council after a comma, as the list shows them, the right one is found.
    typed = with_a_substitute(page, world.councillor, "Sam Smith, carlisle")
    assert clerk.post(register_url(meeting), typed).status_code == 302
    assert meeting.attendance.get(substitute_for=world.councillor).person == wanted


def test_a_name_not_recorded_says_so_beside_the_box(world, signed_in, meeting):
    f.OfficerFactory(name="Nora Nobody")  # an officer is not a councillor
    clerk = signed_in(world.clerk)
    page = clerk.get(register_url(meeting)).content.decode()
    html = clerk.post(
        register_url(meeting), with_a_substitute(page, world.councillor, "Nora Nobody")
    ).content.decode()
    assert "No councillor called Nora Nobody is recorded" in html
    assert not meeting.attendance.exists()


def test_the_text_decides_when_it_was_changed_after_a_choice(world, signed_in, meeting):
    """The id a choice from the list left behind counts only while the box still shows that
    person: retyped, the box is looked up again."""
    first = f.PersonFactory(name="Fay First")
    second = f.PersonFactory(name="Sid Second")
    clerk = signed_in(world.clerk)
    page = clerk.get(register_url(meeting)).content.decode()
    typed = with_a_substitute(page, world.councillor, "Sid Second", chosen_id=str(first.pk))
    assert clerk.post(register_url(meeting), typed).status_code == 302
    assert meeting.attendance.get(substitute_for=world.councillor).person == second


def test_an_id_sent_must_be_someone_the_box_may_name(world, signed_in, meeting):
    officer = f.OfficerFactory(name="Otto Officer")
    clerk = signed_in(world.clerk)
    page = clerk.get(register_url(meeting)).content.decode()
    label = "Otto Officer, Senior Adviser, Local Government Association"
    typed = with_a_substitute(page, world.councillor, label, chosen_id=str(officer.pk))
    html = clerk.post(register_url(meeting), typed).content.decode()
    assert "No councillor called Otto Officer is recorded" in html
    assert not meeting.attendance.exists()


def test_saving_rows_of_names_reads_them_in_one_query(world, signed_in, meeting):
    officers = [f.OfficerFactory(name=f"Officer Number {n}") for n in range(6)]
    clerk = signed_in(world.clerk)
    values = form_values(clerk.get(register_url(meeting)).content.decode())

    def name_reads(people) -> int:
        data = values | {"others-TOTAL_FORMS": str(len(people))}
        for i, person in enumerate(people):
            data |= {f"others-{i}-person": person.name, f"others-{i}-new_name": ""}
            data |= {f"others-{i}-new_role": ""}
        meeting.attendance.all().delete()
        with CaptureQueriesContext(connection) as queries:
            assert clerk.post(register_url(meeting), data).status_code == 302
        assert meeting.attendance.count() == len(people) + 1  # and the member
        return sum('UPPER("boards_person"."name")' in q["sql"] for q in queries)

    assert name_reads(officers[:1]) == name_reads(officers) == 1


def test_the_list_as_the_clerk_types(world, signed_in):
    wanted = f.PersonFactory(name="Priya Patel", authority__name="Leeds City Council")
    f.PersonFactory(name="Priya Shah", authority__name="Kent County Council")
    f.OfficerFactory(name="Priya Officer")
    clerk = signed_in(world.clerk)
    results = clerk.get(LOOKUP, {"q": "priya leeds"}).json()["results"]
    assert results == [{"id": wanted.pk, "label": "Cllr Priya Patel, Leeds City Council"}]
    names = [r["label"] for r in clerk.get(LOOKUP, {"q": "PRI"}).json()["results"]]
    assert names == ["Cllr Priya Patel, Leeds City Council", "Cllr Priya Shah, Kent County Council"]
    staff = "/manage/boards/sscb/people/officers-and-guests/"
    assert [r["label"] for r in clerk.get(staff, {"q": "priya"}).json()["results"]] == [
        "Priya Officer, Senior Adviser, Local Government Association"
    ]
    assert clerk.get(LOOKUP, {"q": "  "}).json() == {"results": []}
    assert clerk.get("/manage/boards/sscb/people/everyone/", {"q": "p"}).status_code == 404


def test_the_list_is_at_most_twenty_in_a_fixed_number_of_queries(world, signed_in):
    clerk = signed_in(world.clerk)
    for n in range(25):
        f.PersonFactory(name=f"Many Name {n:02}")
    with CaptureQueriesContext(connection) as queries:
        results = clerk.get(LOOKUP, {"q": "many"}).json()["results"]
    assert [r["label"].split(",")[0] for r in results] == [
        f"Cllr Many Name {n:02}" for n in range(20)
    ]
    # Session, user with their roles, board, people.
    assert len(queries) == 4


def test_only_the_boards_clerks_may_look_people_up(world, signed_in, client):
    assert signed_in(world.member).get(LOOKUP, {"q": "ab"}).status_code == 403
    assert signed_in(world.outsider).get(LOOKUP, {"q": "ab"}).status_code == 404
    assert client.get(LOOKUP, {"q": "ab"}).status_code == 302  # to sign in
    assert signed_in(world.clerk).post(LOOKUP, {"q": "ab"}).status_code == 405


def test_a_new_member_is_added_by_typed_name(world, signed_in):
    newcomer = f.PersonFactory(name="Nia Newcomer")
    url = "/manage/boards/sscb/2022-23/members/"
    clerk = signed_in(world.clerk)
    values = form_values(
        clerk.post(
            url, {"seats-TOTAL_FORMS": "0", "seats-INITIAL_FORMS": "0", "add_row": "1"}
        ).content.decode()
    )
    values |= {"seats-0-person": "nia newcomer", "seats-0-role": "member"}
    assert clerk.post(url, values).status_code == 302
    assert newcomer.memberships.get().role == "member"


def test_the_box_is_a_labelled_text_box_the_script_enhances(world, signed_in, meeting):
    f.AttendanceFactory(meeting=meeting, person=world.activity.lead_officer, status="in_attendance")
    page = signed_in(world.clerk).get(register_url(meeting)).content.decode()
    assert '<label class="govuk-label" for="id_others-0-person">Officer or guest</label>' in page
    (box,) = re.findall(r'<input [^>]*name="others-0-person"[^>]*>', page)
    assert 'type="text"' in box and 'data-module="app-person-lookup"' in box
    assert 'data-lookup-url="/manage/boards/sscb/people/officers-and-guests/"' in box
    lead = world.activity.lead_officer
    assert form_values(page)["others-0-person_id"] == str(lead.pk)
    assert form_values(page)["others-0-person"].startswith("Olu Adeyemi")
    assert Person.objects.get(pk=lead.pk).kind == "officer"


def test_hundreds_of_boxes_of_long_names_get_errors_not_a_failure(world, signed_in, meeting):
    """A hand-made post of many boxes, each of many words, is answered with errors: the
    boxes past a page's worth are not looked up, and a name is at most 200 characters."""
    clerk = signed_in(world.clerk)
    values = form_values(clerk.get(register_url(meeting)).content.decode())
    boxes = 400
    values |= {"subs-TOTAL_FORMS": str(boxes), f"member_{world.councillor.pk}": "apologies"}
    for i in range(boxes):
        values |= {
            f"subs-{i}-person": " ".join(f"Word{i}x{w}" for w in range(12)),
            f"subs-{i}-substitute_for": str(world.councillor.pk),
        }
    values["subs-0-person"] = "A" * 300
    response = clerk.post(register_url(meeting), values)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a name of at most 200 characters" in html
    assert "No councillor called Word1x0 Word1x1" in html
    assert not meeting.attendance.exists()
