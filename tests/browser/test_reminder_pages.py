"""The attendance and declarations pages and everyone's own pages (My actions, closing an
action, reminder choices, unsubscribing) at a phone's width and a desktop's: axe finds no WCAG
2.2 AA violations, and nothing makes the page scroll sideways. With SCREENSHOT_DIR set, each
page's screenshot is saved there to look at."""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from boards.models import Person
from meetings.models import Action, AgendaItem
from reminders.services import unsubscribe_token
from tests.browser.test_accessibility import AXE_RUN, describe

PASSWORD = "a long test password 2023"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the Content-Security-Policy refuses."""
    return {**browser_context_args, "bypass_csp": True}


def check(page: Page, axe_script: Path, path: str, width: int, name: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    if os.environ.get("SCREENSHOT_DIR"):
        folder = Path(os.environ["SCREENSHOT_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(AXE_RUN)
    assert not results["violations"], f"{path}:\n{describe(results['violations'])}"
    assert results["passes"]


def owner_with_actions() -> tuple[Person, User]:
    """A demo councillor who signs in, owning an overdue and a later action of a published
    meeting (the demo's actions are all owned by teams or closed)."""
    item = AgendaItem.objects.filter(meeting__notes_status="published").order_by("pk").first()
    person = Person.objects.filter(kind="councillor").order_by("pk").first()
    person.user = User.objects.create_user("owner", "owner@example.org", PASSWORD)
    person.save()
    day = datetime.timedelta(days=1)
    for text, due in (
        ("Write to the Home Office about the toolkit", -3),
        ("Circulate the guidance", 20),
    ):
        Action.objects.create(
            agenda_item=item, owner=person, text=text, due_date=datetime.date.today() + due * day
        )
    return person, person.user


def sign_in(page: Page, user: User) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_attendance_and_register_pages(page, axe_script, width):
    person = Person.objects.filter(declarations__isnull=False).order_by("pk").first()
    check(page, axe_script, "/boards/sscb/2021-22/attendance/", width, "board-records")
    check(page, axe_script, "/boards/sscb/", width, "board")
    check(page, axe_script, person.get_absolute_url(), width, "person")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_my_own_pages(page, axe_script, width):
    person, user = owner_with_actions()
    action = Action.objects.filter(owner=person, status="open").first()
    sign_in(page, user)
    page.goto("/my-actions/")
    page.get_by_role("button", name="Make a calendar address").click()
    check(page, axe_script, "/my-actions/", width, "my-actions")
    check(page, axe_script, f"/my-actions/{action.pk}/close/", width, "propose-closing")
    page.get_by_role("button", name="Send to the clerk").click()  # nothing chosen: errors
    assert page.get_by_text("There is a problem").is_visible()
    results = page.evaluate(AXE_RUN) if page.evaluate("typeof axe") == "object" else None
    if results is None:
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(AXE_RUN)
    assert not results["violations"], describe(results["violations"])
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=str(Path(os.environ["SCREENSHOT_DIR"]) / f"propose-closing-errors-{width}.png"),
            full_page=True,
        )
    check(page, axe_script, "/my-reminders/", width, "preferences")
    token = unsubscribe_token(user.pk, "actions_due")
    check(page, axe_script, f"/reminders/unsubscribe/{token}/", width, "unsubscribe")
    page.get_by_role("button", name="Stop these reminders").click()
    assert page.get_by_text("Reminders stopped").is_visible()
