"""The end-of-year report on screen: it fits a 390px phone, the 320px that WCAG's reflow asks
for, and a desktop column, the wide figures table scrolling in its own labelled box that the
keyboard can reach (on the printable page too); and its review,
from the officer sending it through a member's comment and the officer's reply to "changes
since the version you read"."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from boards.models import Board
from tests.factories import BoardRoleFactory

REPORT = "/boards/sscb/2022-23/report/"
PHONE, DESKTOP = 390, 1280
NARROWEST = 320  # WCAG 2.2, 1.4.10 Reflow

# What sticks out past the right edge of the page, and how wide the page is.
OVERFLOW = """(limit) => ({
    width: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('main *')]
        .filter((element) => !element.closest('.app-table-scroll'))
        .filter((element) => element.getBoundingClientRect().right > limit)
        .slice(0, 5).map((element) => element.outerHTML.slice(0, 100)),
})"""


def sign_in_as(page: Page, base_url: str, role: str = "policy_officer", user=None):
    """A new user with this role on the demo board (or the user given), signed in: the
    session handed to the browser (the sign-in page itself has its own journey tests)."""
    page.context.clear_cookies()
    client = Client()
    user = user or BoardRoleFactory(board=Board.objects.get(slug="sscb"), role=role).user
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return user


def assert_fits(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    found = page.evaluate(OVERFLOW, width + 1)
    assert found["width"] <= width + 1 and not found["wide"], found


@pytest.mark.parametrize("width", [NARROWEST, PHONE, DESKTOP])
def test_the_sent_report_fits_the_screen(page: Page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(REPORT)
    expect(
        page.get_by_text("Version 1, sent to the Safer and Stronger Communities")
    ).to_be_visible()
    assert_fits(page, width)


@pytest.mark.parametrize("width", [NARROWEST, PHONE, DESKTOP])
def test_the_printable_page_fits_the_screen_too(page: Page, width):
    # Laid out for A4 (reports/static/reports/print.css), and opened on phones as well.
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{REPORT}versions/1/print/")
    expect(page.get_by_role("heading", name="end-of-year report 2022/23")).to_be_visible()
    assert_fits(page, width)


@pytest.mark.parametrize("width", [NARROWEST, PHONE, DESKTOP])
def test_the_draft_fits_the_screen(page: Page, base_url, width):
    sign_in_as(page, base_url)
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
    # The browser may scroll smoothly: wait for it rather than read it at once.
    page.wait_for_function("(box) => box.scrollLeft > 0", arg=box.element_handle(), timeout=5000)


def test_an_officer_sends_a_member_comments_the_officer_replies(page: Page, base_url):
    # The member reads version 1 as sent, so later changes are shown since that one.
    member = sign_in_as(page, base_url, "board_member")
    page.goto(REPORT)
    sign_in_as(page, base_url)
    page.goto(f"{REPORT}draft/")
    page.get_by_role("link", name="Rewrite the paragraph on Publish updated council").click()
    page.get_by_label("Paragraph for the report").fill(
        "We published the updated council guide on modern slavery in Welsh and English."
    )
    page.get_by_role("button", name="Save paragraph").click()
    page.get_by_role("link", name="Check and send to the board").click()
    page.get_by_role("button", name="Send version").click()
    expect(page.get_by_text("Version 2 of the report has been sent to the board")).to_be_visible()

    sign_in_as(page, base_url, user=member)
    page.goto(REPORT)
    page.get_by_role("link", name="Comment on paragraph 4", exact=True).click()
    page.get_by_label("A suggested change").check()
    page.get_by_label("Your comment").fill("Say how many councils have used the guide.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Your comment on paragraph 4 has been sent")).to_be_visible()

    sign_in_as(page, base_url)
    page.goto(REPORT)
    page.get_by_role("link", name=re.compile(r"^1 comment, 1 open,? ?, on paragraph 4$")).click()
    expect(page.get_by_text("Say how many councils have used the guide.")).to_be_visible()
    page.get_by_label("Reply to this suggested change").fill(
        "Twelve so far; added to the guide's page."
    )
    page.get_by_role("button", name="Send reply").click()
    page.get_by_role("button", name="Mark resolved").click()
    expect(page.get_by_text("The comment is marked resolved.")).to_be_visible()

    sign_in_as(page, base_url, user=member)
    page.goto(REPORT)
    page.get_by_role("link", name=re.compile(r"^1 comment, 0 open,? ?, on paragraph 4$")).click()
    expect(page.get_by_text("Twelve so far; added to the guide's page.")).to_be_visible()
    page.goto(REPORT)
    page.get_by_role("link", name="Changes since the version you read").click()
    expect(page.get_by_role("heading", name="Changes in version 2 since version 1")).to_be_visible()
    changed = page.get_by_role(
        "heading", name=re.compile(r"Community safety: paragraph \d+ changed")
    )
    expect(changed).to_be_visible()
    expect(page.locator("ins", has_text="Welsh")).to_be_visible()
    expect(
        page.locator("del", has_text="(replacing the original version from 2018)")
    ).to_be_visible()


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's Content-Security-Policy refuses."""
    return {**browser_context_args, "bypass_csp": True}


def test_no_axe_violations_on_the_report_and_its_review(page: Page, base_url, axe_script):
    from test_accessibility import AXE_RUN, describe

    def check(path: str) -> None:
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(AXE_RUN)["violations"]
        assert not violations, f"axe found violations on {path}:\n{describe(violations)}"

    sign_in_as(page, base_url, "board_member")
    page.goto(f"{REPORT}versions/1/paragraphs/4/")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("a paragraph's comments, with the error summary")
    sign_in_as(page, base_url)
    page.goto(f"{REPORT}draft/")
    page.get_by_role("link", name="Check and send to the board").click()
    check("the check before sending the report")
    page.get_by_role("button", name="Send version").click()
    for path in (
        REPORT,
        f"{REPORT}versions/2/changes/",
        f"{REPORT}draft/",
        f"{REPORT}versions/1/print/",
    ):
        page.goto(path)
        check(path)
