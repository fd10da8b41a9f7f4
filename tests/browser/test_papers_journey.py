"""The papers' journey end to end: from "My work" a clerk attaches an item's Word paper, a
PDF appendix and a confidential appendix, checks and publishes the agenda; then the public,
signed out, opens the meeting page and downloads the paper and the public agenda pack before
the meeting. At most 8 page loads in all (a form sent and the page it leads to count as one),
at a desktop's width and a phone's, with axe finding nothing on each page and nothing wider
than the screen. Set SCREENSHOTS=<folder> to keep a picture of each page."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_attach_papers import next_meeting  # noqa: F401 (a fixture)
from test_record_a_meeting import AXE_RUN, Journey, sign_in

from meetings.models import AgendaItem, PaperFile
from papers.models import AgendaPack

WIDTHS = {"desktop": 1280, "phone": 390}
MOST_PAGE_LOADS = 8


@pytest.fixture
def browser_context_args(browser_context_args):
    """axe is injected as an inline script, which the site's policy rightly refuses."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def coming_meeting(request, settings):
    """The attaching journey's meeting twelve days ahead, its clerk and three files on disk,
    with a second item after the first."""
    # As in production: a Word paper is turned into PDF while the clerk attaches it, and the
    # packs are built as the agenda is published.
    settings.PAPER_CONVERT_ON_ATTACH = True
    settings.AGENDA_PACKS_ON_PUBLISHING = True
    world = request.getfixturevalue("next_meeting")  # tests/browser/test_attach_papers.py
    AgendaItem.objects.create(meeting=world["meeting"], number="5", order=1, title="Hate crime")
    return world


class PapersJourney(Journey):
    """Counts page loads; checks each new page at the journey's width: axe, and nothing
    running off the side of the screen."""

    def __init__(self, page: Page, axe_script: Path, width_name: str) -> None:
        super().__init__(page, axe_script, javascript=True)
        self.width_name = width_name
        page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})

    def check(self, name: str) -> None:
        self.page.add_script_tag(path=str(self.axe_script))
        result = self.page.evaluate(AXE_RUN)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ]
        assert violations == [], f"{name} at {self.width_name}: {violations}"
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} is {overflow}px too wide at {self.width_name}"
        folder = os.environ.get("SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(
                path=f"{folder}/papers-{name}-{self.width_name}.png", full_page=True
            )


def attach(journey: PapersJourney, title: str, path: Path, *, paragraph: str = "") -> None:
    page = journey.page
    page.get_by_label("Title").fill(title)
    page.get_by_label("The file").set_input_files(path)
    if paragraph:
        page.get_by_label("This file is confidential (not for publication)").check()
        page.get_by_label(paragraph).check()
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_text(f"“{title}” is attached to item 4")).to_be_visible()


def clerk_attaches_and_publishes(journey: PapersJourney, world: dict) -> None:
    page, meeting = journey.page, world["meeting"]
    page.goto("/my-work/")
    expect(page.locator("main")).to_contain_text(
        f"Papers for the SSCB board meeting, {meeting.date:%-d %B %Y}"
    )
    journey.check("my-work")
    page.get_by_role("link", name="Item 4: Serious violence duty – papers and appendices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Papers and appendices")
    journey.check("files-empty")

    attach(journey, "Serious violence duty: next steps", world["files"]["paper"])
    attach(journey, "Appendix A: funding by council", world["files"]["appendix"])
    attach(
        journey,
        "Appendix B: named providers",
        world["files"]["exempt"],
        paragraph="3 – Information relating to anyone",
    )
    attached = page.locator(".govuk-summary-list")
    expect(attached).to_contain_text("Serious violence duty: next steps")
    expect(attached).to_contain_text("Schedule 12A paragraph 3")
    expect(
        page.get_by_role("link", name="Papers and appendices of item 5: Hate crime")
    ).to_be_visible()
    journey.check("files-three")

    page.get_by_role("link", name="Check and publish the agenda").click()
    expect(page.locator("h1")).to_have_text("Check the agenda before publishing it")
    expect(page.locator("main")).to_contain_text("Paper: Serious violence duty: next steps (Word")
    journey.check("check-agenda")
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.locator("main")).to_contain_text("The agenda is published, with 2 items.")
    journey.check("published")


def public_downloads(journey: PapersJourney, world: dict) -> None:
    page, meeting = journey.page, world["meeting"]
    page.context.clear_cookies()
    page.goto(meeting.get_absolute_url())
    files = page.locator(".app-files").first
    expect(files).to_contain_text("Serious violence duty: next steps (Word, ")
    expect(files).to_contain_text("Appendix A: funding by council (PDF, 1 KB, 1 page)")
    expect(files).to_contain_text("Not for publication")
    expect(page.locator("main")).not_to_contain_text("named providers")
    # Built as the agenda was published, the pack is offered with its size and pages.
    expect(page.locator("main")).to_contain_text(
        re.compile(r"Agenda pack \(PDF, \d+ KB, \d+ pages\)")
    )
    expect(page.get_by_role("link", name="Members' pack")).to_have_count(0)
    journey.check("public-meeting")

    with page.expect_download() as paper:
        page.get_by_role("link", name="Serious violence duty: next steps").click()
    assert paper.value.suggested_filename == "serious-violence.docx"
    with page.expect_download() as pack:
        page.get_by_role("link", name="Agenda pack").click()
    text = "\n".join(p.extract_text() for p in PdfReader(pack.value.path()).pages)
    assert "Members are asked to agree." in text
    assert "Appendix A: funding by council" in text
    assert "Not for publication" in text
    assert "named providers" not in text and "their prices" not in text
    assert AgendaPack.objects.filter(meeting=meeting, audience="public").exists()


@pytest.mark.parametrize("width_name", WIDTHS)
def test_attach_publish_and_download_in_at_most_8_page_loads(
    page: Page, axe_script, coming_meeting, width_name
):
    sign_in(page, coming_meeting["user"])
    # The sign-in's own page has loaded before the count starts.
    expect(page).not_to_have_url(re.compile("/accounts/login/"))
    page.wait_for_load_state("load")
    journey = PapersJourney(page, axe_script, width_name)
    journey.loads = 0
    clerk_attaches_and_publishes(journey, coming_meeting)
    public_downloads(journey, coming_meeting)
    # My work, the item's files, one load for each of three files attached, the check page,
    # publishing (and the meeting it leads back to), then the public meeting page.
    assert journey.loads <= MOST_PAGE_LOADS, journey.tabs_by_page
    paper, appendix, exempt = PaperFile.objects.filter(agenda_item=coming_meeting["item"]).order_by(
        "order"
    )
    assert (paper.role, appendix.role, exempt.schedule_12a_paragraph) == ("paper", "appendix", 3)
