"""Issue 20, findings 2 and 3, and issue 16's limits: hostile and broken files are refused
with a clear message naming the file, quickly and in bounded memory; on the upload page
with a 400, from import_document with a non-zero exit after the rest of the batch."""

import contextlib
import resource
import time
import tracemalloc
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from boards.models import BoardRole
from imports.models import ImportedDocument
from imports.reading import Limits, UnreadableDocument, read_lines
from imports.services import ImportFailed, Options, read

from . import factories as f
from . import hostile_files as hostile
from .import_samples import SAMPLES, WORK_PLAN, make_board

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@contextlib.contextmanager
def bounded(seconds: float = 6, megabytes: int = 300, trace: bool = True):
    """The work inside takes under `seconds` of the process's CPU time and allocates under
    `megabytes` at its peak: Python's allocations by tracemalloc (which slows Python code, so
    a test of speed alone leaves it off), everything else (lxml, zlib) by the process's
    high-water mark of resident memory. CPU time, since it is what the reading costs however
    busy the machine is (a test run beside other work took twice as long by the clock); the
    clock only catches a hang, at five times as long."""
    high_water = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if trace:
        tracemalloc.start()
    started, cpu_started = time.monotonic(), time.process_time()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        cpu = time.process_time() - cpu_started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        tracemalloc.stop()
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - high_water
    assert cpu < seconds, f"took {cpu:.1f} s of CPU time"
    assert elapsed < 5 * seconds, f"took {elapsed:.1f} s"
    assert peak < megabytes * MB, f"Python allocated {peak / MB:.0f} MB at its peak"
    assert grown < megabytes * MB, f"the process grew by {grown / MB:.0f} MB"


HOSTILE = [
    ("bomb.docx", hostile.docx_zip_bomb, "word/media/image1.png unpacks to more than 20 MB"),
    ("lying.docx", hostile.docx_lying_about_size, "is damaged and cannot be read (Bad CRC-32"),
    ("laughs.docx", hostile.docx_billion_laughs, "declares entities"),
    ("truncated.docx", hostile.docx_truncated, "document.xml is damaged and cannot be read"),
    ("nested.pdf", hostile.pdf_nested_arrays, "The PDF is nested too deeply to read"),
    ("huge-stream.pdf", hostile.pdf_huge_stream, "The PDF holds more data than the importer"),
    (
        "huge-content.pdf",
        hostile.pdf_huge_content_stream,
        "Page 1 of the PDF holds 10 MB of drawing instructions, more than the 3 MB",
    ),
    (
        "huge-plain-content.pdf",
        hostile.pdf_huge_plain_content_stream,
        "Page 1 of the PDF holds 9 MB of drawing instructions, more than the 3 MB",
    ),
    (
        "many-characters.pdf",
        hostile.pdf_many_drawn_characters,
        "Page 1 of the PDF draws more than 20,000 characters and shapes",
    ),
]


@pytest.fixture
def board():
    return make_board()


@pytest.mark.parametrize(("name", "build", "message"), HOSTILE)
def test_hostile_files_are_refused_quickly_in_bounded_memory(board, name, build, message):
    content = build()
    assert len(content) < 10 * MB
    with bounded(), pytest.raises(ImportFailed) as refused:
        read(board, name, content, Options())
    assert message in str(refused.value)


@pytest.fixture
def clerk(client, board):
    user = f.UserFactory()
    f.BoardRoleFactory(user=user, board=board, role=BoardRole.Role.CLERK)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("name", "build", "message"), HOSTILE)
def test_uploading_a_hostile_file_gives_a_400_naming_the_file(
    client, board, clerk, name, build, message
):
    upload = SimpleUploadedFile(name, build())
    # Memory traced in the test above; here the time of the whole request, untraced.
    with bounded(trace=False):
        response = client.post(
            reverse("imports:upload", kwargs={"board_slug": board.slug}), {"document": upload}
        )
    assert response.status_code == 400
    page = response.content.decode()
    error = page.split('id="id_document_error"', 1)[1].split("</p>", 1)[0]
    assert f"{name} cannot be imported" in error
    assert message in error
    assert not ImportedDocument.objects.exists()


def test_the_command_reports_each_hostile_file_and_goes_on_to_the_next(board, tmp_path):
    paths = []
    for name, build, _ in HOSTILE:
        path = tmp_path / name
        path.write_bytes(build())
        paths.append(str(path))
    err = StringIO()
    with pytest.raises(CommandError, match=f"{len(HOSTILE)} of {len(HOSTILE) + 1} files"):
        call_command(
            "import_document",
            *paths,
            str(SAMPLES / f"{WORK_PLAN}.txt"),
            "--board",
            "sscb",
            stdout=StringIO(),
            stderr=err,
        )
    for (name, _, message), path in zip(HOSTILE, paths, strict=True):
        assert f"{path}: " in err.getvalue() and message in err.getvalue(), name
    assert ImportedDocument.objects.get().kind == "workplan"


NOTES_HEAD = (
    "Minutes of the Safer and Stronger Communities Board",
    "Date: Tuesday 9 November 2021",
    "1 Welcome and apologies",
)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Apologies were received from Cllr Ann Bee and Cllr Cee Dee.",
        "· Members asked whether the plan would be reviewed.",
        "The Board noted the report and agreed the recommendations.",
        "Decision:",
        "RESOLVED: That the report be noted.",
        "Present: Cllr Ann Bee, Cllr Cee Dee, Cllr Eff Gee",
    ],
)
def test_many_repeated_paragraphs_read_in_a_few_seconds(board, paragraph):
    """A 40 KB Word file of 15,000 paragraphs, one repeated, took 26 seconds before: parsing
    was quadratic in the number of paragraphs. 10,000 would take 12 seconds that way; read
    once each, as now, they take a few (the recognisers weigh each sentence's shape)."""
    content = hostile.docx_repeated_paragraphs(10_000, paragraph, head=NOTES_HEAD)
    assert len(content) < 100 * 1024
    with bounded(seconds=8, trace=False):
        try:
            reading = read(board, "repeated.docx", content, Options(kind="notes"))
        except ImportFailed as error:
            assert str(error)
        else:
            assert reading.data["meeting"]["date"] == "2021-11-09"


def test_too_many_paragraphs_are_refused_before_parsing(board):
    content = hostile.docx_repeated_paragraphs(25_000, "A paragraph.")
    with bounded(trace=False), pytest.raises(ImportFailed, match="more than 20,000 paragraphs"):
        read(board, "long.docx", content, Options())


def test_a_file_of_too_many_records_is_refused(board, settings):
    settings.IMPORT_MAX_RECORDS = 50
    content = hostile.docx_repeated_paragraphs(
        100, "RESOLVED: That the report be noted.", head=NOTES_HEAD
    )
    with pytest.raises(ImportFailed, match="more than 50 records"):
        read(board, "resolutions.docx", content, Options(kind="notes"))


def test_the_limits_come_from_settings(board, settings):
    settings.IMPORT_MAX_LINES = 10
    settings.IMPORT_MAX_UPLOAD_BYTES = 2000
    with pytest.raises(ImportFailed, match="more than 10 lines"):
        read(board, "notes.txt", b"line\n" * 11, Options())
    with pytest.raises(ImportFailed, match="larger than 1 KB"):
        read(board, "notes.txt", b"x" * 2001, Options())


def test_reading_stops_at_the_time_limit():
    limits = Limits(10 * MB, 20 * MB, 50 * MB, 20_000, 20_000, seconds=0.000001)
    content = hostile.docx_repeated_paragraphs(5_000, "A paragraph.")
    with pytest.raises(UnreadableDocument, match="took longer than"):
        read_lines("slow.docx", content, limits)


def test_too_much_text_is_refused(board, settings):
    settings.IMPORT_MAX_TEXT_CHARS = 1000
    with pytest.raises(ImportFailed, match="more than 1,000 characters of text"):
        read(board, "notes.html", b"<p>" + b"Words and more words. " * 100 + b"</p>", Options())


def test_an_over_long_line_is_refused(board):
    with pytest.raises(ImportFailed, match="Line 2 is longer than 20,000 characters"):
        read(board, "notes.txt", b"Notes\n" + b"word " * 5000, Options())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.docx", b"PK\x03\x04 not really a zip", r"not a Word \(\.docx\) document"),
        ("notes.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "This PDF cannot be opened"),
        ("notes.txt", b"\x00\x01\x02 binary", "not a text file"),
        ("notes.html", b"\x00" * 10, "not a web page"),
    ],
)
def test_broken_files_say_why(board, name, content, message):
    with pytest.raises(ImportFailed, match=message):
        read(board, name, content, Options())


def test_a_word_file_unpacking_to_nearly_the_member_limit_stays_in_bounded_memory(board):
    """86 KB zipped, 18 MB of XML: parsed in full, then refused for its length."""
    content = hostile.docx_repeated_paragraphs(330_000, "A paragraph of words.")
    assert len(content) < 200 * 1024
    with bounded(seconds=10, trace=False), pytest.raises(ImportFailed, match="20,000 paragraphs"):
        read(board, "long.docx", content, Options())


def test_the_time_limit_is_checked_while_a_pdf_page_is_laid_out(monkeypatch):
    """A page under the size limits that still takes long stops at the time limit, not after
    the whole page: the check runs as pdfminer draws each instruction."""
    import imports.reading as reading

    monkeypatch.setattr(reading, "PAGE_OBJECTS", 10_000_000)
    content = hostile.pdf_many_drawn_characters(20_000)
    limits = Limits(10 * MB, 20 * MB, 50 * MB, 20_000, 20_000, seconds=0.5)
    started = time.monotonic()
    with pytest.raises(UnreadableDocument, match="took longer than"):
        read_lines("slow.pdf", content, limits)
    assert time.monotonic() - started < 3
