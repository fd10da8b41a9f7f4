"""The end-of-year report as a Word document, a PDF and a printable page, from the demo board's
records: what a reader finds in each, and the file names and types a browser is given."""

import re
import subprocess
import zlib
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.test import Client
from docx.oxml.ns import qn

from boards.models import Board
from reports.models import EndOfYearReport
from seed_data.demo import DemoLoader
from workplan.models import WorkProgramme

from . import factories as f

pytestmark = pytest.mark.django_db

REPORT = "/boards/sscb/2022-23/report/"
TITLE = "Safer and Stronger Communities Board: end-of-year report 2022/23"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
THEMES = [
    "Counter-terrorism, counter-extremism and cohesion",
    "Community safety",
    "Blue light services and civil resilience",
    "Licensing and regulation",
    "Crematoria, coroners and registrars",
    "Voluntary and community sector",
]
# Pound sign, curly quotes and apostrophe, en dash and accented letters, as officers type them.
TYPED = "Ynys Môn’s café owners ran “Ask for Angela” – costing £1,250 – with Cllr Zoë Müller."


DRAFT, VERSION = f"{REPORT}draft/", f"{REPORT}versions/1/"


def publish(board_slug: str = "sscb") -> Client:
    """The next version of the 2022/23 report, sent by an officer, who is signed in. A board
    made by factories gets a meeting item for the report to go to."""
    board = Board.objects.get(slug=board_slug)
    programme = WorkProgramme.objects.get(board=board, year__start_year=2022)
    report = EndOfYearReport.for_programme(programme)
    if report.agenda_item is None:
        report.agenda_item = f.AgendaItemFactory(
            meeting__board=board, number="5", title="End of year report"
        )
        report.save()
    officer = Client()
    officer.force_login(f.BoardRoleFactory(board=board, role="policy_officer").user)
    assert officer.post(f"/manage/programmes/{programme.pk}/report/publish/").status_code == 302
    return officer


@pytest.fixture(scope="module")
def fetched() -> dict:
    return {}


@pytest.fixture
def demo(fetched):
    """The demo report's draft (as its officer gets it) and version 1, which the demo holds as
    sent to the board (as the public and a board member get it), in every format, by address.
    The demo data is the same for every test, so each file is made once for the module."""
    if len(fetched) < 9:
        DemoLoader().load()
        board = Board.objects.get(slug="sscb")
        officer, member = Client(), Client()
        officer.force_login(f.BoardRoleFactory(board=board, role="policy_officer").user)
        member.force_login(f.BoardRoleFactory(board=board, role="board_member").user)
        for kind in ("docx", "pdf", "print"):
            fetched[f"{DRAFT}{kind}/"] = officer.get(f"{DRAFT}{kind}/")
            fetched[f"{VERSION}{kind}/"] = Client().get(f"{VERSION}{kind}/")
            fetched[f"member {VERSION}{kind}/"] = member.get(f"{VERSION}{kind}/")
    return fetched


def word(response) -> docx.document.Document:
    assert response.status_code == 200
    return docx.Document(BytesIO(response.content))


def headings(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def pdf_text(content: bytes) -> str:
    """The PDF's words. pdftotext joins a word broken at a hyphen across lines ("end-of-" and
    "year" give "end-ofyear"), so hyphens are taken out here and from what is looked for."""
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("-", "").split())


def poppler(*command) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, check=True, text=True
    ).stdout


def inflated(pdf: bytes) -> bytes:
    """The PDF's objects, with its compressed object streams opened."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(pdf[match.end() : end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def in_pdf(text: str, pdf: str) -> bool:
    return text.replace("-", "") in pdf


FRONT_LABELS = [
    "Meeting",
    "Agenda item",
    "Purpose of report",
    "Summary",
    "Is this report confidential?",
    "Plan theme",
    "Recommendation",
    "Contact officer",
    "Position",
]
HEADER = "Safer and Stronger Communities Board · 28 June 2023 · Item 5"


def numbering_of(document, paragraph) -> tuple[str, str, str]:
    """(numId, level, the level's text such as "%1.") Word numbers the paragraph with."""
    num_pr = paragraph._p.pPr.numPr
    num_id, level = str(num_pr.numId.val), str(num_pr.ilvl.val)
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.num_lst if str(n.numId) == num_id]
    abstract_id = num.abstractNumId.val
    (abstract,) = [
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    ]
    (lvl,) = [x for x in abstract.findall(qn("w:lvl")) if x.get(qn("w:ilvl")) == level]
    return num_id, level, lvl.find(qn("w:lvlText")).get(qn("w:val"))


class TestWord:
    def test_a4_pages_in_the_projects_template(self, demo):
        template = docx.Document(str(settings.REPORT_WORD_TEMPLATE))
        for url in (f"{DRAFT}docx/", f"{VERSION}docx/"):
            document = word(demo[url])
            for section in document.sections:
                assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
            # The template's own styles, not python-docx's defaults.
            for name in ("Normal", "Heading 1", "List Number", "Furniture Label", "Report Note"):
                assert document.styles[name].font.name == template.styles[name].font.name == "Arial"
            used = {p.style.name for p in document.paragraphs}
            assert {"Title", "Heading 1", "Heading 2", "List Number", "List Number 2"} <= used
            assert {"Furniture Label", "Report Note", "Caption"} <= used

    def test_the_headings_begin_with_the_title_and_a_heading_1(self, demo):
        document = word(demo[f"{DRAFT}docx/"])
        assert document.core_properties.title == TITLE
        assert headings(document, "Title") == [TITLE]
        outline = [
            p.style.name
            for p in document.paragraphs
            if p.style.name.startswith(("Title", "Heading"))
        ]
        assert outline[:2] == ["Title", "Heading 1"]
        assert headings(document, "Heading 1") == [
            "Background",
            "Summary of key issues and work",
            "Not progressed and carried forward",
            "Proposed areas of focus for 2023/24",
            "Implications for Wales",
            "Financial implications",
            "Equalities implications",
            "Next steps",
            "Figures: activities by status",
        ]
        assert headings(document, "Heading 2") == [*THEMES, "Building safety"]
        # The report's own sub-headings under a theme (the paper's, under Blue light services).
        assert "Equality and diversity" in headings(document, "Heading 3")

    def test_the_papers_furniture(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        assert headings(document, "Furniture Label") == FRONT_LABELS
        assert headings(document, "Subtitle") == [
            "Local Government Association · Safer and Stronger Communities Board"
        ]
        text = "\n".join(p.text for p in document.paragraphs)
        for furniture in (
            "Meeting\nSafer and Stronger Communities Board, 28 June 2023",
            "Agenda item\n5: End of year report 2022/23",
            "Purpose of report\nFor direction.",
            "Is this report confidential?\nNo",
            "Contact officer\nMark Norris",
            "Position\nPrincipal Policy Adviser",
        ):
            assert furniture in text, furniture
        properties = document.core_properties
        assert properties.author == "Local Government Association" != "python-docx"
        assert properties.subject == HEADER.replace(" · ", ", ").replace("Item", "item")
        app = next(p for p in document.part.package.parts if str(p.partname) == "/docProps/app.xml")
        assert b"<Company>Local Government Association</Company>" in app.blob
        # Which copy it is, under the title, and its language, as the PDF's: British English.
        assert (
            "Version 1, sent to the Safer and Stronger Communities Board meeting of 28 June 2023 "
            "as item 5." in text
        )
        assert properties.language == "en-GB"
        styles = document.styles.element.xml
        assert 'w:val="en-GB"' in styles and 'w:val="en-US"' not in styles

    def test_paragraphs_are_numbered_by_word_in_one_list(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
        # One list, level 1 "1.", as many paragraphs as the web page numbers, in order.
        assert {numbering_of(document, p) for p in numbered} == {
            (numbering_of(document, numbered[0])[0], "0", "%1.")
        }
        html = demo[f"{VERSION}print/"].content.decode()
        numbers = [int(n) for n in re.findall(r'class="app-report-number">(\d+)\.</span>', html)]
        assert numbers == list(range(1, len(numbered) + 1))
        assert (
            numbered[0].text
            == "The Board considered its priorities for 2022/23 and agreed six overarching themes:"
        )
        assert not [p.text for p in document.paragraphs if re.match(r"\d+(\.\d+)*\.? ", p.text)]
        assert any(
            p.text.startswith("We have published our updated council guide") for p in numbered
        )
        # The themes are the first paragraph's sub-items: "1.1" to "1.6", numbered by Word.
        subitems = [p for p in document.paragraphs if p.style.name == "List Number 2"]
        assert [p.text for p in subitems] == THEMES
        assert {numbering_of(document, p)[1:] for p in subitems} == {("1", "%1.%2")}
        assert numbering_of(document, subitems[0])[0] == numbering_of(document, numbered[0])[0]
        notes = [p.text for p in document.paragraphs if p.style.name == "Report Note"]
        assert "Status: Not progressed." in notes

    def test_header_and_footer_name_the_meeting_and_count_the_pages(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        for section in document.sections:
            assert section.header.paragraphs[0].text == HEADER
            footer = section.footer._element.xml
            fields = re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", footer)
            assert fields == ["PAGE", "NUMPAGES"]
            assert "Page " in section.footer.paragraphs[0].text

    def test_tables_repeat_their_header_row(self, demo):
        proposals, figures = word(demo[f"{DRAFT}docx/"]).tables
        for table in (proposals, figures):
            assert table.style.name == "Table Grid"
            first, *rest = table.rows
            assert first._tr.trPr.find(qn("w:tblHeader")) is not None
            assert all(
                row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in rest
            )
        rows = table_rows(proposals)
        assert rows[0] == ["Priority area", "Proposed activity"]
        assert [row[0] for row in rows[1:]] == [*THEMES[:4], "Building safety", *THEMES[4:]]
        cell = proposals.rows[4].cells[1]
        assert [p.style.name for p in cell.paragraphs] == ["List Bullet"] * len(cell.paragraphs)
        assert cell.paragraphs[0].text == (
            "Continue to lobby around the need to localise/increase fees under the Licensing Act 2003."
        )
        rows = table_rows(figures)
        assert rows[0] == [
            "Theme",
            "Proposed",
            "Agreed",
            "In progress",
            "Complete",
            "Not progressed",
            "Carried forward",
            "Total",
        ]
        assert rows[2] == ["Community safety", "3", "3", "6", "1", "1", "2", "16"]
        assert [row[0] for row in rows[1:]] == THEMES

    def test_the_chart_is_a_picture_with_alt_text_before_its_table(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        (chart,) = document.inline_shapes
        description = chart._inline.docPr.get("descr")
        assert description.startswith("Bar chart of activities by status for each theme, 2022/23.")
        assert "Community safety: 16 (3 proposed, 3 agreed, 6 in progress" in description
        image = chart._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[image].blob.startswith(b"\x89PNG")
        body = [child.tag.split("}")[1] for child in document.element.body]
        assert body[-1] == "sectPr" and body[-2] == "tbl"  # the data table follows the chart

    def test_a_frozen_version_as_a_word_document(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        assert headings(document, "Title") == [TITLE]
        assert "Proposed areas of focus for 2023/24" in headings(document, "Heading 1")
        text = "\n".join(p.text for p in document.paragraphs)
        assert "£80,000, of which £75,000 is allocated to activities and £5,000 remains" in text

    def test_the_template_comes_from_the_setting(self, demo, settings, tmp_path):
        DemoLoader().load()
        template = docx.Document(str(settings.REPORT_WORD_TEMPLATE))
        template.styles["Normal"].font.name = "Georgia"
        template.styles["Heading 1"].font.name = "Georgia"
        template.add_paragraph("Sample text that the report replaces.")
        path = tmp_path / "organisation.docx"
        template.save(str(path))
        settings.REPORT_WORD_TEMPLATE = path
        document = word(Client().get(f"{VERSION}docx/"))
        assert document.styles["Normal"].font.name == "Georgia"
        assert document.styles["Heading 1"].font.name == "Georgia"
        assert document.paragraphs[0].text == TITLE
        assert "Sample text that the report replaces." not in [p.text for p in document.paragraphs]


class TestPdfAndPrint:
    def test_every_table_header_in_the_pdf_has_its_scope(self, demo):
        pdf = demo[f"{VERSION}pdf/"].content
        tags = b""
        for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
            try:
                tags += zlib.decompress(stream.group(1))
            except zlib.error:
                continue
        headers = re.findall(rb"/TH\b(?!ead)", tags)  # not /THead
        # The proposals table's seven areas and the figures table's six themes head their
        # rows; the rest, in each table's first row, head columns.
        columns, rows = tags.count(b"/Scope /Column"), tags.count(b"/Scope /Row")
        assert rows == 7 + 6 and columns > 2
        assert columns + rows == len(headers)

    def test_the_pdf_opens_and_its_first_page_rasterises(self, demo, tmp_path):
        for url in (f"{DRAFT}pdf/", f"{VERSION}pdf/"):
            response = demo[url]
            assert response.status_code == 200
            assert response.content.startswith(b"%PDF")
            pdf = tmp_path / "report.pdf"
            pdf.write_bytes(response.content)
            subprocess.run(
                [
                    "/usr/bin/pdftoppm",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-png",
                    str(pdf),
                    str(tmp_path / "page"),
                ],
                check=True,
                capture_output=True,
            )
            (png,) = list(Path(tmp_path).glob("page*.png"))
            assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
            png.unlink()
            text = pdf_text(response.content)
            for heading in (TITLE, "Background", "Summary of key issues and work", *THEMES):
                assert in_pdf(heading, text), heading
            assert "Priority area Proposed activity" in text
            assert "Figures: activities by status" in text
            assert re.search(r"Page 1\d? of 1\d?$", text)

    def test_a_tagged_a4_pdf_in_one_embedded_font_family(self, demo, tmp_path):
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(demo[f"{VERSION}pdf/"].content)
        info = poppler("pdfinfo", pdf)
        assert re.search(r"^Tagged:\s+yes$", info, flags=re.M)
        assert re.search(rf"^Title:\s+{re.escape(TITLE)}$", info, flags=re.M)
        assert re.search(r"^Author:\s+Local Government Association$", info, flags=re.M)
        pages = int(re.search(r"^Pages:\s+(\d+)$", info, flags=re.M).group(1))
        sizes = re.findall(
            r"Page\s+\d+ size:.*\((\w+)\)", poppler("pdfinfo", "-f", "1", "-l", str(pages), pdf)
        )
        assert sizes == ["A4"] * pages
        # The language and the structure tree that PDF/UA asks for.
        assert "H1" in poppler("pdfinfo", "-struct", pdf)
        assert b"/Lang (en-GB)" in inflated(pdf.read_bytes())
        fonts = poppler("pdffonts", pdf).splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
        families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-Bold")[0] for line in fonts}
        assert families == {"Liberation-Sans"}

    def test_bookmarks_from_the_headings(self, demo):
        objects = inflated(demo[f"{VERSION}pdf/"].content)
        for heading in ("Background", "Summary of key issues and work", *THEMES, "Next steps"):
            assert f"/Title ({heading})".encode() in objects, heading

    def test_the_pdf_carries_the_papers_furniture_on_the_cover_and_every_page(self, demo, tmp_path):
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(demo[f"{VERSION}pdf/"].content)
        cover = " ".join(poppler("pdftotext", "-f", "1", "-l", "1", pdf, "-").split())
        for furniture in (
            "Local Government Association",
            "Meeting: Safer and Stronger Communities Board",
            "Date: 28 June 2023",
            "Item: 5",
            "Version 1, sent to the Safer and Stronger Communities Board meeting of 28 June 2023 as item 5.",
            "Purpose of report For direction.",
            "Is this report confidential? No",
            "Contact officer Mark Norris",
            "Position Principal Policy Adviser",
        ):
            assert furniture in cover, furniture
        pages = poppler("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
        assert len(pages) > 5
        for number, page in enumerate(pages, 1):
            assert HEADER in page, number
            assert f"Page {number} of {len(pages)}" in page, number

    def test_the_chart_has_a_legend_and_labels_and_its_table(self, demo):
        text = pdf_text(demo[f"{VERSION}pdf/"].content)
        figures = text[text.index("Figures: activities by status") :]
        # The legend, the counts inside the bars and each bar's total, then the table.
        assert "Proposed Agreed In progress Complete Not progressed Carried forward" in figures
        assert "Community safety 3 3 6 1 1 2 16" in figures
        assert "Activities by theme and status, 2022/23" in figures

    def test_the_printable_page(self, demo):
        for url, note in (
            (f"{DRAFT}print/", "Draft written from the records on"),
            (
                f"{VERSION}print/",
                "Version 1, sent to the Safer and Stronger Communities Board meeting of "
                "28 June 2023 as item 5.",
            ),
        ):
            response = demo[url]
            assert response.status_code == 200
            assert response["Content-Type"] == "text/html; charset=utf-8"
            html = response.content.decode()
            assert f"<title>{TITLE}</title>" in html and f"<h1>{TITLE}</h1>" in html
            assert note in " ".join(re.sub(r"<[^>]+>", "", html).split())
            assert "/static/reports/print.css" in html
            assert "Rewrite" not in html  # no editing links on paper


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_content_types_and_file_names(demo, kind):
    content_type = {"docx": DOCX, "pdf": "application/pdf"}[kind]
    for url, name in (
        (f"{DRAFT}{kind}/", "sscb-end-of-year-report-2022-23-draft"),
        (f"{VERSION}{kind}/", "sscb-end-of-year-report-2022-23-v1"),
    ):
        response = demo[url]
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{name}.{kind}"'


def test_pounds_curly_quotes_and_accents_survive():
    programme = f.WorkProgrammeFactory(
        board=f.BoardFactory(name="Conseil de Ynys Môn", slug="ynys-mon"),
        year=f.BoardYearFactory(start_year=2022),
        policy_budget=12500,
    )
    f.EndOfYearReportFactory(programme=programme, summary="The Board’s “café” year.")
    f.ProgressUpdateFactory(activity__theme__programme=programme, text=TYPED)
    officer = publish("ynys-mon")
    for url in (
        "/boards/ynys-mon/2022-23/report/draft/",
        "/boards/ynys-mon/2022-23/report/versions/1/",
    ):
        document = word(officer.get(f"{url}docx/"))
        assert document.core_properties.title == "Conseil de Ynys Môn: end-of-year report 2022/23"
        text = "\n".join(p.text for p in document.paragraphs)
        assert TYPED in text and "The Board’s “café” year." in text and "£12,500" in text, url
        text = pdf_text(officer.get(f"{url}pdf/").content)
        for typed in (TYPED, "Conseil de Ynys Môn", "The Board’s “café” year.", "£12,500"):
            assert in_pdf(typed, text), (url, typed)
        html = officer.get(f"{url}print/").content.decode()
        assert TYPED in html and "The Board’s “café” year." in html, url


def test_a_pdf_is_laid_out_once_per_change_of_the_report(monkeypatch):
    import weasyprint

    programme = f.WorkProgrammeFactory(
        board=f.BoardFactory(slug="pdf-board"), year=f.BoardYearFactory(start_year=2022)
    )
    f.EndOfYearReportFactory(programme=programme, summary="First summary.")
    officer = publish("pdf-board")
    layouts = []
    real_write_pdf = weasyprint.HTML.write_pdf
    monkeypatch.setattr(
        weasyprint.HTML,
        "write_pdf",
        lambda self, *a, **k: layouts.append(1) or real_write_pdf(self, *a, **k),
    )
    url = "/boards/pdf-board/2022-23/report/draft/pdf/"
    first = officer.get(url).content
    assert officer.get(url).content == first
    assert len(layouts) == 1
    f.ProgressUpdateFactory(
        activity=f.ActivityFactory(theme__programme=programme),
        text="A new activity for the report.",
    )
    assert in_pdf("A new activity for the report", pdf_text(officer.get(url).content))
    assert len(layouts) == 2
