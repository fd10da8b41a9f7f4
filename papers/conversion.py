"""Word papers as PDF, made by LibreOffice, which reads Word files as Word lays them out far
more closely than any Python library.

Each Word file is converted once: the PDF is kept through Django's storage under the file's
SHA-1, so the same file attached twice, or packed again, is not converted again. The attach
service calls as_pdf right after an upload, so building a pack later finds the PDF ready.
"""

import io
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ConversionFailed(Exception):
    """A Word file LibreOffice could not turn into PDF."""


class ConversionTimedOut(ConversionFailed):
    """LibreOffice took longer than it is allowed (settings.PAPER_CONVERSION_SECONDS)."""


def converted_name(sha1: str) -> str:
    """Where a Word file's PDF is kept: named by the Word file's SHA-1, which nobody can
    know without the file itself."""
    return f"papers/converted/{sha1}.pdf"


class FileMissing(ConversionFailed):
    """The paper's stored file is not in storage: deleted by hand, or a restore without it."""


def stored_bytes(paper_file) -> bytes:
    """The paper's file as stored. Raises FileMissing, naming the file, when storage has
    lost it, so a pack says what is wrong instead of failing with a server error."""
    try:
        with paper_file.file.open("rb") as stored:
            return stored.read()
    except FileNotFoundError as error:
        raise FileMissing(
            f"The file of “{paper_file.title}” ({paper_file.file.name}) is missing from storage."
        ) from error


def as_pdf(paper_file, *, seconds: float | None = None) -> bytes:
    """The paper's file as PDF: a PDF as it was attached, a Word file converted (once)."""
    if paper_file.mime_type != WORD:
        return stored_bytes(paper_file)
    name = converted_name(paper_file.sha1)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            pdf = stored.read()
    else:
        pdf = word_to_pdf(stored_bytes(paper_file), seconds=seconds)
        saved = default_storage.save(name, ContentFile(pdf))
        if saved != name:
            # Another process kept the same conversion first: keep one copy.
            default_storage.delete(saved)
    if paper_file.page_count is None:
        # A Word file has no pages until it is laid out: its PDF gives the count readers
        # see beside the file, as a PDF's own does.
        paper_file.page_count = len(PdfReader(io.BytesIO(pdf)).pages)
        paper_file.save(update_fields=["page_count"])
    return pdf


def word_to_pdf(document: bytes, *, seconds: float | None = None) -> bytes:
    """Convert a Word document with LibreOffice headless, within `seconds` (by default
    settings.PAPER_CONVERSION_SECONDS). Raises ConversionFailed or ConversionTimedOut."""
    limit = settings.PAPER_CONVERSION_SECONDS if seconds is None else seconds
    with tempfile.TemporaryDirectory(prefix="paper-conversion-") as folder:
        folder = Path(folder)
        source = folder / "paper.docx"
        source.write_bytes(document)
        command = [
            settings.LIBREOFFICE,
            "--headless",
            "--norestore",
            # A profile of its own: LibreOffice allows one process per profile, so
            # conversions running side by side would otherwise wait for, or break, each other.
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            # A session of its own, so a timeout kills LibreOffice and every process it started.
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
                env={**os.environ, "HOME": str(folder)},
            )
        except FileNotFoundError as error:
            raise ConversionFailed(
                f"LibreOffice is not installed ({settings.LIBREOFFICE} was not found), so "
                "Word papers cannot be turned into PDF."
            ) from error
        try:
            _, errors = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionTimedOut(
                f"LibreOffice took longer than {limit:g} seconds to turn the Word paper into "
                "PDF, and was stopped."
            ) from error
        converted = folder / "out" / "paper.pdf"
        if process.returncode != 0 or not converted.exists():
            detail = errors.decode(errors="replace").strip()[-300:]
            raise ConversionFailed(
                f"LibreOffice could not turn the Word paper into PDF "
                f"(exit status {process.returncode}){': ' + detail if detail else ''}."
            )
        return converted.read_bytes()
