"""Minutes conventions: people are listed with the chair first, then by surname, in the notes
and the registers; members who neither came nor sent apologies are shown as absent; an
item's presenters are chosen from the people who were there."""

import datetime
import re

import pytest

from . import factories as f
from .reading import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2022, 11, 8), notes_status="published"
    )
    people = {}
    for name, role, status in [
        ("Amy Young", "member", "present"),
        ("Zoe Adams", "member", "present"),
        ("Bob Chairman Zimmer", "chair", "present"),
        ("Carl Brown", "member", "apologies"),
        ("Dan Absent", "member", None),
    ]:
        person = f.PersonFactory(name=name, honorific="Cllr")
        f.MembershipFactory(board=world.board, year=world.year, person=person, role=role)
        if status:
            f.AttendanceFactory(meeting=meeting, person=person, status=status)
        people[name] = person
    return meeting, people


def test_the_notes_list_the_chair_first_then_by_surname_and_the_absent(register, anonymous):
    meeting, _ = register
    page = text(anonymous.get(f"/boards/sscb/meetings/{meeting.date}/"))
    present = page[page.index("Present") : page.index("Apologies")]
    order = [present.index(n) for n in ("Bob Chairman Zimmer", "Zoe Adams", "Amy Young")]
    assert order == sorted(order)
    assert "Bob Chairman Zimmer (Chair)" in present
    absent = page[page.index("Absent") : page.index("Substitutes")]
    assert "Dan Absent" in absent and "Carl Brown" not in absent


def test_the_clerks_register_and_check_page_use_the_same_order(register, world, signed_in):
    meeting, people = register
    clerk = signed_in(world.clerk)
    form = clerk.get(f"/manage/meetings/{meeting.pk}/attendance/").content.decode()
    rows = re.findall(r'name="member_(\d+)"', form)
    names = ["Bob Chairman Zimmer", "Dan Absent", "Zoe Adams", "Carl Brown", "Amy Young"]
    ours = [pk for pk in dict.fromkeys(rows) if pk != str(world.councillor.pk)]
    assert ours == [str(people[n].pk) for n in names]
    check = text(clerk.get(f"/manage/meetings/{meeting.pk}/notes/check/"))
    order = [check.index(n) for n in ("Zimmer", "Zoe Adams", "Amy Young")]
    assert order == sorted(order)


def test_presenters_are_people_who_were_there(register, world, signed_in):
    meeting, people = register
    page = signed_in(world.clerk).get(f"/manage/meetings/{meeting.pk}/items/new/")
    html = page.content.decode()
    start = html.index('<select name="presenters"')
    offered = set(
        re.findall(r'<option value="(\d+)"', html[start : html.index("</select>", start)])
    )
    assert str(people["Amy Young"].pk) in offered
    assert str(people["Carl Brown"].pk) not in offered  # sent apologies
    assert str(people["Dan Absent"].pk) not in offered
