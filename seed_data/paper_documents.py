"""Fictional papers as real files, made when the demo (or a benchmark) is loaded: Word papers
with python-docx and PDF appendices with WeasyPrint, attached to agenda items as the clerk
attaches them."""

import hashlib
import io
from html import escape

from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_BREAK

from meetings.models import AgendaItem
from meetings.paper_files import PaperFile

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_paper(title: str, paragraphs: list[str], *, pages: int = 1) -> bytes:
    """A Word paper: its title, then the paragraphs on each of `pages` pages."""
    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for page in range(pages):
        if page:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for text in paragraphs:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_paper(title: str, paragraphs: list[str], *, pages: int = 1) -> bytes:
    """A PDF appendix: its title, then the paragraphs on each of `pages` pages."""
    # Imported here: WeasyPrint loads Pango when imported, which only this needs.
    from weasyprint import HTML

    body = "".join(
        f'<section style="break-before: {"page" if n else "auto"}">'
        + "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
        + "</section>"
        for n in range(pages)
    )
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f'<body style="font: 11pt Arial, sans-serif"><h1>{escape(title)}</h1>{body}</body></html>'
    )
    return HTML(string=html).write_pdf()


def attached_file(
    item: AgendaItem,
    content: bytes,
    *,
    name: str,
    title: str,
    role: str = PaperFile.Role.PAPER,
    order: int = 0,
    text: str = "",
    pages: int | None = None,
    is_confidential: bool = False,
    schedule_12a_paragraph: int | None = None,
) -> PaperFile:
    """A file attached to the item, kept through Django's storage."""
    return PaperFile.objects.create(
        agenda_item=item,
        role=role,
        title=title,
        order=order,
        file=ContentFile(content, name=name),
        original_name=name,
        mime_type=WORD if name.endswith(".docx") else PDF,
        size=len(content),
        sha1=hashlib.sha1(content).hexdigest(),
        page_count=pages,
        text=text,
        is_confidential=is_confidential,
        schedule_12a_paragraph=schedule_12a_paragraph,
    )
