"""A crawler that follows every same-site link from `/`: pages, feeds, CSV exports, Word and
PDF downloads (read back as text) and every URL in the API's JSON; it finds no trace of a
confidential item or of draft notes: not anonymously, and not as a member of another board.
Every text field of the hidden records holds a unique marker; a superuser's crawl finds them,
which shows they are there to leak."""

import datetime
import json
import re
import subprocess
from collections import deque
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import parse_qs, urljoin, urlsplit

import docx
import pytest

from workplan.models import WorkProgramme

from . import factories as f

pytestmark = pytest.mark.django_db

MARK = "QJXLEAK"
MAX_URLS = 600
SKIP_PREFIXES = ("/admin/", "/static/", "/accounts/", "/manage/", "/api/docs/", "/api/schema/")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mk(name: str) -> str:
    return f"{MARK}{name}Z"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _json_urls(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in _json_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _json_urls(v)]
    if isinstance(value, str) and (value.startswith("http://testserver/") or value[:1] == "/"):
        return [value]
    return []


def _normalise(base: str, link: str) -> str | None:
    url = urljoin(base, link.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if path.startswith(SKIP_PREFIXES):
        return None
    pages = parse_qs(parts.query).get("page", [])
    if any(not p.isdigit() or int(p) > 3 for p in pages):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def readable_text(content_type: str, body: bytes) -> str:
    """What a reader of the download sees: Word and PDF files as their text."""
    if content_type.startswith(DOCX):
        # Every run of text in the body, tables included, whichever paragraph holds it.
        return "".join(docx.Document(BytesIO(body)).element.body.itertext())
    if content_type.startswith("application/pdf"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=body, capture_output=True, check=True
        ).stdout.decode("utf-8", errors="replace")
    return body.decode("utf-8", errors="replace")


def crawl(client, start: tuple[str, ...] = ()) -> dict[str, str]:
    """Every URL reachable from the home page, the API root and `start`, and the text of its
    response."""
    seen: dict[str, str] = {}
    queue = deque(["/", "/api/", *start])
    queued = set(queue)
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = readable_text(response.get("Content-Type", ""), body)
        seen[url] = text
        if response.status_code in (301, 302):
            links = [response["Location"]]
        elif response.status_code != 200:
            continue
        else:
            content_type = response.get("Content-Type", "")
            if "json" in content_type:
                links = _json_urls(json.loads(body))
            elif "html" in content_type:
                parser = _Links()
                parser.feed(text)
                links = parser.links
            else:  # feeds, calendars (lines folded at 75), CSV: any same-site URL in them
                unfolded = re.sub(r"\r?\n[ \t]", "", text)
                links = re.findall(r"http://testserver/[^\s\"'<>,]*", unfolded)
        for link in links:
            target = _normalise(url, link)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return seen


@pytest.fixture
def ctx(world, signed_in):
    board, programme, activity = world.board, world.programme, world.activity
    f.WorkProgrammeFactory(board=world.other_board, year=world.year)
    f.ProgressUpdateFactory(activity=activity, text="Public progress so far")
    presenter = f.OfficerFactory(name="Pat Presenter")
    published = f.MeetingFactory(board=board, date=datetime.date(2022, 11, 8))
    later = f.MeetingFactory(board=board, date=datetime.date(2023, 1, 24))
    draft = f.MeetingFactory(board=board, date=datetime.date(2023, 3, 14), notes_status="draft")
    scheduled = f.MeetingFactory(
        board=board, date=datetime.date(2023, 6, 20), notes_status="scheduled"
    )
    f.AgendaItemFactory(meeting=published, number="1", title="Welcome and apologies")

    def notes(item, prefix: str, paper_confidential: bool = False, with_paper: bool = True):
        item.presenters.add(presenter)
        if with_paper:
            f.PaperFactory(
                agenda_item=item,
                title=mk(f"{prefix}papertitle"),
                summary=mk(f"{prefix}summary"),
                recommendation=mk(f"{prefix}recommendation"),
                body=mk(f"{prefix}body"),
                wales_implications=mk(f"{prefix}wales"),
                financial_implications=mk(f"{prefix}financial"),
                equalities_implications=mk(f"{prefix}equalities"),
                next_steps=mk(f"{prefix}nextsteps"),
                contact_officer=presenter,
                is_confidential=paper_confidential,
            )
        f.DecisionFactory(agenda_item=item, text=mk(f"{prefix}decision"))
        f.ActionFactory(
            agenda_item=item,
            text=mk(f"{prefix}action"),
            owner=presenter,
            owner_team="",
            status="done",
            closed_at_meeting=later,
            closing_note=mk(f"{prefix}closingnote"),
        )
        open_action = f.ActionFactory(
            agenda_item=item,
            text=mk(f"{prefix}openaction"),
            owner_team=mk(f"{prefix}ownerteam"),
            due_date=datetime.date.today() - datetime.timedelta(days=1),
        )
        f.ActionFollowUpFactory(
            action=open_action,
            meeting=later,
            note=mk(f"{prefix}followup"),
            outcome="carried_forward",
        )
        f.ActivityReportFactory(agenda_item=item, activity=activity, note=mk(f"{prefix}report"))

    # a: confidential item whose title is withheld too.
    secret = f.AgendaItemFactory(
        meeting=published,
        number="9",
        title=mk("atitle"),
        is_confidential=True,
        title_is_confidential=True,
        confidential_reason=mk("areason"),
        introduction=mk("aintro"),
        discussion_points=f"First point\n{mk('adiscussion')}",
    )
    notes(secret, "a")
    # b: confidential item with a public title; c: open item whose paper is confidential.
    titled = f.AgendaItemFactory(
        meeting=published,
        number="10",
        title="Police funding",
        is_confidential=True,
        confidential_reason=mk("breason"),
        introduction=mk("bintro"),
        discussion_points=mk("bdiscussion"),
    )
    notes(titled, "b")
    paper_item = f.AgendaItemFactory(
        meeting=published,
        number="11",
        title="Fire reform",
        introduction=mk("cintro"),
        discussion_points=mk("cdiscussion"),
    )
    notes(paper_item, "c", paper_confidential=True)
    # d, s: items of meetings whose notes are a draft, or not yet written.
    for meeting, prefix in ((draft, "d"), (scheduled, "s")):
        item = f.AgendaItemFactory(
            meeting=meeting,
            number="4",
            title=f"Serious violence {prefix}",
            introduction=mk(f"{prefix}intro"),
            discussion_points=mk(f"{prefix}discussion"),
        )
        notes(item, prefix, with_paper=False)
        declarant = f.PersonFactory(name=f"Dee Clarant {prefix}")
        f.AttendanceFactory(meeting=meeting, person=declarant)
        f.DeclarationFactory(meeting=meeting, person=declarant, interest=mk(f"{prefix}declared"))
    publish_report(programme, signed_in(world.officer))
    return world


def publish_report(programme: WorkProgramme, officer) -> None:
    """Version 1 of the programme's end-of-year report, so the crawl meets its Word and PDF."""
    # The report goes to a meeting's item, which the officer chooses before sending it.
    item = f.AgendaItemFactory(meeting__board=programme.board, title="End of year report")
    f.EndOfYearReportFactory(programme=programme, agenda_item=item)
    response = officer.post(f"/manage/programmes/{programme.pk}/report/publish/")
    assert response.status_code == 302


def assert_no_marker(pages: dict[str, str]) -> None:
    leaks = {url: sorted(set(re.findall(f"{MARK}\\w*?Z", text))) for url, text in pages.items()}
    leaks = {url: found for url, found in leaks.items() if found}
    assert not leaks


def assert_a_real_crawl(pages: dict[str, str]) -> None:
    """The crawl reached the pages the markers would be on."""
    for url in [
        "/boards/sscb/meetings/2022-11-08/",
        "/boards/sscb/meetings/2023-03-14/",
        "/boards/sscb/meetings.ics",
        "/boards/sscb/decisions.atom",
        "/actions/",
        "/api/agenda-items/",
        "/api/decisions/",
        "/api/actions/",
        "/boards/sscb/2022-23/report/versions/1/docx/",
        "/boards/sscb/2022-23/report/versions/1/pdf/",
    ]:
        assert url in pages, url
    assert any(url.endswith(".csv") or ".csv?" in url for url in pages)


def test_anonymous_crawl_finds_no_confidential_or_draft_content(anonymous, ctx):
    pages = crawl(anonymous)
    assert_a_real_crawl(pages)
    assert_no_marker(pages)
    assert "9 Confidential item" in pages["/boards/sscb/meetings/2022-11-08/"]


def test_a_member_of_another_board_finds_none_either(signed_in, ctx):
    pages = crawl(signed_in(ctx.outsider))
    assert_a_real_crawl(pages)
    assert_no_marker(pages)


def test_the_markers_are_there_for_a_superuser(signed_in, ctx):
    pages = crawl(signed_in(ctx.administrator))
    found = set(re.findall(f"{MARK}(\\w*?)Z", "".join(pages.values())))
    for name in ["atitle", "areason", "aintro", "adiscussion", "adecision", "asummary"]:
        assert name in found
    for name in ["bintro", "cbody", "ddiscussion", "ddeclared", "sdecision", "areport"]:
        assert name in found
    # The downloads are read as text: the report's confidential item is in both files.
    for kind in ("docx", "pdf"):
        assert mk("atitle") in pages[f"/boards/sscb/2022-23/report/versions/1/{kind}/"]
