"""The agenda's pages in a real browser: publishing the agenda (warned of short notice), a
supplementary item with its reason for urgency, the supplementary agenda, and filling in a
paper from its Word file; by keyboard alone with JavaScript, and by mouse without it, each
new page checked with axe at a desktop's width and a phone's.

Set SCREENSHOTS=<folder> to keep a picture of each page at both widths."""

import datetime
import io
import os
from pathlib import Path

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from boards.models import Board, BoardRole, Person
from meetings.models import AgendaItem, Meeting, Paper
from meetings.paper_files import PaperFile
from tests.factories import PASSWORD

User = get_user_model()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = f"axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG_TAGS!r}}}}})"
WIDTHS = {"desktop": 1280, "phone": 390}
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's policy rightly refuses."""
    return {**browser_context_args, "bypass_csp": True}


def word_paper() -> bytes:
    document = docx.Document()
    document.add_heading("Serious violence duty: first year", level=1)
    document.add_heading("1. Purpose of report", level=2)
    document.add_paragraph("For direction.")
    document.add_heading("2. Summary", level=2)
    document.add_paragraph("The paper looks back on the duty's first year in councils.")
    document.add_heading("3. Recommendations", level=2)
    document.add_paragraph("That members give direction on the guidance asked for.")
    document.add_paragraph("Contact officer: Vera Readwell")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def meeting_soon():
    """A meeting two days away, so any agenda published now is short of clear days, with an
    item whose paper is a Word file, and a clerk to publish it."""
    board = Board.objects.get(slug="sscb")
    meeting = Meeting.objects.create(
        board=board,
        date=datetime.date.today() + datetime.timedelta(days=2),
        venue="18 Smith Square, London",
    )
    item = AgendaItem.objects.create(meeting=meeting, number="3", title="Serious violence duty")
    Person.objects.create(name="Vera Readwell", kind=Person.Kind.OFFICER)
    data = word_paper()
    paper_file = PaperFile(
        agenda_item=item,
        title="Serious violence duty paper",
        original_name="paper.docx",
        mime_type=WORD,
        size=len(data),
        sha1="0" * 40,
    )
    paper_file.file.save("paper.docx", ContentFile(data), save=False)
    paper_file.save()
    user = User.objects.create_user("agenda-clerk", password=PASSWORD)
    BoardRole.objects.create(user=user, board=board, role=BoardRole.Role.CLERK)
    return {"meeting": meeting, "item": item, "user": user}


class Pages:
    """Moves through the pages by keyboard alone or by mouse, checking each new kind of page
    with axe at both widths (with JavaScript on: axe needs it)."""

    def __init__(self, page: Page, axe_script: Path, *, keyboard: bool, javascript: bool):
        self.page, self.axe_script = page, axe_script
        self.keyboard, self.javascript = keyboard, javascript
        self.checked: set[str] = set()

    def check(self, name: str) -> None:
        if name in self.checked:
            return
        self.checked.add(name)
        folder = os.environ.get("SCREENSHOTS")
        for width_name, width in WIDTHS.items():
            self.page.set_viewport_size({"width": width, "height": 900})
            if self.javascript:
                self.page.add_script_tag(path=str(self.axe_script))
                result = self.page.evaluate(AXE_RUN)
                violations = [
                    (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                ]
                assert violations == [], f"{name} at {width_name}: {violations}"
            # Nothing runs off the side of a phone's screen.
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} is {overflow}px too wide at {width_name}"
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
                suffix = "" if self.javascript else "-no-js"
                self.page.screenshot(
                    path=f"{folder}/agenda-{name}{suffix}-{width_name}.png", full_page=True
                )
        self.page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    def tab_to(self, target) -> None:
        target.wait_for()
        # Once the page's scripts have run: a success banner takes focus when they do.
        self.page.wait_for_load_state()
        for _ in range(400):
            if target.evaluate("element => element === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {target}")

    def press(self, target) -> None:
        if self.keyboard:
            self.tab_to(target)
            self.page.keyboard.press("Enter")
        else:
            target.click()

    def fill(self, target, text: str) -> None:
        if self.keyboard:
            self.tab_to(target)
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(text)
        else:
            target.fill(text)

    def tick(self, target) -> None:
        if self.keyboard:
            self.tab_to(target)
            self.page.keyboard.press("Space")
        else:
            target.check()


def sign_in(page: Page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def publish_and_fill_in(pages: Pages, world: dict) -> None:
    page, meeting, item = pages.page, world["meeting"], world["item"]
    sign_in(page, world["user"])
    page.goto(f"/manage/meetings/{meeting.pk}/")
    pages.check("meeting")

    pages.press(page.get_by_role("button", name="Check and publish the agenda"))
    expect(page.locator("h1")).to_have_text("Check the agenda before publishing it")
    expect(page.locator(".govuk-warning-text")).to_contain_text("fewer than the 5")
    expect(page.locator("main")).to_contain_text("Paper: Serious violence duty paper (Word")
    pages.check("check-agenda")

    pages.press(page.get_by_role("link", name="Change the date of publication"))
    expect(page.locator("h1")).to_have_text("When is the agenda published?")
    pages.check("publication-date")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    pages.fill(page.get_by_label("Day"), str(yesterday.day))
    pages.fill(page.get_by_label("Month"), str(yesterday.month))
    pages.fill(page.get_by_label("Year"), str(yesterday.year))
    pages.press(page.get_by_role("button", name="Continue"))
    expect(page.locator("main")).to_contain_text(
        f"{yesterday:%A} {yesterday.day} {yesterday:%B %Y}"
    )
    pages.press(page.get_by_role("button", name="Publish the agenda"))
    expect(page.locator("main")).to_contain_text("The agenda is published, with 1 item.")
    assert Meeting.objects.get(pk=meeting.pk).agenda_published_on == yesterday

    # A late item: the reason for urgency is asked for, and named when missing.
    pages.press(page.get_by_role("link", name="Add an item"))
    pages.fill(page.get_by_label("Item number"), "4")
    pages.fill(page.get_by_label("Title", exact=True), "Flood response")
    pages.press(page.get_by_role("button", name="Save item").last)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason for urgency")
    pages.check("supplementary-item-error")
    pages.press(summary.get_by_role("link", name="Enter the reason for urgency"))
    if pages.javascript:
        expect(page.get_by_label("Reason for urgency")).to_be_focused()
    pages.fill(page.get_by_label("Reason for urgency"), "The floods came after the agenda.")
    pages.press(page.get_by_role("button", name="Save item").last)
    expect(page.locator("main")).to_contain_text("1 item added since then")

    pages.press(page.get_by_role("button", name="Check and publish the supplementary agenda"))
    expect(page.locator("main")).to_contain_text("The floods came after the agenda.")
    pages.check("check-supplementary")
    pages.press(page.get_by_role("button", name="Publish the supplementary agenda"))
    expect(page.locator("main")).to_contain_text("supplementary agenda is published, with 1 item")

    # The paper's fields from its Word file.
    pages.press(page.get_by_role("link", name="Fill in the paper from its file for item 3"))
    expect(page.locator("main")).to_contain_text("The paper looks back on the duty")
    pages.check("fill-in-paper")
    box = page.get_by_label("Use the file’s summary")
    expect(box).to_be_checked()  # the item has no paper yet
    pages.press(page.get_by_role("button", name="Fill in the paper"))
    expect(page.locator("main")).to_contain_text("5 parts of the paper of item 3 filled in")
    paper = Paper.objects.get(agenda_item=item)
    assert paper.purpose == "direction"
    assert paper.title == "Serious violence duty: first year"
    assert paper.contact_officer.name == "Vera Readwell"

    page.goto(meeting.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Supplementary agenda published on")
    expect(page.locator("main")).to_contain_text("Reason for urgency: The floods came")
    pages.check("public-meeting")


def test_the_agenda_by_keyboard_alone(page: Page, axe_script, meeting_soon):
    publish_and_fill_in(Pages(page, axe_script, keyboard=True, javascript=True), meeting_soon)


def test_the_agenda_without_javascript(new_context, axe_script, meeting_soon):
    page = new_context(java_script_enabled=False).new_page()
    publish_and_fill_in(Pages(page, axe_script, keyboard=False, javascript=False), meeting_soon)
