"""A clerk attaches an item's Word paper, a PDF appendix and a confidential appendix from
"My work", staying on the item's page between files; then the public reads the item's files
on the meeting page and downloads the paper. By mouse, by keyboard alone, and without
JavaScript; axe finds nothing on each page at desktop and phone widths. Set
SCREENSHOTS=<folder> to keep a picture of each page at both widths."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from test_record_a_meeting import PASSWORD, Journey, sign_in

from boards.models import Board, BoardRole
from meetings.models import AgendaItem, Meeting, PaperFile
from meetings.services import publish_agenda
from tests.paper_documents import WORD, docx_of, pdf_of


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's policy rightly refuses."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def next_meeting(tmp_path):
    board = Board.objects.get(slug="sscb")
    meeting = Meeting.objects.create(
        board=board, date=datetime.date.today() + datetime.timedelta(days=12)
    )
    item = AgendaItem.objects.create(meeting=meeting, number="4", title="Serious violence duty")
    user = User.objects.create_user("papers-clerk", password=PASSWORD)
    BoardRole.objects.create(user=user, board=board, role=BoardRole.Role.CLERK)
    files = {
        "paper": tmp_path / "serious-violence.docx",
        "appendix": tmp_path / "funding.pdf",
        "exempt": tmp_path / "named-providers.pdf",
    }
    files["paper"].write_bytes(docx_of("Serious violence duty", "Members are asked to agree."))
    files["appendix"].write_bytes(pdf_of("Appendix A: funding by council"))
    files["exempt"].write_bytes(pdf_of("Appendix B: named providers and their prices"))
    return {"meeting": meeting, "item": item, "user": user, "files": files}


def choose_file(journey: Journey, path) -> None:
    """The file input: by keyboard, Space on it opens the chooser; otherwise set directly."""
    field = journey.page.get_by_label("The file")
    if not journey.keyboard:
        field.set_input_files(path)
        return
    # Now and then Chromium lets the press go by without opening the chooser while the page
    # is still settling (a success banner takes focus when its script runs): a press the
    # chooser did not follow is made again, focus on the field first.
    for _ in range(3):
        journey.tab_to(field)
        try:
            with journey.page.expect_file_chooser(timeout=5_000) as chooser:
                journey.key("Space")
        except PlaywrightTimeoutError:
            continue
        chooser.value.set_files(path)
        return
    raise AssertionError("Space on the file field never opened the file chooser")


def attach_three_files(journey: Journey, world: dict) -> None:
    page, meeting = journey.page, world["meeting"]
    page.goto("/my-work/")
    journey.check("start-page")
    journey.press(page.get_by_role("link", name=f"{meeting.date:%-d %B %Y}").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record the board meeting")
    journey.check("meeting-hub")
    journey.press(page.get_by_role("link", name="Papers and appendices of item 4"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Papers and appendices")
    journey.check("papers-empty")

    journey.fill(page.get_by_label("Title"), "Serious violence duty: next steps")
    choose_file(journey, world["files"]["paper"])  # "Paper" is chosen for the first file
    journey.press(page.get_by_role("button", name="Attach the file"))
    expect(page.get_by_text("is attached to item 4")).to_be_visible()
    journey.check("papers-one")

    journey.fill(page.get_by_label("Title"), "Appendix A: funding by council")
    choose_file(journey, world["files"]["appendix"])  # "Appendix" is chosen from now on
    journey.press(page.get_by_role("button", name="Attach the file"))
    expect(page.get_by_text("“Appendix A: funding by council” is attached")).to_be_visible()

    journey.fill(page.get_by_label("Title"), "Appendix B: named providers")
    choose_file(journey, world["files"]["exempt"])
    journey.tick(page.get_by_label("This file is confidential (not for publication)"))
    # Submitted without the paragraph first: the error names the field.
    journey.press(page.get_by_role("button", name="Attach the file"))
    expect(page.get_by_role("link", name="Choose the paragraph of Schedule 12A")).to_be_visible()
    journey.check("papers-error")
    choose_file(journey, world["files"]["exempt"])  # a browser never refills a file input
    journey.choose(page.get_by_label("3 – Information relating to anyone"))
    journey.press(page.get_by_role("button", name="Attach the file"))
    expect(page.get_by_text("“Appendix B: named providers” is attached")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Appendix B: named providers")
    journey.check("papers-three")


def check_what_was_attached(world: dict) -> None:
    paper, appendix, exempt = PaperFile.objects.filter(agenda_item=world["item"]).order_by("order")
    assert (paper.role, paper.mime_type, paper.is_confidential) == ("paper", WORD, False)
    assert (appendix.role, appendix.page_count, appendix.is_confidential) == ("appendix", 1, False)
    assert (exempt.is_confidential, exempt.schedule_12a_paragraph) == (True, 3)


def read_and_download_as_the_public(journey: Journey, world: dict, page: Page) -> None:
    # The public reads an item's files once the agenda is out (the journey of publishing it
    # is tests/browser/test_papers_journey.py).
    today = datetime.date.today()
    publish_agenda(meeting=world["meeting"], on=today, today=today)
    page.goto(world["meeting"].get_absolute_url())
    files = page.locator(".app-files")
    expect(files).to_contain_text("Serious violence duty: next steps (Word, ")
    expect(files).to_contain_text("Appendix A: funding by council (PDF, 1 KB, 1 page)")
    expect(files).to_contain_text("Not for publication")
    expect(files).not_to_contain_text("named providers")
    journey.check("meeting-page-public")
    with page.expect_download() as download:
        page.get_by_role("link", name="Serious violence duty: next steps").click()
    assert download.value.suggested_filename == "serious-violence.docx"


def test_a_clerk_attaches_three_files_in_six_page_loads(page: Page, axe_script, next_meeting):
    sign_in(page, next_meeting["user"])
    # The sign-in's own page has loaded before the count starts.
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.wait_for_load_state("load")
    journey = Journey(page, axe_script, javascript=True)
    journey.loads = 0
    attach_three_files(journey, next_meeting)
    # My work, the meeting, the item's papers, then one page for each file attached (and one
    # for the confidential file sent first without its paragraph).
    assert journey.loads == 7
    check_what_was_attached(next_meeting)
    page.context.clear_cookies()
    read_and_download_as_the_public(journey, next_meeting, page)


def test_the_same_by_keyboard_alone(page: Page, axe_script, next_meeting):
    sign_in(page, next_meeting["user"])
    journey = Journey(page, axe_script, javascript=True, keyboard=True)
    attach_three_files(journey, next_meeting)
    check_what_was_attached(next_meeting)


def test_the_same_without_javascript(new_context, axe_script, next_meeting):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, next_meeting["user"])
    journey = Journey(page, axe_script, javascript=False)
    attach_three_files(journey, next_meeting)
    check_what_was_attached(next_meeting)
    page.context.clear_cookies()
    read_and_download_as_the_public(journey, next_meeting, page)
