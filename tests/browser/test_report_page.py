"""The end-of-year report on screen: it fits a 390px phone and a desktop column, the wide
figures table scrolling in its own labelled box that the keyboard can reach."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from boards.models import Board
from tests.factories import BoardRoleFactory

REPORT = "/boards/sscb/2022-23/report/"
PHONE, DESKTOP = 390, 1280

# What sticks out past the right edge of the page, and how wide the page is.
OVERFLOW = """(limit) => ({
    width: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('main *')]
        .filter((element) => !element.closest('.app-table-scroll'))
        .filter((element) => element.getBoundingClientRect().right > limit)
        .slice(0, 5).map((element) => element.outerHTML.slice(0, 100)),
})"""


def sign_in_as_officer(page: Page, base_url: str) -> None:
    """The board's policy officer's session, handed to the browser."""
    client = Client()
    client.force_login(BoardRoleFactory(board=Board.objects.get(slug="sscb")).user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def assert_fits(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    found = page.evaluate(OVERFLOW, width + 1)
    assert found["width"] <= width + 1 and not found["wide"], found


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_sent_report_fits_the_screen(page: Page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(REPORT)
    expect(
        page.get_by_text("Version 1, sent to the Safer and Stronger Communities")
    ).to_be_visible()
    assert_fits(page, width)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_draft_fits_the_screen(page: Page, base_url, width):
    sign_in_as_officer(page, base_url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{REPORT}draft/")
    expect(page.get_by_role("heading", name="Draft end-of-year report 2022/23")).to_be_visible()
    assert_fits(page, width)


def test_the_figures_table_scrolls_in_a_labelled_box_the_keyboard_reaches(page: Page):
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(REPORT)
    box = page.get_by_role("region", name="Activities by theme and status, 2022/23")
    expect(box).to_have_attribute("tabindex", "0")
    box_width, table_width = box.evaluate(
        "(box) => [box.getBoundingClientRect().width, box.querySelector('table').scrollWidth]"
    )
    assert box_width <= PHONE and table_width > box_width  # it scrolls within the box
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert box.evaluate("(box) => box.scrollLeft") > 0
