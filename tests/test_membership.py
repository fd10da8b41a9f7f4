"""Clerks keep their board's membership: add members several at a time, change roles, end
memberships, and start a year with last year's members. Others may not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boards.models import Membership

from . import factories as f
from .forms_as_sent import form_values

pytestmark = pytest.mark.django_db

URL = "/manage/boards/sscb/2022-23/members/"


def seats(world, year=None):
    return {
        (m.person.name, m.role)
        for m in Membership.objects.filter(board=world.board, year=year or world.year)
    }


def test_add_change_and_end_memberships_in_one_save(world, signed_in):
    clerk = signed_in(world.clerk)
    leaving = f.MembershipFactory(board=world.board, year=world.year, person__name="Lee Leaving")
    newcomers = [f.PersonFactory(name=n) for n in ("Nia New", "Ned New")]
    values = form_values(clerk.get(URL).content.decode())
    values = form_values(clerk.post(URL, values | {"add_row": "1"}).content.decode())
    values = form_values(clerk.post(URL, values | {"add_row": "1"}).content.decode())
    assert values["seats-TOTAL_FORMS"] == "4"
    rows = {int(k.split("-")[1]) for k, v in values.items() if k.endswith("-id") and v}
    councillor_row = next(
        i for i in rows if values[f"seats-{i}-id"] == str(world.councillor.memberships.get().pk)
    )
    leaving_row = next(i for i in rows if values[f"seats-{i}-id"] == str(leaving.pk))
    values |= {
        f"seats-{councillor_row}-role": "chair",
        f"seats-{leaving_row}-DELETE": "on",
        "seats-2-person": "Nia New",  # typed, without JavaScript
        "seats-2-role": "member",
        "seats-3-person": "Cllr Ned New",  # typed with an honorific
        "seats-3-person_id": str(newcomers[0].pk),  # chosen from the list, then retyped
        "seats-3-role": "vice_chair",
    }
    assert clerk.post(URL, values).status_code == 302
    assert seats(world) == {
        (world.councillor.name, "chair"),
        ("Nia New", "member"),
        ("Ned New", "vice_chair"),
    }
    # Sent back unchanged, the page saves and changes nothing.
    again = form_values(clerk.get(URL).content.decode())
    assert clerk.post(URL, again).status_code == 302
    assert len(seats(world)) == 3


def test_a_new_year_starts_with_last_years_members(world, signed_in):
    later = f.BoardYearFactory(start_year=2023)
    clerk = signed_in(world.clerk)
    url = "/manage/boards/sscb/2023-24/members/"
    assert "Copy last year's members" in clerk.get(url).content.decode()
    clerk.post(url, {"copy": "1"})
    clerk.post(url, {"copy": "1"})  # twice adds nothing more
    assert seats(world, later) == seats(world)


def test_only_the_boards_clerks_keep_its_membership(world, signed_in):
    assert signed_in(world.member).get(URL).status_code == 403
    assert signed_in(world.outsider).get(URL).status_code == 404
    assert signed_in(world.officer).post(URL, {"copy": "1"}).status_code == 403


def test_the_membership_page_query_count(world, signed_in):
    for _ in range(5):
        f.MembershipFactory(board=world.board, year=world.year)
    clerk = signed_in(world.clerk)
    # Session, user with their roles, board, year, memberships. Not every councillor: the
    # new member's picker looks them up as the clerk types.
    with CaptureQueriesContext(connection) as queries:
        assert clerk.get(URL).status_code == 200
    assert len(queries) == 5, [q["sql"][:90] for q in queries]
