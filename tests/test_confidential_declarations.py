"""A declaration of interest made for a confidential item is as confidential as the item: a
clerk records it through the declarations form, and a crawl from the meeting page, the
declarant's page and the meetings API (JSON and browsable) finds its text nowhere, neither
anonymously nor as a member of another board. A superuser's crawl finds it, which shows it is
there to leak.

The importer ties a declaration to the item the minutes name ("declared a pecuniary interest
in item 3"); one read from minutes whose item was exempt business stays as hidden."""

import datetime
from types import SimpleNamespace

import pytest

from imports import services as service
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
        # The notes are published: the declaration is a correction readers see, which must
        # not spell the interest out either.
        {
            "person": declarant.pk,
            "agenda_item": item.pk,
            "interest": INTEREST,
            "correction-reason": "The declaration was left out",
        },
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


MINUTES = """Safer and Stronger Communities Board
Minutes of the meeting held on Tuesday 8 November 2022

Present: Cllr Dee Clarant, Cllr Ann Other

1. Welcome and apologies
The Chair welcomed members.

2. Declarations of interest
Cllr Dee Clarant declared a pecuniary interest in item 3 as QJXDECLAREDZ trustee of the charity bidding for the contract.

3. Contract award
The press and public were excluded under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.
RESOLVED: To award the contract as set out in the report.
"""


@pytest.fixture
def imported(world):
    """The same declaration, read from minutes by the importer and accepted."""
    document, _ = service.import_file(
        world.board, "minutes-2022-11-08.txt", MINUTES.encode(), service.Options(kind="notes")
    )
    service.accept(document)
    declaration = DeclarationOfInterest.objects.get(interest__contains="QJXDECLAREDZ")
    assert declaration.agenda_item.number == "3"
    assert declaration.agenda_item.is_confidential
    meeting = declaration.meeting
    meeting.publish_notes()
    return SimpleNamespace(
        start=(
            meeting.get_absolute_url(),
            declaration.person.get_absolute_url(),
            "/api/meetings/?format=json",
            f"/api/meetings/{meeting.pk}/?format=json",
        )
    )


def test_an_imported_declaration_on_an_exempt_item_stays_hidden(
    anonymous, signed_in, world, imported
):
    for client in (anonymous, signed_in(world.outsider)):
        pages = crawl(client, start=imported.start)
        assert set(imported.start) <= set(pages)
        assert pages_with_interest(pages) == []
    assert pages_with_interest(crawl(signed_in(world.administrator), start=imported.start))
