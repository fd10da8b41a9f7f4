"""The import's review page, in Chromium: a clerk fixes the structure of imported notes with
the keyboard and without JavaScript, and axe finds nothing wrong with the page."""

import pytest
from playwright.sync_api import Page, expect

from boards.models import Board, BoardRole
from imports.services import Options, import_file
from tests import factories as f
from tests.browser.test_accessibility import AXE_RUN, describe
from tests.factories import PASSWORD
from tests.test_import_review_structure import MINUTES


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script: see test_accessibility.py."""
    return {**browser_context_args, "bypass_csp": True}


def signed_in_clerk(page: Page) -> str:
    """The review page of a draft of notes, for a clerk signed in through the real page."""
    board = Board.objects.get(slug="sscb")
    user = f.BoardRoleFactory(board=board, role=BoardRole.Role.CLERK).user
    document, _ = import_file(board, "minutes-2022-03-03.txt", MINUTES.encode(), Options())
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return document.get_absolute_url()


def test_a_clerk_splits_and_marks_by_keyboard_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    review = signed_in_clerk(page)
    page.goto(review)
    expect(page.locator("#corrections")).to_have_text("No corrections")
    split = page.locator("#item-1-paragraph-2 button[value=split]")
    expect(split).to_contain_text("Split here: paragraph 2 starts a new item after item 1")
    split.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Item 1 has been split: its second part is item 1a.")).to_be_visible()
    expect(page.locator("#corrections")).to_have_text("1 correction")
    decision = page.locator("#item-1a-paragraph-2 button[value=decision]")
    expect(decision).to_contain_text("Decision: mark paragraph 2 of item 1a as a decision")
    decision.focus()
    page.keyboard.press("Space")
    expect(page.locator("#corrections")).to_have_text("2 corrections")
    expect(page.locator("#item-1a")).to_contain_text("The board kept the grants")


def test_the_review_page_has_no_axe_violations(page: Page, axe_script):
    review = signed_in_clerk(page)
    page.goto(review)
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(AXE_RUN)
    assert not results["violations"], describe(results["violations"])
