"""Papers' files: a clerk attaches, replaces and removes them on the item's page; each is
checked by its content; readers download only what they may, through the app, from disk or
from S3-compatible storage; the meeting page, the API and search show them."""

import datetime
import io
import re
import socket
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.test.utils import CaptureQueriesContext

from boards.models import Board
from meetings import services
from meetings.models import PaperFile
from meetings.paper_checks import check_file

from . import factories as f
from .hostile_files import (
    docx_billion_laughs,
    docx_lying_about_size,
    docx_zip_bomb,
    pdf_huge_stream,
    pdf_nested_arrays,
    zip_bytes,
)
from .paper_documents import PDF, WORD, docx_of, encrypted_pdf, pdf_of
from .reading import plain

pytestmark = pytest.mark.django_db

MEETING = "/boards/sscb/meetings/2022-11-08/"


@pytest.fixture
def item(world):
    meeting = f.MeetingFactory(board=world.board, date=datetime.date(2022, 11, 8))
    return f.AgendaItemFactory(meeting=meeting, number="5", title="Serious violence duty")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def attach(client, item, name, content, **fields):
    data = {"title": "Report", "role": "paper", "file": upload(name, content), **fields}
    return client.post(f"/manage/items/{item.pk}/papers/", data)


def error_on_page(response) -> str:
    """The error summary's and the fields' messages, as read."""
    return plain(response.content.decode())


# --- Attaching ------------------------------------------------------------------------


def test_a_clerk_attaches_a_word_paper_a_pdf_appendix_and_a_confidential_one(
    world, signed_in, item
):
    clerk = signed_in(world.clerk)
    page = clerk.get(f"/manage/meetings/{item.meeting.pk}/")
    assert f'href="/manage/items/{item.pk}/papers/"' in page.content.decode()
    response = attach(
        clerk, item, "violence-duty.docx", docx_of("Purpose: decision", "Knife crime fell")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/manage/items/{item.pk}/papers/"
    # The next file is an appendix unless the clerk says otherwise.
    page = clerk.get(response["Location"]).content.decode()
    assert re.search(r'value="appendix"[^>]*checked', page)
    attach(
        clerk,
        item,
        "funding.pdf",
        pdf_of("Funding by council"),
        title="Appendix A",
        role="appendix",
    )
    attach(
        clerk,
        item,
        "names.pdf",
        pdf_of("Named offenders"),
        title="Appendix B",
        role="appendix",
        is_confidential="on",
        schedule_12a_paragraph="1",
    )
    paper, appendix, exempt = item.files.current().order_by("order")
    assert (paper.mime_type, paper.role, paper.original_name) == (
        WORD,
        "paper",
        "violence-duty.docx",
    )
    assert "Knife crime fell" in paper.text
    assert paper.page_count is None and paper.uploaded_by == world.clerk
    assert (appendix.mime_type, appendix.page_count, appendix.text.strip()) == (
        PDF,
        1,
        "Funding by council",
    )
    assert appendix.size == len(pdf_of("Funding by council"))
    assert (exempt.is_confidential, exempt.schedule_12a_paragraph) == (True, 1)
    listed = plain(clerk.get(f"/manage/items/{item.pk}/papers/").content.decode())
    assert re.search(r"Report Paper Word, \d+ KB violence-duty\.docx Replace Report Remove", listed)
    assert "Appendix B Appendix PDF, 1 KB, 1 page names.pdf Confidential Schedule 12A" in listed
    # The stored name says nothing of the item or the title.
    assert re.fullmatch(r"papers/[0-9a-f]{32}/names\.pdf", exempt.file.name)


def test_a_confidential_file_needs_its_schedule_12a_paragraph(world, signed_in, item):
    response = attach(signed_in(world.clerk), item, "a.pdf", pdf_of("x"), is_confidential="on")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_schedule_12a_paragraph_0"' in html
    assert "Choose the paragraph of Schedule 12A the file falls under" in plain(html)
    assert html.startswith("<!DOCTYPE") and "<title>Error:" in html
    assert not PaperFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "The selected file is empty"),
        ("notes.pdf", b"Hello, this is text", "The selected file must be a PDF or Word"),
        ("page.docx", b"<html><body>Hi</body></html>", "must be a PDF or Word"),
        ("tool.pdf", b"MZ\x90\x00" + b"\0" * 100, "must be a PDF or Word"),
        ("fake.docx", zip_bytes([]), "must be a PDF or Word"),
        ("truncated.pdf", pdf_of("Cut short")[:40], "The selected PDF is damaged"),
        ("locked.pdf", encrypted_pdf(), "The selected PDF is password-protected"),
        ("bomb.docx", docx_zip_bomb(), "unpacks to more than"),
        ("liar.docx", docx_lying_about_size(), "must be a PDF or Word"),
        ("nested.pdf", pdf_nested_arrays(), "The selected PDF is damaged"),
    ],
    ids=[
        "empty",
        "text",
        "html",
        "program",
        "fake-docx",
        "truncated",
        "encrypted",
        "bomb",
        "liar",
        "nested",
    ],
)
def test_a_file_is_judged_by_its_content_and_refused_beside_the_field(
    world, signed_in, item, name, content, message
):
    if name == "fake.docx":  # a zip that is no Word document
        content = zip_bytes([("word/other.xml", b"<x/>", 0, 0x0, 4)])
    response = attach(signed_in(world.clerk), item, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in plain(html)
    # In the summary, linked to the field, and beside the field itself.
    assert re.search(r'<a href="#id_file">[^<]*' + re.escape(message), html)
    assert re.search(
        r'<p id="id_file_error" class="govuk-error-message">.*' + re.escape(message), html
    )
    assert not PaperFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("inflating.pdf", pdf_huge_stream()), ("laughs.docx", docx_billion_laughs())],
)
def test_a_file_whose_words_cannot_be_read_is_attached_without_them(
    world, signed_in, item, name, content
):
    """A PDF whose page inflates to 200 MB, a Word file declaring billion laughs: of the
    right type, so attached, but read within the importer's limits, which refuse them."""
    assert attach(signed_in(world.clerk), item, name, content).status_code == 302
    assert PaperFile.objects.get().text == ""


def test_a_word_file_named_pdf_is_taken_as_word(world, signed_in, item):
    attach(signed_in(world.clerk), item, "paper.pdf", docx_of("Really Word"))
    assert PaperFile.objects.get().mime_type == WORD


def test_a_file_over_the_limit_is_refused_unread(world, signed_in, item, settings):
    settings.PAPER_FILE_MAX_BYTES = 1024
    response = attach(signed_in(world.clerk), item, "big.pdf", pdf_of("x" * 2000) + b" " * 2000)
    assert "The selected file must be smaller than 1 KB" in plain(response.content.decode())

    class Unreadable:
        size = 10 * 1024

        def read(self, *args):
            raise AssertionError("an oversized file is never read")

        seek = read

    with pytest.raises(Exception, match="smaller than"):
        check_file(Unreadable())


def test_only_the_boards_clerks_reach_the_page(world, signed_in, anonymous, item):
    url = f"/manage/items/{item.pk}/papers/"
    assert anonymous.get(url).status_code == 302
    for user in (world.member, world.officer):
        assert signed_in(user).get(url).status_code == 403
    assert signed_in(world.outsider).get(url).status_code == 404
    assert signed_in(world.clerk).get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 6])
def test_the_clerks_page_costs_the_same_however_many_files(
    world, signed_in, item, django_assert_num_queries, n
):
    for i in range(n):
        earlier = f.PaperFileFactory(agenda_item=item, title=f"Draft {i}")
        later = f.PaperFileFactory(agenda_item=item, title=f"Appendix {i}", role="appendix")
        earlier.superseded_by = later
        earlier.superseded_at = earlier.created
        earlier.save()
    clerk = signed_in(world.clerk)
    # Session, user with their roles, item, its files, its earlier files, the next item,
    # whether it has a paper yet.
    with django_assert_num_queries(7):
        page = clerk.get(f"/manage/items/{item.pk}/papers/")
    assert plain(page.content.decode()).count("replaced by") == n


# --- Replacing and removing -------------------------------------------------------------


def test_replacing_keeps_the_earlier_version_for_staff(world, signed_in, anonymous, item):
    clerk = signed_in(world.clerk)
    attach(clerk, item, "draft.pdf", pdf_of("First draft"), title="Report")
    first = PaperFile.objects.get()
    form = clerk.get(f"/manage/papers/files/{first.pk}/replace/").content.decode()
    assert 'value="Report"' in form
    response = clerk.post(
        f"/manage/papers/files/{first.pk}/replace/",
        {
            "title": "Report (revised)",
            "role": "paper",
            "file": upload("final.pdf", pdf_of("Final")),
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second = item.files.current().get()
    assert first.superseded_by == second and first.superseded_at is not None
    assert second.order == first.order and second.text.strip() == "Final"
    page = plain(clerk.get(f"/manage/items/{item.pk}/papers/").content.decode())
    assert "Earlier versions" in page
    assert (
        f"Report (PDF, 1 KB) – replaced by “Report (revised)” on {first.superseded_at:%-d %B %Y}"
        in page
    )
    assert clerk.get(first.get_absolute_url()).status_code == 200
    assert anonymous.get(first.get_absolute_url()).status_code == 404
    assert anonymous.get(second.get_absolute_url()).status_code == 200
    # The same form sent again: the file it replaces is no longer in use.
    again = clerk.post(
        f"/manage/papers/files/{first.pk}/replace/",
        {"title": "Report", "role": "paper", "file": upload("again.pdf", pdf_of("Again"))},
    )
    assert again.status_code == 409
    assert "Someone else replaced or removed that file" in plain(again.content.decode())
    assert item.files.count() == 2


def stored_files() -> set[Path]:
    return {path for path in Path(default_storage.location).rglob("*") if path.is_file()}


def test_a_file_whose_row_is_not_saved_is_not_kept_in_storage(item, monkeypatch):
    upload = SimpleUploadedFile("budget.pdf", pdf_of("Budget"))
    checked = check_file(upload)
    before = stored_files()

    def fails(self, *args, **kwargs):
        raise DatabaseError("the connection was lost")

    monkeypatch.setattr(PaperFile, "save", fails)
    with pytest.raises(DatabaseError):
        services.attach_file(
            item=item, upload=upload, checked=checked, text="", title="Budget", role="paper",
            is_confidential=False, schedule_12a_paragraph=None,
        )  # fmt: skip
    assert stored_files() == before


def test_removing_keeps_the_file_in_the_history(world, signed_in, anonymous, item):
    clerk = signed_in(world.clerk)
    attach(clerk, item, "a.pdf", pdf_of("Gone"), title="Withdrawn appendix")
    paper_file = PaperFile.objects.get()
    assert clerk.post(f"/manage/papers/files/{paper_file.pk}/remove/").status_code == 302
    paper_file.refresh_from_db()
    assert paper_file.was_removed and not item.files.current().exists()
    page = plain(clerk.get(f"/manage/items/{item.pk}/papers/").content.decode())
    assert "Withdrawn appendix (PDF, 1 KB) – removed on" in page
    assert anonymous.get(paper_file.get_absolute_url()).status_code == 404
    assert signed_in(world.member).get(paper_file.get_absolute_url()).status_code == 200
    assert clerk.post(f"/manage/papers/files/{paper_file.pk}/remove/").status_code == 409
    assert clerk.get(f"/manage/papers/files/{paper_file.pk}/replace/").status_code == 409
    assert (
        signed_in(world.member).post(f"/manage/papers/files/{paper_file.pk}/remove/").status_code
        == 403
    )


def test_attaching_raises_the_boards_version(
    world, signed_in, item, django_capture_on_commit_callbacks
):
    before = Board.objects.get(pk=world.board.pk).content_version
    with django_capture_on_commit_callbacks(execute=True):
        attach(signed_in(world.clerk), item, "a.pdf", pdf_of("x"))
    assert Board.objects.get(pk=world.board.pk).content_version > before


# --- Downloads --------------------------------------------------------------------------


@pytest.fixture
def files(world, item):
    """A public paper, a confidential appendix, a public file of a confidential item, and
    a confidential file of another board."""
    secret_item = f.AgendaItemFactory(meeting=item.meeting, number="6", is_confidential=True)
    return {
        "public": f.PaperFileFactory(agenda_item=item, title="Paper", original_name="paper 1.pdf"),
        "exempt": f.PaperFileFactory(
            agenda_item=item,
            title="Appendix",
            role="appendix",
            is_confidential=True,
            schedule_12a_paragraph=3,
        ),
        "of a confidential item": f.PaperFileFactory(agenda_item=secret_item, title="Secret"),
        "exempt, of another board": f.PaperFileFactory(
            agenda_item__meeting__board=world.other_board,
            title="Elsewhere",
            is_confidential=True,
            schedule_12a_paragraph=7,
        ),
    }


READERS = ["anonymous", "member of another board", "member", "clerk", "admin"]
MAY_DOWNLOAD = {
    "public": set(READERS),
    "exempt": {"member", "clerk", "admin"},
    "of a confidential item": {"member", "clerk", "admin"},
    "exempt, of another board": {"member of another board", "admin"},
}


@pytest.mark.parametrize("which", list(MAY_DOWNLOAD))
def test_every_download_is_checked(world, signed_in, files, which):
    users = {
        "anonymous": None,
        "member of another board": world.outsider,
        "member": world.member,
        "clerk": world.clerk,
        "admin": world.administrator,
    }
    for reader, user in users.items():
        response = signed_in(user).get(files[which].get_absolute_url())
        expected = 200 if reader in MAY_DOWNLOAD[which] else 404
        assert response.status_code == expected, (which, reader)


def test_a_download_says_what_it_is_and_is_checked_again_by_etag(
    anonymous, signed_in, world, files
):
    public = files["public"]
    response = anonymous.get(public.get_absolute_url())
    body = b"".join(response.streaming_content)
    assert body == files["public"].file.open("rb").read()
    assert response["Content-Type"] == PDF
    assert response["Content-Disposition"] == 'inline; filename="paper 1.pdf"'
    assert response["Content-Length"] == str(len(body))
    assert response["ETag"] == f'"{public.sha1}"'
    assert response["Cache-Control"] == "public, no-cache"
    again = anonymous.get(public.get_absolute_url(), headers={"If-None-Match": f'"{public.sha1}"'})
    assert again.status_code == 304 and again["ETag"] == f'"{public.sha1}"'
    saved = anonymous.get(f"{public.get_absolute_url()}?download")
    assert saved["Content-Disposition"].startswith("attachment;")
    exempt = signed_in(world.member).get(files["exempt"].get_absolute_url())
    assert exempt["Cache-Control"] == "private, no-cache"


def test_a_word_file_is_saved_with_its_name(anonymous, item):
    content = docx_of("Words")
    paper_file = f.PaperFileFactory(
        agenda_item=item, mime_type=WORD, original_name="Report.docx", content=content
    )
    response = anonymous.get(paper_file.get_absolute_url())
    assert response["Content-Type"] == WORD
    assert response["Content-Disposition"] == 'attachment; filename="Report.docx"'


def test_a_file_gone_from_storage_is_not_found_and_logged(anonymous, item, caplog):
    paper_file = f.PaperFileFactory(agenda_item=item, content=b"%PDF-1.4 lost")
    paper_file.file.storage.delete(paper_file.file.name)
    response = anonymous.get(paper_file.get_absolute_url())
    assert response.status_code == 404
    assert "missing from storage" in caplog.text


def test_a_download_costs_one_query(anonymous, signed_in, world, files, django_assert_num_queries):
    with django_assert_num_queries(1):  # the file, with the check
        anonymous.get(files["public"].get_absolute_url())
    member = signed_in(world.member)
    with django_assert_num_queries(3):  # session, user with roles, the file
        member.get(files["exempt"].get_absolute_url())


# --- The meeting page, the API and search ------------------------------------------------


def test_the_meeting_page_lists_each_items_files(anonymous, signed_in, world, files):
    public = plain(anonymous.get(MEETING).content.decode())
    assert "Papers and appendices Paper (PDF, 1 KB, 1 page)" in public
    assert (
        "Not for publication – appendix, exempt under Schedule 12A to the Local Government Act "
        "1972, paragraph 3 – Information relating to anyone’s financial or business affairs"
    ) in public.replace("'", "’")
    assert "Appendix (PDF" not in public and "Secret" not in public
    html = anonymous.get(MEETING).content.decode()
    assert f'href="{files["public"].get_absolute_url()}"' in html
    assert files["exempt"].get_absolute_url() not in html
    member = plain(signed_in(world.member).get(MEETING).content.decode())
    assert "Appendix (PDF, 1 KB, 1 page) Confidential" in member
    assert "Secret (PDF, 1 KB, 1 page) Confidential" in member


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_the_meeting_pages_queries_do_not_grow_with_files(world, signed_in, item, reader):
    user = world.member if reader == "member" else None
    client = signed_in(user)

    def count() -> int:
        with CaptureQueriesContext(__import__("django").db.connection) as queries:
            assert client.get(MEETING).status_code == 200
        return len(queries)

    f.PaperFileFactory(agenda_item=item)
    one = count()
    for n in range(4):
        more = f.AgendaItemFactory(meeting=item.meeting, number=str(10 + n))
        f.PaperFileFactory(agenda_item=more)
        f.PaperFileFactory(agenda_item=more, role="appendix", is_confidential=True)
    assert count() == one


def test_the_api_gives_each_papers_files_as_oparl_files(anonymous, signed_in, world, files, item):
    f.PaperFactory(agenda_item=item, title="Serious violence")
    url = f"/api/agenda-items/{item.pk}/"
    paper = anonymous.get(url).json()["paper"]
    public = files["public"]
    assert paper["mainFile"] == {
        "type": "File",
        "name": "Paper",
        "fileName": "paper 1.pdf",
        "mimeType": PDF,
        "size": public.size,
        "sha1Checksum": public.sha1,
        "accessUrl": f"http://testserver{public.get_absolute_url()}",
        "downloadUrl": f"http://testserver{public.get_absolute_url()}?download",
        "date": public.created.date().isoformat(),
    }
    assert paper["auxiliaryFile"] == []
    member = signed_in(world.member).get(url).json()["paper"]
    assert [f["name"] for f in member["auxiliaryFile"]] == ["Appendix"]
    # Files attached with no paper fields filled in still make a paper.
    secret = files["of a confidential item"].agenda_item
    as_member = signed_in(world.member).get(f"/api/agenda-items/{secret.pk}/").json()
    assert as_member["paper"]["mainFile"]["name"] == "Secret"
    assert "paper" not in anonymous.get(f"/api/agenda-items/{secret.pk}/").json()


def test_search_finds_words_inside_files_the_reader_may_read(anonymous, signed_in, world, item):
    f.PaperFileFactory(agenda_item=item, title="Knife crime", text="Knife arches in schools")
    f.PaperFileFactory(
        agenda_item=item,
        title="Names",
        text="Arches bought from a named supplier",
        is_confidential=True,
        schedule_12a_paragraph=3,
    )
    public = anonymous.get("/search/", {"q": "arches", "kind": "files"}).content.decode()
    assert "1 result." in public and "Knife crime" in public and "named supplier" not in public
    assert f'href="{MEETING}#item-5"' in public
    member = signed_in(world.member).get("/search/", {"q": "arches", "kind": "files"})
    assert "2 results." in member.content.decode()


# --- S3-compatible storage -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3_storage(settings, monkeypatch):
    """A local S3-compatible server (moto's), with a bucket, as the files' storage."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2")
    client.create_bucket(
        Bucket="papers", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "papers",
                "endpoint_url": endpoint,
                "region_name": "eu-west-2",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    try:
        yield client
    finally:
        server.stop()


def test_files_are_kept_private_in_s3_compatible_storage(
    s3_storage, world, signed_in, anonymous, item, settings
):
    content = pdf_of("Kept in the bucket")
    clerk = signed_in(world.clerk)
    assert attach(clerk, item, "bucket.pdf", content, title="In S3").status_code == 302
    paper_file = PaperFile.objects.get()
    [stored] = s3_storage.list_objects_v2(Bucket="papers")["Contents"]
    assert stored["Key"] == paper_file.file.name
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    # Private: its owner alone is granted anything; no grant to all users.
    grants = s3_storage.get_object_acl(Bucket="papers", Key=stored["Key"])["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all("URI" not in g["Grantee"] for g in grants)
    # Any address the storage itself would make is signed and short-lived; pages link only
    # to the app's download.
    assert "Signature=" in paper_file.file.url
    page = clerk.get(f"/manage/items/{item.pk}/papers/").content.decode()
    assert s3_storage.meta.endpoint_url not in page
    response = anonymous.get(paper_file.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    paper_file.is_confidential, paper_file.schedule_12a_paragraph = True, 5
    paper_file.save()
    assert anonymous.get(paper_file.get_absolute_url()).status_code == 404
    body = io.BytesIO(b"".join(clerk.get(paper_file.get_absolute_url()).streaming_content))
    assert body.getvalue() == content
