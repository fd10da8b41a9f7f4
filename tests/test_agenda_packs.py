"""Agenda packs: one PDF of the cover, contents, agenda and every paper in agenda order, with
bookmarks; the public pack leaves exempt files out and says where, the members' pack has
them. Word papers are turned into PDF by LibreOffice, once, within a time limit. A pack is
built once per change of what it shows, stored, and served stored."""

import datetime
import io
import shutil
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client
from pypdf import PdfReader

from meetings.models import Meeting
from meetings.paper_files import PaperFile, Schedule12A
from meetings.services import publish_agenda
from papers import conversion, packs
from papers.models import AgendaPack
from seed_data.example_board import SLUG, ExampleBoardLoader
from seed_data.paper_documents import attached_file, pdf_paper, word_paper

from . import factories as f

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: make system-packages"
)
MEETING = "/boards/sscb/meetings/2023-06-20/"
PUBLIC_PACK = f"{MEETING}agenda-pack.pdf"
MEMBERS_PACK = f"{MEETING}members-pack.pdf"
SECRET = "Provider bid of 41,250 pounds"


@pytest.fixture
def meeting(world):
    """A coming meeting: 1 welcome (no papers); 2 a budget paper (3 pages) with a public
    appendix (2 pages) and an exempt one (paragraph 3, 2 pages); 3 a confidential item,
    title withheld, with a one-page paper."""
    meeting = f.MeetingFactory(
        board=world.board,
        date=datetime.date(2023, 6, 20),
        start_time=datetime.time(10, 30),
        venue="18 Smith Square, London",
        notes_status="scheduled",
    )
    f.AgendaItemFactory(meeting=meeting, number="1", order=1, title="Welcome and apologies")
    budget = f.AgendaItemFactory(meeting=meeting, number="2", order=2, title="Community budget")
    attached_file(
        budget,
        pdf_paper("Community budget report", ["The budget paper says hello."], pages=3),
        name="budget.pdf",
        title="Community budget report",
    )
    attached_file(
        budget,
        pdf_paper("Spending by ward", ["Ward figures in a table."], pages=2),
        name="wards.pdf",
        title="Spending by ward",
        role=PaperFile.Role.APPENDIX,
        order=1,
    )
    attached_file(
        budget,
        pdf_paper("Provider bids", [SECRET], pages=2),
        name="bids.pdf",
        title="Provider bids",
        role=PaperFile.Role.APPENDIX,
        order=2,
        is_confidential=True,
        schedule_12a_paragraph=Schedule12A.FINANCIAL,
    )
    private = f.AgendaItemFactory(
        meeting=meeting,
        number="3",
        order=3,
        title="Staffing restructure",
        is_confidential=True,
        title_is_confidential=True,
    )
    attached_file(
        private,
        pdf_paper("Staffing restructure", ["Posts to be deleted."]),
        name="staffing.pdf",
        title="Staffing restructure",
    )
    publish_agenda(meeting=meeting, on=datetime.date(2023, 6, 9), today=datetime.date(2023, 6, 9))
    meeting.refresh_from_db()
    return meeting


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, its lines run together as a reader reads them."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def bookmarks(pdf: bytes) -> list:
    """The outline as (title, page from 1), nested lists for children."""
    reader = PdfReader(io.BytesIO(pdf))

    def walk(entries):
        found = []
        for entry in entries:
            if isinstance(entry, list):
                found.append(walk(entry))
            else:
                found.append((entry.title, reader.get_destination_page_number(entry) + 1))
        return found

    return walk(reader.outline)


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_public_pack_has_the_cover_contents_agenda_and_public_papers(meeting, anonymous):
    pdf = download(anonymous, PUBLIC_PACK)
    pages = pages_of(pdf)
    cover, contents, agenda = pages[:3]
    assert "Safer and Stronger Communities Board" in cover
    assert "Tuesday 20 June 2023" in cover and "10:30 a.m." in cover
    assert "18 Smith Square, London" in cover and "Public pack" in cover
    assert "Members' pack" not in cover
    # Contents: each file with the page it starts on, and those pages hold it.
    assert "Paper: Community budget report 4" in contents
    assert "Appendix 1: Spending by ward 7" in contents
    assert "Appendix 2 – Not for publication 9" in contents
    assert "Paper – Not for publication 10" in contents
    assert "Agenda 3" in contents
    assert "Community budget report" in pages[3] and "hello" in pages[3]
    assert "Spending by ward" in pages[6]
    # The agenda: every item, the confidential one by number only.
    assert "1 Welcome and apologies" in agenda and "2 Community budget" in agenda
    assert "3 Confidential item" in agenda
    # Where each exempt file would be: a page naming the Schedule 12A paragraph.
    assert "Not for publication" in pages[8]
    assert "paragraph 3" in pages[8] and "financial or business affairs" in pages[8]
    assert "Item 3" in pages[9] and "Part 1 of Schedule 12A" in pages[9]
    assert len(pages) == 10
    text = "\n".join(pages)
    assert SECRET not in text and "Provider bids" not in text
    assert "Staffing restructure" not in text and "Posts to be deleted" not in text


def test_the_public_pack_is_bookmarked_per_item_and_file(meeting, anonymous):
    pdf = download(anonymous, PUBLIC_PACK)
    assert bookmarks(pdf) == [
        ("Cover", 1),
        ("Contents", 2),
        ("Agenda", 3),
        ("1 Welcome and apologies", 3),
        ("2 Community budget", 4),
        [
            ("Paper: Community budget report", 4),
            ("Appendix 1: Spending by ward", 7),
            ("Appendix 2 – Not for publication", 9),
        ],
        ("3 Not for publication", 10),
        [("Paper – Not for publication", 10)],
    ]


def test_the_members_pack_has_the_exempt_papers(meeting, world, signed_in):
    pdf = download(signed_in(world.member), MEMBERS_PACK)
    pages = pages_of(pdf)
    assert "Members' pack – contains exempt information, not for publication" in pages[0]
    assert "Appendix 2: Provider bids (Confidential – not for publication) 9" in pages[1]
    assert SECRET in pages[8] and SECRET in pages[9]
    assert "Posts to be deleted" in pages[10]
    assert "Not for publication" not in "\n".join(pages[3:])
    assert bookmarks(pdf)[5:] == [
        [
            ("Paper: Community budget report", 4),
            ("Appendix 1: Spending by ward", 7),
            ("Appendix 2: Provider bids", 9),
        ],
        ("3 Staffing restructure", 11),
        [("Paper: Staffing restructure", 11)],
    ]


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 404), ("outsider", 404), ("member", 200), ("clerk", 200), ("officer", 200)],
)
def test_only_the_boards_readers_get_the_members_pack(meeting, world, signed_in, who, status):
    client = signed_in(getattr(world, who)) if who != "anonymous" else signed_in(None)
    assert client.get(MEMBERS_PACK).status_code == status
    assert client.get(PUBLIC_PACK).status_code == 200


def test_a_pack_is_built_once_and_served_stored(meeting, anonymous, monkeypatch):
    first = anonymous.get(PUBLIC_PACK)
    body = b"".join(first.streaming_content)
    pack = AgendaPack.objects.get(audience="public")
    assert first["ETag"] == f'"{pack.sha1}"'
    assert (pack.size, pack.page_count) == (len(body), 10)

    def built_again(*args, **kwargs):
        raise AssertionError("the stored pack was built again")

    monkeypatch.setattr(packs, "build", built_again)
    assert download(anonymous, PUBLIC_PACK) == body
    assert anonymous.get(PUBLIC_PACK, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_pack_gone_from_storage_is_built_again(meeting, anonymous, caplog):
    body = download(anonymous, PUBLIC_PACK)
    default_storage.delete(AgendaPack.objects.get(audience="public").file.name)
    assert download(anonymous, PUBLIC_PACK) == body
    assert "missing from storage" in caplog.text
    assert default_storage.exists(AgendaPack.objects.get(audience="public").file.name)


def test_a_paper_gone_from_storage_is_a_clear_error_not_a_server_error(meeting, anonymous, caplog):
    budget = PaperFile.objects.get(title="Community budget report")
    default_storage.delete(budget.file.name)
    response = anonymous.get(PUBLIC_PACK)
    assert response.status_code == 503
    assert b"cannot be made just now" in response.content
    assert "Community budget report" in caplog.text and "missing from storage" in caplog.text


def test_a_stored_pack_costs_what_a_stored_page_costs(
    meeting, anonymous, django_assert_num_queries, settings, django_capture_on_commit_callbacks
):
    download(anonymous, PUBLIC_PACK)
    # With nothing remembered: the meeting; its items; its files; the stored pack.
    with django_assert_num_queries(4):
        download(anonymous, PUBLIC_PACK)
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    try:
        download(anonymous, PUBLIC_PACK)
        # Remembered for the board's content version: the meeting alone.
        with django_assert_num_queries(1):
            body = download(anonymous, PUBLIC_PACK)
        assert len(pages_of(body)) == 10
        # A change raises the version: the pack is found, and built, afresh.
        paper = PaperFile.objects.get(title="Spending by ward")
        paper.title = "Spending by ward and by year"
        with django_capture_on_commit_callbacks(execute=True):
            paper.save()
        assert "Spending by ward and by year" in pages_of(download(anonymous, PUBLIC_PACK))[1]
    finally:
        cache.clear()


def test_a_changed_paper_builds_the_pack_again(
    meeting, anonymous, django_capture_on_commit_callbacks
):
    before = download(anonymous, PUBLIC_PACK)
    paper = PaperFile.objects.get(title="Spending by ward")
    with django_capture_on_commit_callbacks(execute=True):
        replacement = attached_file(
            paper.agenda_item,
            pdf_paper("Spending by ward, corrected", ["Corrected ward figures."], pages=1),
            name="wards-v2.pdf",
            title="Spending by ward, corrected",
            role=PaperFile.Role.APPENDIX,
            order=1,
        )
        paper.superseded_by = replacement
        paper.save()
    # Kept until the next download finds it out of date by its key, then replaced.
    stale = AgendaPack.objects.get(audience="public")
    after = download(anonymous, PUBLIC_PACK)
    assert after != before
    assert AgendaPack.objects.get(audience="public").key != stale.key
    pages = pages_of(after)
    assert "Appendix 1: Spending by ward, corrected 7" in pages[1]
    assert "Corrected ward figures" in pages[6] and len(pages) == 9


def test_an_item_made_confidential_leaves_the_public_pack(
    meeting, anonymous, django_capture_on_commit_callbacks
):
    download(anonymous, PUBLIC_PACK)
    item = meeting.items.get(number="2")
    item.is_confidential = True
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    text = "\n".join(pages_of(download(anonymous, PUBLIC_PACK)))
    assert "hello" not in text and "Ward figures" not in text
    assert text.count("Not for publication") >= 3


def test_the_meeting_page_links_the_packs_with_size_and_pages(meeting, world, anonymous, signed_in):
    page = anonymous.get(MEETING).content.decode()
    assert f'href="{PUBLIC_PACK}"' in page and "Agenda pack (PDF)" in page
    assert MEMBERS_PACK not in page
    download(anonymous, PUBLIC_PACK)
    pack = AgendaPack.objects.get()
    page = anonymous.get(MEETING).content.decode()
    assert f"Agenda pack (PDF, {round(pack.size / 1024)} KB, 10 pages)" in page
    member_page = signed_in(world.member).get(MEETING).content.decode()
    assert f'href="{MEMBERS_PACK}"' in member_page


def test_the_api_gives_the_public_pack_as_the_meetings_auxiliary_file(meeting, anonymous):
    url = f"/api/meetings/{meeting.pk}/"
    assert anonymous.get(url).json()["auxiliaryFile"] == []
    download(anonymous, PUBLIC_PACK)
    pack = AgendaPack.objects.get()
    (aux,) = anonymous.get(url).json()["auxiliaryFile"]
    assert aux["type"] == "File" and aux["mimeType"] == "application/pdf"
    assert aux["name"] == "Agenda pack, 20 June 2023"
    assert (aux["size"], aux["sha1Checksum"]) == (pack.size, pack.sha1)
    assert aux["accessUrl"] == f"http://testserver{PUBLIC_PACK}"


def test_the_pack_build_is_stopped_past_its_time_limit(meeting, anonymous, settings):
    settings.AGENDA_PACK_SECONDS = 0.001
    with pytest.raises(packs.PackTooSlow):
        packs.stored_pack(meeting, AgendaPack.Audience.PUBLIC)
    response = anonymous.get(PUBLIC_PACK)
    assert response.status_code == 503
    assert not AgendaPack.objects.exists()


@needs_libreoffice
def test_a_word_paper_is_converted_by_libreoffice_once(meeting, anonymous, settings):
    item = meeting.items.get(number="1")
    document = word_paper("Chair's welcome", ["Welcome to the meeting of the board."], pages=2)
    paper = attached_file(item, document, name="welcome.docx", title="Chair's welcome")
    started = time.monotonic()
    pdf = conversion.as_pdf(paper)
    assert time.monotonic() - started < settings.PAPER_CONVERSION_SECONDS
    pages = pages_of(pdf)
    assert len(pages) == 2 and "Welcome to the meeting of the board." in pages[1]
    # A Word file's pages are counted once it is laid out, for readers to see beside it.
    paper.refresh_from_db()
    assert paper.page_count == 2
    # Kept by the file's SHA-1: the pack uses the same PDF without LibreOffice.
    settings.LIBREOFFICE = "/nonexistent/soffice"
    assert conversion.as_pdf(paper) == pdf
    text = pages_of(download(anonymous, PUBLIC_PACK))
    assert "Paper: Chair's welcome 4" in text[1]
    assert "Welcome to the meeting of the board." in text[3]


def test_a_missing_libreoffice_is_a_clear_error(settings):
    settings.LIBREOFFICE = "/nonexistent/soffice"
    with pytest.raises(conversion.ConversionFailed, match="LibreOffice is not installed"):
        conversion.word_to_pdf(word_paper("Paper", ["Text."]))


def test_a_slow_conversion_is_stopped_with_everything_it_started(settings, tmp_path):
    """A stand-in for LibreOffice that starts a child and never finishes: both are killed."""
    child_pid = tmp_path / "child.pid"
    slow = tmp_path / "slow-soffice"
    slow.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child_pid}\nwait\n")
    slow.chmod(0o755)
    settings.LIBREOFFICE = str(slow)
    settings.PAPER_CONVERSION_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(conversion.ConversionTimedOut, match="longer than 1 seconds"):
        conversion.word_to_pdf(word_paper("Paper", ["Text."]))
    assert time.monotonic() - started < 10
    assert not running(int(child_pid.read_text()))


def running(pid: int) -> bool:
    """Whether the process is alive: not gone, nor killed and waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def test_a_failed_conversion_says_why(settings, tmp_path):
    broken = tmp_path / "broken-soffice"
    broken.write_text("#!/bin/sh\necho 'source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(0o755)
    settings.LIBREOFFICE = str(broken)
    with pytest.raises(conversion.ConversionFailed, match="could not be loaded"):
        conversion.word_to_pdf(b"not a word file")


def test_the_meeting_page_reads_its_packs_in_two_queries(
    meeting, anonymous, django_assert_num_queries
):
    download(anonymous, PUBLIC_PACK)
    # The meeting; the meetings it links to (previous, next, the one that agreed its notes,
    # those whose notes it agreed: one query); items with their papers, presenters,
    # decisions, actions, activity links and corrections (no notes yet; the page's
    # corrections are taken from the items'), and their files; and for the packs: whether it
    # has papers' files, and its stored packs.
    with django_assert_num_queries(11):
        page = anonymous.get(MEETING)
    assert "Agenda pack (PDF, " in page.content.decode()


@needs_libreoffice
def test_the_demo_boards_next_meeting_ships_with_papers_and_both_packs(anonymous, settings):
    ExampleBoardLoader(datetime.date(2026, 12, 6)).load()
    ahead = Meeting.objects.filter(board__slug=SLUG, date__gt=datetime.date(2026, 12, 6)).get(
        kind=Meeting.Kind.BOARD
    )
    files = PaperFile.objects.filter(agenda_item__meeting=ahead)
    assert sorted(files.values_list("mime_type", flat=True)) == sorted(
        [conversion.WORD] * 2 + [conversion.PDF] * 3
    )
    exempt = files.exempt().get()
    assert exempt.schedule_12a_paragraph == Schedule12A.FINANCIAL
    url = ahead.get_absolute_url()
    public = "\n".join(pages_of(download(anonymous, f"{url}agenda-pack.pdf")))
    assert "Serious violence strategic needs assessment" in public
    assert "paragraph 3 of Part 1 of Schedule 12A" in public
    assert "contract price" not in public
    clerk = User.objects.get(username="ebcsp-clerk")
    client = Client()
    client.force_login(clerk)
    members = "\n".join(pages_of(download(client, f"{url}members-pack.pdf")))
    assert "contract price" in members
    assert AgendaPack.objects.filter(meeting=ahead).count() == 2


@needs_libreoffice
def test_a_word_paper_is_turned_into_pdf_as_the_clerk_attaches_it(
    meeting, world, signed_in, settings
):
    settings.PAPER_CONVERT_ON_ATTACH = True
    item = meeting.items.get(number="1")
    document = word_paper("Chair's welcome", ["Welcome to the meeting of the board."], pages=1)
    client = signed_in(world.clerk)
    upload = io.BytesIO(document)
    upload.name = "welcome.docx"
    response = client.post(
        f"/manage/items/{item.pk}/papers/", {"title": "Welcome", "role": "paper", "file": upload}
    )
    assert response.status_code == 302
    paper = item.files.current().get(title="Welcome")
    assert default_storage.exists(conversion.converted_name(paper.sha1))
    assert paper.page_count == 1
    assert "1 page" in client.get(f"/manage/items/{item.pk}/papers/").content.decode()


def test_a_word_paper_libreoffice_cannot_read_is_attached_with_a_warning(
    meeting, world, signed_in, settings
):
    settings.PAPER_CONVERT_ON_ATTACH = True
    settings.LIBREOFFICE = "/nonexistent/soffice"
    item = meeting.items.get(number="1")
    upload = io.BytesIO(word_paper("Welcome", ["Welcome."], pages=1))
    upload.name = "welcome.docx"
    response = signed_in(world.clerk).post(
        f"/manage/items/{item.pk}/papers/",
        {"title": "Welcome", "role": "paper", "file": upload},
        follow=True,
    )
    assert "could not be turned into PDF for the agenda pack" in response.content.decode()
    assert item.files.current().filter(title="Welcome").exists()


def test_there_is_no_public_pack_before_the_agenda_goes_out(world, anonymous, signed_in):
    meeting = f.MeetingFactory(
        board=world.board, date=datetime.date(2023, 6, 20), notes_status="scheduled"
    )
    item = f.AgendaItemFactory(meeting=meeting, number="1", title="Community budget")
    attached_file(item, pdf_paper("Budget", ["Draft figures."]), name="b.pdf", title="Budget")
    page = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert "agenda-pack.pdf" not in page
    assert anonymous.get(PUBLIC_PACK).status_code == 404
    # Members prepare from their own pack meanwhile.
    member_page = signed_in(world.member).get(meeting.get_absolute_url()).content.decode()
    assert "members-pack.pdf" in member_page and "agenda-pack.pdf" not in member_page
