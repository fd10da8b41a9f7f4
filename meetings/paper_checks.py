"""What a paper's file is, found from its content and never from its name: a PDF starts with
"%PDF-", a Word document is a zip holding word/document.xml. Anything else, anything larger
than settings.PAPER_FILE_MAX_BYTES and anything that does not open is refused with a message
for the clerk, so no file a clerk can choose ends in an error page.

The file is read a piece at a time: an oversized one is refused from the size the upload
declares, before any of it is read, and a zip is judged from the sizes its directory declares
(within the importer's limits, IMPORT_MAX_MEMBER_BYTES and IMPORT_MAX_UNPACKED_BYTES), so no
file can unpack to more than they allow.
"""

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

PDF = "application/pdf"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """What the checks found out about an accepted file."""

    mime_type: str
    size: int
    sha1: str
    page_count: int | None


def megabytes(size: int) -> str:
    """A limit as clerks read it: "20 MB"."""
    return f"{size / (1024 * 1024):.3g} MB" if size >= 1024 * 1024 else f"{size // 1024 or 1} KB"


def allowed_types() -> str:
    """The types a clerk may attach, in readers' words: "PDF or Word"."""
    names = list(dict.fromkeys(settings.PAPER_FILE_TYPES.values()))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def check_file(upload) -> CheckedFile:
    """The file's type, size, SHA-1 and page count; ValidationError when it is refused."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if size > settings.PAPER_FILE_MAX_BYTES:
        raise ValidationError(
            f"The selected file must be smaller than {megabytes(settings.PAPER_FILE_MAX_BYTES)}",
            code="too_big",
        )
    mime_type = type_of(upload)
    if mime_type not in settings.PAPER_FILE_TYPES:
        raise ValidationError(f"The selected file must be a {allowed_types()}", code="type")
    page_count = pdf_page_count(upload) if mime_type == PDF else None
    return CheckedFile(mime_type=mime_type, size=size, sha1=sha1_of(upload), page_count=page_count)


def type_of(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04") and holds_word_document(upload):
        return WORD
    return None


def holds_word_document(upload) -> bool:
    """Whether the zip opens, unpacks within the importer's limits and holds a Word body.
    Python's zipfile never inflates a member past the size its directory declares, so
    checking the declared sizes bounds what reading the body takes."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > settings.IMPORT_MAX_UNPACKED_BYTES:
                raise ValidationError(
                    "The selected Word file unpacks to more than "
                    f"{megabytes(settings.IMPORT_MAX_UNPACKED_BYTES)}: it is not taken",
                    code="zip_bomb",
                )
            body = next((m for m in members if m.filename == "word/document.xml"), None)
            if body is None:
                return False
            if body.file_size > settings.IMPORT_MAX_MEMBER_BYTES:
                raise ValidationError(
                    "The selected Word file's text unpacks to more than "
                    f"{megabytes(settings.IMPORT_MAX_MEMBER_BYTES)}: it is not taken",
                    code="zip_bomb",
                )
            # Unpacked to the end, a piece at a time, to find a damaged or truncated file.
            with archive.open(body) as member:
                while member.read(CHUNK):
                    pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        return False
    except NotImplementedError:  # a compression method zipfile cannot unpack (Deflate64)
        return False
    return True


def pdf_page_count(upload) -> int:
    """The PDF's number of pages, read by pypdf within its limits; a password-protected or
    damaged PDF is refused, since no reader (and no agenda pack) could open it."""
    from pypdf import PdfReader

    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                "The selected PDF is password-protected: attach a copy without a password",
                code="encrypted",
            )
        count = len(reader.pages)
    except ValidationError:
        raise
    except Exception:
        # pypdf reports a damaged file with its own errors and, for hostile ones, with
        # KeyError, TypeError, ValueError, RecursionError and others: to the clerk they mean
        # the same.
        raise ValidationError(
            "The selected PDF is damaged and cannot be opened", code="damaged"
        ) from None
    if count == 0:
        raise ValidationError("The selected PDF has no pages", code="damaged")
    return count


def sha1_of(upload) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    upload.seek(0)
    while piece := upload.read(CHUNK):
        digest.update(piece)
    upload.seek(0)
    return digest.hexdigest()
