"""The end-of-year report as a Word document, a PDF and a printable page, from the demo board's
records: what a reader finds in each, and the file names and types a browser is given."""

import re
import subprocess
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.test import Client

from boards.models import Board
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
    """Version 1 of the 2022/23 report, published by an officer, who is signed in."""
    board = Board.objects.get(slug=board_slug)
    programme = WorkProgramme.objects.get(board=board, year__start_year=2022)
    officer = Client()
    officer.force_login(f.BoardRoleFactory(board=board, role="policy_officer").user)
    assert officer.post(f"/manage/programmes/{programme.pk}/report/publish/").status_code == 302
    return officer


@pytest.fixture(scope="module")
def fetched() -> dict:
    return {}


@pytest.fixture
def demo(fetched):
    """The demo report's draft (as its officer gets it) and version 1 (as the public does) in
    every format, by address. The demo data is the same for every test, so each file is made
    once for the module."""
    if len(fetched) < 6:
        DemoLoader().load()
        officer = publish()
        for kind in ("docx", "pdf", "print"):
            fetched[f"{DRAFT}{kind}/"] = officer.get(f"{DRAFT}{kind}/")
            fetched[f"{VERSION}{kind}/"] = Client().get(f"{VERSION}{kind}/")
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


def in_pdf(text: str, pdf: str) -> bool:
    return text.replace("-", "") in pdf


class TestWord:
    def test_the_draft_as_a_word_document(self, demo):
        document = word(demo[f"{DRAFT}docx/"])
        assert document.core_properties.title == TITLE
        assert headings(document, "Title") == [TITLE]
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
        level_2 = headings(document, "Heading 2")
        assert level_2[:5] == [
            "Purpose of report",
            "Summary",
            "Plan theme",
            "Recommendation",
            "Contact officer",
        ]
        assert level_2[5:] == THEMES

    def test_paragraphs_are_numbered_in_bold_from_one(self, demo):
        document = word(demo[f"{DRAFT}docx/"])
        numbered = [
            p for p in document.paragraphs if p.runs and re.fullmatch(r"\d+\. ", p.runs[0].text)
        ]
        assert [int(p.runs[0].text[:-2]) for p in numbered] == list(range(1, len(numbered) + 1))
        assert all(p.runs[0].bold for p in numbered)
        texts = [p.text for p in numbered]
        assert texts[0] == (
            "1. The Board considered its priorities for 2022/23 and agreed 6 themes:"
        )
        assert any(
            t.endswith(
                "We have published our updated council guide on modern slavery "
                "(replacing the original version from 2018), supported by a maturity "
                "matrix designed to assist councils in developing their work on this "
                "issue. The guide builds on the experience of councils in developing "
                "their work on this issue in recent years and is split into targeted "
                "sections for officers working in different council services including "
                "children’s services, adult social care, housing, community and "
                "regulatory services and procurement."
            )
            for t in texts
        )
        subitems = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
        assert subitems == [f"1.{i} {theme}" for i, theme in enumerate(THEMES, 1)]
        assert any(
            "Reported at: 23 March 2023, item 1: SSCB work projects." in p.text
            for p in document.paragraphs
        )

    def test_the_proposals_and_figures_tables(self, demo):
        proposals, figures = word(demo[f"{DRAFT}docx/"]).tables
        rows = table_rows(proposals)
        assert rows[0] == ["Priority area", "Proposed activity"]
        assert [row[0] for row in rows[1:]] == [*THEMES[:4], "Building safety", *THEMES[4:]]
        assert rows[4][1].startswith(
            "• Continue to lobby around the need to localise/increase fees under the Licensing "
            "Act 2003.\n• Update the LGA’s existing guidance on licence fees.\n"
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

    def test_a_frozen_version_as_a_word_document(self, demo):
        document = word(demo[f"{VERSION}docx/"])
        assert headings(document, "Title") == [TITLE]
        assert "Proposed areas of focus for 2023/24" in headings(document, "Heading 1")
        text = "\n".join(p.text for p in document.paragraphs)
        assert "£80,000, of which £75,000 is allocated to activities and £5,000 remains" in text


class TestPdfAndPrint:
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

    def test_the_printable_page(self, demo):
        for url, note in (
            (f"{DRAFT}print/", "Draft written from the records on"),
            (f"{VERSION}print/", "Version 1, sent to the board on"),
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
    f.ActivityFactory(theme__programme=programme, title="A new activity for the report")
    assert in_pdf("A new activity for the report", pdf_text(officer.get(url).content))
    assert len(layouts) == 2
