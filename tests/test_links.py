"""Records' addresses (boards/links.py): reversed once per kind of page and filled in per
record, they are what reverse() gives, under any address prefix."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from boards.links import link


@pytest.fixture
def prefix():
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("pk", [1, 7, 123456])
def test_an_activity_address_is_what_reverse_gives(pk):
    kwargs = {"board_slug": "sscb", "start_year": 2022, "pk": pk}
    assert link("pages:activity_detail", "pk", **kwargs) == reverse(
        "pages:activity_detail", kwargs=kwargs
    )


def test_a_meeting_address_is_what_reverse_gives():
    for day in (datetime.date(2022, 11, 8), datetime.date(2023, 1, 31)):
        kwargs = {"board_slug": "sscb", "date": day}
        assert link("meetings:meeting_detail", "date", **kwargs) == reverse(
            "meetings:meeting_detail", kwargs=kwargs
        )


def test_a_person_board_and_programme_address_is_what_reverse_gives():
    for slug in ("jo-bloggs", "jo_bloggs-2"):
        assert link("pages:person_detail", "person_slug", person_slug=slug) == reverse(
            "pages:person_detail", kwargs={"person_slug": slug}
        )
    assert link("pages:board_detail", "board_slug", board_slug="sscb") == "/boards/sscb/"
    assert (
        link("pages:programme_detail", "board_slug", board_slug="sscb", start_year=2022)
        == "/boards/sscb/2022-23/"
    )


def test_each_address_prefix_has_its_own_addresses(prefix):
    set_script_prefix("/site/")
    assert link("pages:board_detail", "board_slug", board_slug="sscb") == "/site/boards/sscb/"
    set_script_prefix("/")
    assert link("pages:board_detail", "board_slug", board_slug="sscb") == "/boards/sscb/"


def test_a_value_the_address_cannot_hold_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        link("pages:person_detail", "person_slug", person_slug="not a slug")
    with pytest.raises(NoReverseMatch):
        link("pages:activity_detail", "pk", board_slug="sscb", start_year=2022, pk=-1)
