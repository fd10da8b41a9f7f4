"""Reading the paper: the purpose, summary, recommendation, title and contact officer read
from the Word or PDF file attached to an item, in the shapes authors give them (headings
numbered or not, in bold, as labels, in a table), offered beside the item's paper for the
clerk to accept part by part."""

import datetime
import io
import re
from html import unescape

import docx
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from weasyprint import HTML

from imports.paper_fields import PaperFields, contact_officer_named, paper_fields
from imports.reading import read_lines
from meetings.models import Paper
from meetings.paper_files import PaperFile

from . import factories as f

pytestmark = pytest.mark.django_db

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- Papers as authors write them -----------------------------------------------------------


def word(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bold(document, words: str) -> None:
    document.add_paragraph().add_run(words).bold = True


def word_with_headings(d) -> None:
    d.add_paragraph("Safer and Stronger Communities Board")
    d.add_paragraph("14 March 2027")
    d.add_heading("Tackling fraud against councils", level=1)
    d.add_heading("Purpose of report", level=2)
    d.add_paragraph("For decision.")
    d.add_heading("Summary", level=2)
    d.add_paragraph("This paper sets out the work on fraud so far.")
    d.add_paragraph("It asks members to choose the next steps.")
    d.add_heading("Recommendations", level=2)
    d.add_paragraph("That the Board agrees the strategy.", style="List Number")
    d.add_paragraph("That officers report back in June.", style="List Number")
    d.add_paragraph("Contact officer: Olu Adeyemi")
    d.add_paragraph("Position: Senior Adviser")
    d.add_heading("Background", level=2)
    d.add_paragraph("1. Fraud costs councils a great deal every year, and it is rising.")
    d.add_heading("Recommendations", level=2)  # restated at the end: not read again
    d.add_paragraph("As above.")


def word_with_numbered_bold_labels(d) -> None:
    bold(d, "Serious violence duty")
    bold(d, "1. Purpose of report")
    d.add_paragraph("For direction.")
    bold(d, "2. Summary")
    d.add_paragraph("2.1 The duty began in January.")
    d.add_paragraph("2.2 Councils asked for guidance.")
    bold(d, "Is this report confidential? No")
    bold(d, "3. Recommendation")
    d.add_paragraph("Members are asked to give direction on the guidance.")
    bold(d, "4. Background")
    d.add_paragraph("4.1 The Act passed in 2022 after a long consultation with partners.")


def word_with_a_table(d) -> None:
    bold(d, "Community cohesion update")
    table = d.add_table(rows=0, cols=2)
    for label, value in [
        ("Purpose", "For information"),
        ("Summary", "An update on cohesion work since the last meeting."),
        ("Recommendation(s)", "That members note the update."),
        ("Wards affected", "All"),
        ("Contact officer", "Olu Adeyemi"),
    ]:
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    d.add_paragraph("Background")
    d.add_paragraph("The team has met every partner in the region this year, as planned.")


def word_with_labels(d) -> None:
    d.add_heading("Fire safety in high-rise homes", 0)
    d.add_paragraph("Purpose of report: For discussion")
    d.add_paragraph("Summary: The paper reports the findings of the review of fire safety.")
    d.add_paragraph("Recommendation: That members discuss the findings.")


def pdf(body: str) -> bytes:
    return HTML(
        string=f"<html><body style='font-family: sans-serif'>{body}</body></html>"
    ).write_pdf()


PDF_NUMBERED_HEADINGS = """<p>Safer and Stronger Communities Board</p><p>Date: 14 March 2027</p>
<h1>Reducing reoffending</h1>
<h2>1. Purpose of report</h2><p>For decision.</p>
<h2>2. Summary</h2><p>The paper sets out a local government position on reducing reoffending,
for members to agree.</p>
<p>Is this report confidential? No</p>
<h2>3. Recommendations</h2><ol><li>That the Board agrees the position.</li>
<li>That officers publish it.</li></ol>
<p>Contact officer: Olu Adeyemi</p><p>Position: Senior Adviser</p>
<h2>4. Background</h2><p>4.1 It has been several years since the Board considered it.</p>"""

PDF_BOLD_LABELS = """<p><strong>Modern slavery review</strong></p>
<p><strong>Purpose of report</strong></p><p>For direction.</p>
<p><strong>Summary</strong></p><p>This report summarises the review of council work on
modern slavery.</p>
<p><strong>Recommendation</strong></p><p>Members are asked to direct the next phase.</p>
<p><strong>Action</strong></p><p>Officers to take forward as directed.</p>"""

CELL = "border: 1px solid black; padding: 8px"
PDF_TABLE = f"""<h1>Cohesion funding</h1><table style="border-collapse: collapse; width: 100%">
<tr><td style="{CELL}; width: 30%">Purpose</td><td style="{CELL}">For information</td></tr>
<tr><td style="{CELL}">Summary</td><td style="{CELL}">The paper reports the funding for the year.</td></tr>
<tr><td style="{CELL}">Recommendations</td><td style="{CELL}">That members note it.</td></tr>
</table><p>Contact officer: Olu Adeyemi</p>"""

SHAPES = {
    "Word, headings": (
        "paper.docx",
        lambda: word(word_with_headings),
        PaperFields(
            title="Tackling fraud against councils",
            purpose="decision",
            summary="This paper sets out the work on fraud so far.\n\n"
            "It asks members to choose the next steps.",
            recommendation="That the Board agrees the strategy.\n\n"
            "That officers report back in June.",
            contact_officer="Olu Adeyemi",
        ),
    ),
    "Word, numbered bold labels": (
        "paper.docx",
        lambda: word(word_with_numbered_bold_labels),
        PaperFields(
            title="Serious violence duty",
            purpose="direction",
            summary="The duty began in January.\n\nCouncils asked for guidance.",
            recommendation="Members are asked to give direction on the guidance.",
        ),
    ),
    "Word, table": (
        "paper.docx",
        lambda: word(word_with_a_table),
        PaperFields(
            title="Community cohesion update",
            purpose="information",
            summary="An update on cohesion work since the last meeting.",
            recommendation="That members note the update.",
            contact_officer="Olu Adeyemi",
        ),
    ),
    "Word, labels": (
        "paper.docx",
        lambda: word(word_with_labels),
        PaperFields(
            title="Fire safety in high-rise homes",
            purpose="discussion",
            summary="The paper reports the findings of the review of fire safety.",
            recommendation="That members discuss the findings.",
        ),
    ),
    "PDF, numbered headings": (
        "paper.pdf",
        lambda: pdf(PDF_NUMBERED_HEADINGS),
        PaperFields(
            title="Reducing reoffending",
            purpose="decision",
            summary="The paper sets out a local government position on reducing "
            "reoffending, for members to agree.",
            recommendation="That the Board agrees the position.\n\nThat officers publish it.",
            contact_officer="Olu Adeyemi",
        ),
    ),
    "PDF, bold labels": (
        "paper.pdf",
        lambda: pdf(PDF_BOLD_LABELS),
        PaperFields(
            title="Modern slavery review",
            purpose="direction",
            summary="This report summarises the review of council work on modern slavery.",
            recommendation="Members are asked to direct the next phase.",
        ),
    ),
    "PDF, table": (
        "paper.pdf",
        lambda: pdf(PDF_TABLE),
        PaperFields(
            title="Cohesion funding",
            purpose="information",
            summary="The paper reports the funding for the year.",
            recommendation="That members note it.",
            contact_officer="Olu Adeyemi",
        ),
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_of_paper_gives_its_fields(shape):
    name, make, expected = SHAPES[shape]
    assert paper_fields(read_lines(name, make())) == expected


def test_a_paper_without_front_matter_offers_only_its_title():
    found = paper_fields(
        read_lines("notes.docx", word(lambda d: d.add_paragraph("Notes of a site visit.")))
    )
    assert found.found() == {"title": "Notes of a site visit"}


def test_words_that_only_start_like_a_heading_are_not_one():
    found = paper_fields(
        read_lines(
            "paper.docx",
            word(
                lambda d: (
                    d.add_heading("Review", 1),
                    d.add_paragraph("Summary of the review is below."),
                    d.add_paragraph("Purposeful work goes on."),
                )
            ),
        )
    )
    assert found.summary == "" and found.purpose == ""


def test_the_contact_officer_is_one_officer_by_name(world):
    assert contact_officer_named("olu adeyemi") == world.lead
    assert contact_officer_named("Nobody Known") is None
    f.OfficerFactory(name="Sam Twice")
    f.OfficerFactory(name="Sam Twice")
    assert contact_officer_named("Sam Twice") is None  # two of them: not guessed


# --- The clerk's page -----------------------------------------------------------------------


def attach(item, data: bytes, mime_type: str = WORD, *, role="paper", title="The paper"):
    paper_file = PaperFile(
        agenda_item=item,
        role=role,
        title=title,
        original_name="paper.docx" if mime_type == WORD else "paper.pdf",
        mime_type=mime_type,
        size=len(data),
        sha1="0" * 40,
    )
    paper_file.file.save(paper_file.original_name, ContentFile(data), save=False)
    paper_file.save()
    return paper_file


@pytest.fixture
def item(world):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date.today() + datetime.timedelta(30)
    )
    return f.AgendaItemFactory(meeting=meeting, number="4", title="Fraud")


def test_the_clerk_accepts_parts_of_the_paper_from_its_file(world, signed_in, item):
    Paper.objects.create(
        agenda_item=item, title="Fraud", purpose="information", summary="Old summary."
    )
    attach(item, word(word_with_headings))
    clerk = signed_in(world.clerk)
    hub = text(clerk.get(f"/manage/meetings/{item.meeting.pk}/"))
    assert "Fill in the paper from its file for item 4" in hub

    url = f"/manage/items/{item.pk}/paper/from-file/"
    page = clerk.get(url)
    shown = text(page)
    assert "Fill in the paper from its file" in shown
    assert "Purpose In the file For decision On the item now For information" in shown
    assert "Summary In the file This paper sets out the work on fraud so far." in shown
    assert "On the item now Old summary." in shown
    assert "Recommendation In the file That the Board agrees the strategy." in shown
    assert "Contact officer In the file Olu Adeyemi On the item now Nothing" in shown
    html = page.content.decode()
    # Ticked where the item says nothing yet; left for the clerk where it says something.
    assert re.search(r'value="recommendation"[^>]*checked', html)
    assert not re.search(r'value="summary"[^>]*checked', html)

    response = clerk.post(url, {"accept": ["purpose", "recommendation", "contact_officer"]})
    assert response.status_code == 302
    paper = Paper.objects.get(agenda_item=item)
    assert paper.purpose == "decision"
    assert paper.summary == "Old summary."  # not accepted: kept
    assert paper.recommendation.startswith("That the Board agrees the strategy.")
    assert paper.contact_officer == world.lead
    assert paper.title == "Fraud"


def test_an_item_without_a_paper_gets_one(world, signed_in, item):
    attach(item, pdf(PDF_NUMBERED_HEADINGS), PDF)
    clerk = signed_in(world.clerk)
    url = f"/manage/items/{item.pk}/paper/from-file/"
    assert "The item has no paper yet" in text(clerk.get(url))
    refused = clerk.post(url, {"accept": ["summary"]})
    assert "a paper needs its purpose" in text(refused)
    assert not Paper.objects.filter(agenda_item=item).exists()
    nothing = clerk.post(url, {})
    assert "Choose at least one part of the paper to fill in" in text(nothing)

    clerk.post(url, {"accept": ["title", "purpose", "summary"]})
    paper = Paper.objects.get(agenda_item=item)
    assert (paper.title, paper.purpose) == ("Reducing reoffending", "decision")
    assert paper.summary.startswith("The paper sets out a local government position")
    assert paper.recommendation == ""


def test_the_latest_paper_file_is_read_and_appendices_never(world, signed_in, item):
    old = attach(item, word(word_with_labels))
    attach(item, word(word_with_a_table), role="appendix")
    new = attach(item, word(word_with_numbered_bold_labels))
    old.superseded_by = new
    old.save()
    page = text(signed_in(world.clerk).get(f"/manage/items/{item.pk}/paper/from-file/"))
    assert "Serious violence duty" in page
    assert "Fire safety" not in page and "cohesion" not in page


def test_an_unreadable_file_says_so(world, signed_in, item):
    attach(item, b"PK\x03\x04 not really a Word file")
    page = text(signed_in(world.clerk).get(f"/manage/items/{item.pk}/paper/from-file/"))
    assert "The file’s words cannot be read" in page


def test_only_an_item_with_a_word_or_pdf_paper_has_the_page(world, signed_in, item):
    clerk = signed_in(world.clerk)
    url = f"/manage/items/{item.pk}/paper/from-file/"
    assert clerk.get(url).status_code == 404
    attach(item, word(word_with_labels), role="appendix")
    assert clerk.get(url).status_code == 404
    assert "Fill in the paper from its file" not in text(
        clerk.get(f"/manage/meetings/{item.meeting.pk}/")
    )


def test_only_the_boards_clerks_fill_in_papers(world, signed_in, item):
    attach(item, word(word_with_labels))
    url = f"/manage/items/{item.pk}/paper/from-file/"
    for user in (world.outsider, world.member):
        assert signed_in(user).get(url).status_code in (403, 404)
        assert signed_in(user).post(url, {"accept": ["purpose"]}).status_code in (403, 404)
    assert not Paper.objects.filter(agenda_item=item).exists()


def test_the_page_query_count(world, signed_in, item):
    Paper.objects.create(agenda_item=item, title="Fraud", purpose="information")
    attach(item, word(word_with_headings))
    clerk = signed_in(world.clerk)
    # Session, user with their roles, item with meeting, board and paper, its paper file,
    # the officer the paper names as contact.
    with CaptureQueriesContext(connection) as queries:
        assert clerk.get(f"/manage/items/{item.pk}/paper/from-file/").status_code == 200
    assert len(queries) == 5, [q["sql"][:90] for q in queries]
