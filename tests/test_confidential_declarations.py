"""A declaration of interest made for a confidential item is as confidential as the item: a
clerk records it through the declarations form, and a crawl from the meeting page, the
declarant's page and the meetings API (JSON and browsable) finds its text nowhere, neither
anonymously nor as a member of another board. A superuser's crawl finds it, which shows it is
there to leak.

The importer records declarations for the whole meeting only (notes name no item for them),
so the clerk's form is the one way a declaration comes to be tied to an item."""

import datetime
from types import SimpleNamespace

import pytest

from meetings.models import DeclarationOfInterest

from . import factories as f
from .test_security_crawl import crawl

pytestmark = pytest.mark.django_db

INTEREST = "QJXDECLAREDZ trustee of the charity bidding for the contract"


@pytest.fixture
def declared(world, signed_in):
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2022, 11, 8))
    f.AgendaItemFactory(meeting=meeting, number="1", title="Welcome and apologies")
    item = f.AgendaItemFactory(
        meeting=meeting,
        number="8.a",
        title="Contract award",
        is_confidential=True,
        confidential_reason="Commercially sensitive",
    )
    declarant = f.PersonFactory(name="Dee Clarant")
    f.AttendanceFactory(meeting=meeting, person=declarant, status="present")
    response = signed_in(world.clerk).post(
        f"/manage/meetings/{meeting.pk}/declarations/",
        {"person": declarant.pk, "agenda_item": item.pk, "interest": INTEREST},
    )
    assert response.status_code == 302
    assert DeclarationOfInterest.objects.get(interest=INTEREST).agenda_item == item
    start = (
        "/boards/sscb/meetings/2022-11-08/",
        f"/people/{declarant.slug}/",
        "/api/meetings/?format=json",
        "/api/meetings/?format=api",
        f"/api/meetings/{meeting.pk}/?format=json",
        f"/api/meetings/{meeting.pk}/?format=api",
        "/api/people/?format=api",
    )
    return SimpleNamespace(world=world, start=start, meeting=meeting)


def pages_with_interest(pages: dict[str, str]) -> list[str]:
    return sorted(url for url, text in pages.items() if "QJXDECLAREDZ" in text)


def test_anonymous_visitors_never_see_it(anonymous, declared):
    pages = crawl(anonymous, start=declared.start)
    assert set(declared.start) <= set(pages)
    assert pages_with_interest(pages) == []


def test_a_member_of_another_board_never_sees_it(signed_in, declared):
    pages = crawl(signed_in(declared.world.outsider), start=declared.start)
    assert pages_with_interest(pages) == []


def test_a_superuser_sees_it(signed_in, declared):
    pages = crawl(signed_in(declared.world.administrator), start=declared.start)
    found = pages_with_interest(pages)
    assert "/boards/sscb/meetings/2022-11-08/" in found
    assert f"/api/meetings/{declared.meeting.pk}/?format=json" in found
