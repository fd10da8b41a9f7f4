"""The report's own sections, the checks before sending, open comments moving to the next
version, stable numbering across copies, and the demo's report against the real paper."""

import datetime
import re
from difflib import SequenceMatcher
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from reports.builder import all_paragraphs
from reports.models import ActivityParagraph, ReportSection, ReportVersion, ReviewComment
from seed_data.demo import DemoLoader
from tests import factories as f
from tests.reading import plain
from tests.test_end_of_year_report import DRAFT, REPORT, goes_to, manage

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "sample-documents"
    / "sscb-end-of-year-report-2022-23.txt"
)
PLACEHOLDERS = ("No progress has been reported yet", "No reason has been recorded", "..")


def add_section(client, programme, **data):
    return client.post(manage(programme, "sections/add/"), {"version": "", **data})


class TestOwnSections:
    def test_an_officer_writes_a_sub_heading_under_a_theme(self, world, signed_in):
        officer = signed_in(world.officer)
        f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office")
        response = add_section(
            officer,
            world.programme,
            place="theme",
            theme=world.theme.pk,
            heading="Water safety",
            text="We promoted world drowning prevention day.\n\nWe support the inquiry.",
        )
        assert response.status_code == 302
        draft = plain(officer.get(DRAFT).content.decode())
        # The activity's update ends with one full stop; the sub-heading follows its paragraph.
        assert (
            "1. The Board considered its priorities for 2022/23 and agreed one overarching theme:"
            in draft
        )
        assert re.search(
            r"Councils met the Home Office\. .*?Water safety \d+\. We promoted world drowning "
            r"prevention day\. .*?\d+\. We support the inquiry\.",
            draft,
        )

    def test_an_area_needs_a_heading_and_the_error_names_the_field(self, world, signed_in):
        response = add_section(
            signed_in(world.officer), world.programme, place="area", text="Building safety work."
        )
        assert response.status_code == 200
        page = plain(response.content.decode())
        assert "There is a problem Enter a heading for the section" in page
        assert not ReportSection.objects.exists()

    def test_a_theme_part_must_name_its_theme(self, world, signed_in):
        response = add_section(signed_in(world.officer), world.programme, place="theme", text="X.")
        assert "Choose the theme the section goes under" in plain(response.content.decode())

    def test_sections_are_ordered_and_removed(self, world, signed_in):
        officer = signed_in(world.officer)
        for heading in ("First area", "Second area"):
            add_section(officer, world.programme, place="area", heading=heading, text="Text.")
        second = ReportSection.objects.get(heading="Second area")
        officer.post(manage(world.programme, f"sections/{second.pk}/move/"), {"direction": "up"})
        page = officer.get(manage(world.programme, "sections/")).content.decode()
        keys = re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt>', page)
        assert keys == ["Second area", "First area"]
        officer.post(manage(world.programme, f"sections/{second.pk}/remove/"))
        assert list(ReportSection.objects.values_list("heading", flat=True)) == ["First area"]

    def test_a_section_sent_back_unchanged_saves_and_a_stale_one_conflicts(self, world, signed_in):
        officer = signed_in(world.officer)
        add_section(officer, world.programme, place="area", heading="Area", text="Text.")
        section = ReportSection.objects.get()
        url = manage(world.programme, f"sections/{section.pk}/")
        data = {"version": 1, "place": "area", "heading": "Area", "text": "Text."}
        assert officer.post(url, data).status_code == 302
        assert officer.post(url, {**data, "text": "Old copy."}).status_code == 409

    @pytest.mark.parametrize(
        "who, status", [("member of the board", 403), ("officer of another board", 404)]
    )
    def test_only_the_boards_officers_write_sections(self, world, signed_in, who, status):
        client = signed_in(world.users[who])
        assert client.get(manage(world.programme, "sections/")).status_code == status
        response = add_section(client, world.programme, place="area", heading="A", text="B.")
        assert response.status_code == status
        assert not ReportSection.objects.exists()


class TestNothingUnfinishedGoesOut:
    def test_sending_is_refused_until_each_paragraph_is_written_or_left_out(self, world, signed_in):
        officer = signed_in(world.officer)
        goes_to(world.programme)
        draft = plain(officer.get(DRAFT).content.decode())
        assert "1 paragraph still to write" in draft
        assert "No progress has been reported" not in plain(
            officer.get(f"{DRAFT}print/").content.decode()
        )
        response = officer.post(manage(world.programme, "publish/"))
        assert response.status_code == 400
        assert "Write or leave out the 1 paragraph still to write" in plain(
            response.content.decode()
        )
        assert not ReportVersion.objects.exists()
        leave_out = manage(world.programme, f"activities/{world.activity.pk}/leave-out/")
        asked = plain(officer.get(leave_out).content.decode())
        assert "Leave the paragraph on “Tackle modern slavery” out of the report?" in asked
        assert not ActivityParagraph.objects.exists()  # asking changes nothing
        officer.post(leave_out, {"left_out": "yes"})
        draft = plain(officer.get(DRAFT).content.decode())
        assert "still to write" not in draft
        assert "1 activity left out of the report Tackle modern slavery Put back" in draft
        assert officer.post(manage(world.programme, "publish/")).status_code == 302
        content = ReportVersion.objects.get().content
        assert "Tackle modern slavery" not in str(content["sections"])

    def test_the_whole_year_of_a_carried_forward_activity_is_printed(self, world, signed_in):
        world.activity.status = "carried_forward"
        world.activity.save()
        for text in ("Guide drafted", "Guide consulted on", "Guide delayed by the bill"):
            f.ProgressUpdateFactory(activity=world.activity, text=text, status="carried_forward")
        text = plain(signed_in(world.officer).get(DRAFT).content.decode())
        section = text[text.index("Not progressed and carried forward") :]
        assert re.search(
            r"3\. Guide drafted\. Rewrite the paragraph on Tackle modern slavery · Leave out of "
            r"the report: Tackle modern slavery 4\. Guide consulted on\. 5\. Guide delayed by "
            r"the bill\. Status: Carried forward\.",
            section,
        )


class TestReview:
    def test_open_comments_move_to_the_next_version_and_the_old_takes_none(self, world, signed_in):
        officer, member = signed_in(world.officer), signed_in(world.member)
        f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office.")
        goes_to(world.programme)
        officer.post(manage(world.programme, "publish/"))
        first = ReportVersion.objects.get()
        number = next(
            p["number"] for p in all_paragraphs(first.content) if "Home Office" in p["text"]
        )
        url = f"{REPORT}versions/1/paragraphs/{number}/"
        member.post(url, {"kind": "suggestion", "text": "Name the minister."})
        draft = plain(officer.get(DRAFT).content.decode())
        assert f"Paragraph {number} of version 1: suggested change, “Name the minister.”" in draft
        check = officer.get(manage(world.programme, "publish/"))
        assert f"Paragraph {number} of version 1" in plain(check.content.decode())
        assert officer.post(manage(world.programme, "publish/")).status_code == 400
        response = officer.post(manage(world.programme, "publish/"), {"keep_comments_open": "yes"})
        assert response.status_code == 302
        comment = ReviewComment.objects.get()
        assert (comment.version.number, comment.moved_from) == (2, f"version 1, paragraph {number}")
        assert not comment.text_changed
        member.post(url, {"kind": "question", "text": "Late comment"})
        assert ReviewComment.objects.count() == 1  # version 1 takes no new comments
        page = plain(
            member.get(f"{REPORT}versions/2/paragraphs/{comment.paragraph}/").content.decode()
        )
        assert "Name the minister." in page and "Made on version 1" in page


def test_a_confidential_paragraph_keeps_its_number_in_the_public_copy(world, signed_in, anonymous):
    f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office.")
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2022, 11, 8))
    item = f.AgendaItemFactory(meeting=meeting, number="7", title="Police funding")
    f.AgendaItemFactory(meeting=meeting, number="8", title="Fire reform")
    goes_to(world.programme)
    signed_in(world.officer).post(manage(world.programme, "publish/"))
    item.is_confidential = True
    item.save()
    version = ReportVersion.objects.get()
    members = {p["number"]: p["text"] for p in all_paragraphs(version.content)}
    public = {p["number"]: p["text"] for p in all_paragraphs(version.public_content)}
    assert members.keys() == public.keys()
    withheld = [n for n, text in public.items() if text == "Not for publication."]
    assert len(withheld) == 1 and members[withheld[0]].startswith("Police funding")
    page = plain(anonymous.get(REPORT).content.decode())
    assert f"{withheld[0]}. Not for publication." in page and "Police funding" not in page


def sample_paragraphs() -> dict[int, str]:
    found = {}
    for line in SAMPLE.read_text().splitlines():
        match = re.match(r"^\s*(\d+)\.(?!\d)\s*(.+)", line)
        if match:
            found[int(match[1])] = match[2].strip()
    return found


def words(text: str) -> list[str]:
    return re.sub(r"[“”\"'’‘]", "", text).split()


def contained(paragraph: str, texts: list[str]) -> float:
    """How much of the paper's paragraph, word for word in order, one of the texts holds."""
    needed = words(paragraph)
    return max(
        sum(
            b.size
            for b in SequenceMatcher(a=needed, b=words(t), autojunk=False).get_matching_blocks()
        )
        / len(needed)
        for t in texts
    )


@pytest.mark.skipif(not SAMPLE.exists(), reason="the sample documents are not in this checkout")
def test_the_demo_report_as_sent_holds_the_real_paper(db):
    DemoLoader().load()
    version = ReportVersion.objects.get(report__programme__board__slug="sscb")
    texts = [p["text"] for p in all_paragraphs(version.content)]
    paper = sample_paragraphs()
    assert len(paper) == 64
    missing = [n for n, text in paper.items() if contained(text, texts) < 0.9]
    assert (len(paper) - len(missing)) / len(paper) >= 0.95, missing
    assert not [t for t in texts if any(p in t for p in PLACEHOLDERS)]
    assert version.content["missing"] == []
    front = {row["label"]: row["text"] for row in version.content["front"]}
    assert front["Contact officer"] == "Mark Norris"


def test_decisions_from_draft_notes_say_so_and_stay_out_of_the_public_copy(
    world, signed_in, anonymous
):
    f.ProgressUpdateFactory(activity=world.activity, text="Councils met the Home Office.")
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 3, 14), notes_status="draft"
    )
    item = f.AgendaItemFactory(meeting=meeting, number="4", title="Serious violence duty")
    f.DecisionFactory(agenda_item=item, text="Members asked for a briefing")
    goes_to(world.programme)
    signed_in(world.officer).post(manage(world.programme, "publish/"))
    members = plain(signed_in(world.member).get(REPORT).content.decode())
    assert (
        "Serious violence duty: considered at the meeting of 14 March 2023 (item 4). From the "
        "draft notes, not yet agreed: Members asked for a briefing." in members
    )
    public = plain(anonymous.get(REPORT).content.decode())
    assert "Serious violence duty: considered at the meeting of 14 March 2023 (item 4)." in public
    assert "Members asked for a briefing" not in public


def test_contact_details_are_on_the_papers_furniture(world, signed_in):
    officer = signed_in(world.officer)
    item = goes_to(world.programme)
    data = {
        "version": 1,
        "agenda_item": item.pk,
        "purpose": "For direction.",
        "summary": "The year's work.",
        "recommendation": "That members note the report.",
        "contact_officer": world.lead.pk,
        "contact_phone": "020 7946 0017",
        "contact_email": "not an address",
    }
    response = officer.post(manage(world.programme, "edit/"), data)
    assert "There is a problem Enter a valid email address" in plain(response.content.decode())
    data["contact_email"] = "olu.adeyemi@example.invalid"
    assert officer.post(manage(world.programme, "edit/"), data).status_code == 302
    furniture = "Contact officer Olu Adeyemi"
    draft = plain(officer.get(DRAFT).content.decode())
    assert "Phone no 020 7946 0017 Email olu.adeyemi@example.invalid" in draft
    assert furniture in draft
    docx = officer.get(f"{DRAFT}docx/").content
    document = Document(BytesIO(docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Phone no\n020 7946 0017\nEmail\nolu.adeyemi@example.invalid" in text


@pytest.mark.parametrize("n", [1, 10])
def test_the_sections_page_reads_a_fixed_number_of_queries(
    world, signed_in, django_assert_num_queries, n
):
    officer = signed_in(world.officer)
    report = f.EndOfYearReportFactory(programme=world.programme)
    for i in range(n):
        ReportSection.objects.create(
            report=report, place="theme", theme=world.theme, heading=f"Part {i}", text="Text."
        )
    # session, user with their roles on every board, programme (get_programme_for_editor);
    # report; its sections with their themes
    with django_assert_num_queries(5):
        response = officer.get(manage(world.programme, "sections/"))
    assert plain(response.content.decode()).count("Under a theme, after its activities") == n
