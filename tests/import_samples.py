"""The board's real papers as test input: the .txt samples in tests/fixtures/sample-documents
(copies of the published papers, phone numbers and e-mail addresses removed), and
the same text made into Word and HTML files, tables and italic theme headings included, so
every reader is tested on the same real text. Used by the test_import_* modules."""

import html
import io
import re
from pathlib import Path

from django.apps import apps
from docx import Document

from boards.models import Board
from imports.models import ImportedDocument
from imports.services import Options, accept, import_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = FIXTURES / "sample-documents"
NOTES_2021 = "sscb-notes-2021-11-09"
NOTES_2018 = "sscb-notes-2018-03-19"
WORK_PLAN = "sscb-work-projects-paper-2023-03-23"
REPORT = "sscb-end-of-year-report-2022-23"
UPDATE = "sscb-update-paper-2020-11"


def _cells(line: str) -> list[str] | None:
    cells = line.lstrip("\t").split("\t")
    return cells if sum(1 for c in cells if c.strip()) >= 2 else None


def _cell_paragraphs(cell: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"</?p>", cell) if p.strip()]
    return parts or [cell.strip()]


def to_docx(text: str) -> bytes:
    """The sample as a Word document: tab-separated lines become tables, <i>…</i> lines
    italic paragraphs, everything else a paragraph."""
    document = Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                paragraphs = _cell_paragraphs(value)
                cell.text = paragraphs[0]
                for more in paragraphs[1:]:
                    cell.add_paragraph(more)
        rows.clear()

    for line in text.split("\n"):
        cells = _cells(line)
        if cells:
            rows.append(cells)
            continue
        flush()
        italic = re.fullmatch(r"<i>(.*)</i>", line.strip())
        if italic:
            document.add_paragraph().add_run(italic.group(1)).italic = True
        else:
            document.add_paragraph(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_html(text: str) -> bytes:
    """The sample as an exported web page, inside the site's header and footer."""
    parts: list[str] = []
    rows: list[list[str]] = []
    bullets: list[str] = []

    def flush() -> None:
        if rows:
            body = "".join(
                "<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in r) + "</tr>" for r in rows
            )
            parts.append(f"<table>{body}</table>")
            rows.clear()
        if bullets:
            parts.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for line in text.split("\n"):
        cells = _cells(line)
        if cells:
            rows.append(cells)
            continue
        if line.strip().startswith("· "):
            bullets.append(line.strip()[2:])
            continue
        flush()
        italic = re.fullmatch(r"<i>(.*)</i>", line.strip())
        if italic:
            parts.append(f"<p><i>{html.escape(italic.group(1))}</i></p>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    flush()
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Paper</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/committees'>Committees</a></nav></header>"
        f"<main>{''.join(parts)}</main><footer>Site footer text</footer></body></html>"
    )
    return page.encode()


def _cell_html(cell: str) -> str:
    paragraphs = _cell_paragraphs(cell)
    if len(paragraphs) > 1:
        return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return html.escape(cell.strip())


def sample(name: str, fmt: str = "txt") -> tuple[str, bytes]:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    content = {"txt": text.encode(), "docx": to_docx(text), "html": to_html(text)}[fmt]
    return f"{name}.{fmt}", content


def make_board() -> Board:
    return Board.objects.create(
        name="Safer and Stronger Communities Board",
        short_name="SSCB",
        slug="sscb",
        parent_organisation="Local Government Association",
    )


def import_and_accept(board, name, fmt="txt", **options) -> ImportedDocument:
    document, new = import_file(board, *sample(name, fmt), Options(**options))
    assert new
    accept(document)
    return document


def snapshot() -> dict[str, list]:
    """Every row the importer could touch, change history included."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for app in ("boards", "workplan", "meetings", "reports")
        for model in apps.get_app_config(app).get_models()
    }
