"""The report as a Word document (python-docx) and a PDF (WeasyPrint)."""

import hashlib
from io import BytesIO
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "print.css"
# Laying out a long report takes seconds; the same page always gives the same PDF.
PDF_CACHE_SECONDS = 24 * 60 * 60


def as_docx(content: dict) -> bytes:
    """Plain headings, numbered paragraphs and tables, ready for the organisation's template:
    built-in styles only, so "apply template" restyles everything."""
    document = Document()
    document.core_properties.title = content["title"]
    document.add_heading(content["title"], level=0)
    for entry in content["front"]:
        if entry["text"]:
            document.add_heading(entry["label"], level=2)
            document.add_paragraph(entry["text"])
    for section in content["sections"]:
        document.add_heading(section["heading"], level=1)
        _paragraphs(document, section.get("paragraphs", []))
        for subsection in section.get("subsections", []):
            document.add_heading(subsection["heading"], level=2)
            _paragraphs(document, subsection["paragraphs"])
        if section.get("table"):
            _proposals_table(document, section["table"])
    figures = content.get("figures") or {}
    if figures.get("rows"):
        document.add_heading("Figures: activities by status", level=1)
        columns = ["Theme", *figures["statuses"], "Total"]
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
        for row in figures["rows"]:
            cells = table.add_row().cells
            values = [row["theme"], *map(str, row["counts"]), str(row["total"])]
            for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
                cell.text = text
                if i:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraphs(document, paragraphs: list[dict]) -> None:
    for paragraph in paragraphs:
        p = document.add_paragraph()
        number = p.add_run(f"{paragraph['number']}. ")
        number.bold = True
        p.add_run(paragraph["text"])
        for item in paragraph.get("subitems", []):
            sub = document.add_paragraph(style="List Bullet")
            sub.add_run(f"{item['number']} ").bold = True
            sub.add_run(item["text"])
        details = []
        if paragraph.get("status"):
            details.append(f"Status: {paragraph['status']}.")
        if paragraph.get("references"):
            details.append(
                "Reported at: " + "; ".join(ref["label"] for ref in paragraph["references"]) + "."
            )
        if details:
            note = document.add_paragraph(" ".join(details))
            for run in note.runs:
                run.italic = True
                run.font.size = Pt(9)


def _proposals_table(document, table_data: dict) -> None:
    table = document.add_table(rows=1, cols=len(table_data["columns"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, table_data["columns"], strict=True):
        cell.text = text
    for row in table_data["rows"]:
        area, activities = table.add_row().cells
        area.text = row["area"]
        activities.text = "\n".join(f"• {a}" for a in row["activities"])


def as_pdf(context: dict, base_url: str) -> bytes:
    """The printable page (templates/reports/print.html) rendered to PDF."""
    # Imported here: WeasyPrint loads Pango when imported, which only PDF requests need.
    from weasyprint import CSS, HTML

    html = render_to_string("reports/print.html", {**context, "for_pdf": True})
    # Keyed on the exact page, so a change to the records or the reader's rights is a new key.
    key = "report-pdf:" + hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = HTML(string=html, base_url=base_url).write_pdf(
            stylesheets=[CSS(filename=str(PRINT_CSS))]
        )
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
