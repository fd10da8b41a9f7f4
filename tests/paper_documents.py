"""Papers' files built for the tests: a PDF or a Word document holding given words, and the
broken ones a clerk might choose by mistake."""

import io

from docx import Document
from pypdf import PdfReader, PdfWriter

from .hostile_files import pdf_page_with_content

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_of(*lines: str) -> bytes:
    """A one-page PDF with each line drawn as text, which readers (and pdftotext) find."""
    drawn = []
    for n, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        drawn.append(f"BT /F1 12 Tf 72 {780 - 20 * n} Td ({escaped}) Tj ET")
    return pdf_page_with_content("\n".join(drawn).encode("latin-1"))


def docx_of(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_of("Secret"))))
    writer.encrypt("a password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
