"""Agenda packs: one PDF of a meeting's cover, contents, agenda, and every paper and appendix
in agenda order, with a bookmark for each item and, under it, each of its files.

The public pack leaves exempt files out (meetings.querysets decides which are: confidential
alone or with their item) and puts a "Not for publication" page naming the Schedule 12A
paragraph where each would be; the members' pack has them. A pack is built once for each
change of what it shows (its key) and kept through Django's storage; later downloads serve
the stored file. Changing a meeting, an item, a paper or a file drops the meeting's stored
packs, so the sizes the pages and the API give are never those of an out-of-date pack.
"""

import hashlib
import io
import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete
from django.template.loader import render_to_string

from boards.access import PUBLIC, Reader
from meetings.models import AgendaItem, Meeting
from meetings.paper_files import PaperFile, Schedule12A
from meetings.querysets import CONFIDENTIAL

from . import conversion
from .models import AgendaPack

logger = logging.getLogger(__name__)

# Raised when the pack's layout changes, so every stored pack is built again.
LAYOUT = 1
NOT_FOR_PUBLICATION = "Not for publication"
AUDIENCE_NOTICE = {
    AgendaPack.Audience.PUBLIC: "Public pack",
    AgendaPack.Audience.MEMBERS: (
        "Members' pack – contains exempt information, not for publication"
    ),
}


class PackTooSlow(Exception):
    """The pack took longer to build than settings.AGENDA_PACK_SECONDS allows."""


@dataclass
class PackFile:
    """One file of an item as the pack shows it: its own pages, or a "Not for publication"
    page in its place."""

    paper_file: PaperFile
    label: str
    withheld: bool
    exempt: bool
    reason: str = ""
    first_page: int = 0  # in the pack, counted from 1


@dataclass
class PackItem:
    number: str
    title: str
    is_hidden: bool
    is_supplementary: bool
    files: list[PackFile] = field(default_factory=list)


@dataclass
class PackPlan:
    """What one pack shows, read from the records, and the key of it."""

    meeting: Meeting
    audience: str
    items: list[PackItem]
    key: str

    @property
    def is_public(self) -> bool:
        return self.audience == AgendaPack.Audience.PUBLIC


def reader_of(meeting: Meeting, audience: str) -> Reader:
    """Who the pack is for: the public, or someone who reads the meeting's board in full."""
    if audience == AgendaPack.Audience.PUBLIC:
        return PUBLIC
    return Reader(board_ids=frozenset({meeting.board_id}))


def plan(meeting: Meeting, audience: str) -> PackPlan:
    """The items and files the pack shows, in agenda order. Two queries."""
    items = AgendaItem.objects.filter(meeting=meeting)
    if audience == AgendaPack.Audience.PUBLIC:
        # The public pack holds what has gone out: not items still waiting for an agenda.
        items = items.gone_out()
    items = list(items.shaped_for(reader_of(meeting, audience)).order_by("order", "pk"))
    files = (
        PaperFile.objects.filter(agenda_item__meeting=meeting)
        .current()
        .annotate(is_exempt=Exists(PaperFile.objects.exempt().filter(pk=OuterRef("pk"))))
    )
    by_item: dict[int, list[PaperFile]] = {}
    for paper_file in files:
        by_item.setdefault(paper_file.agenda_item_id, []).append(paper_file)
    public = audience == AgendaPack.Audience.PUBLIC
    shown = []
    for item in items:
        entry = PackItem(
            number=item.number,
            title=item.shown_title if item.is_hidden else item.title,
            is_hidden=item.is_hidden,
            is_supplementary=bool(getattr(item, "is_supplementary", False)),
        )
        # The paper first, then its appendices, each in the clerk's order.
        ordered = sorted(
            by_item.get(item.pk, []),
            key=lambda f: (f.role != PaperFile.Role.PAPER, f.order, f.pk),
        )
        appendix = 0
        for paper_file in ordered:
            if paper_file.role == PaperFile.Role.APPENDIX:
                appendix += 1
                place = f"Appendix {appendix}"
            else:
                place = "Paper"
            withheld = public and paper_file.is_exempt
            entry.files.append(
                PackFile(
                    paper_file=paper_file,
                    # A withheld file is named only by its place: its title may itself say
                    # what is exempt.
                    label=f"{place} – {NOT_FOR_PUBLICATION}"
                    if withheld
                    else f"{place}: {paper_file.title}",
                    withheld=withheld,
                    exempt=paper_file.is_exempt,
                    reason=exemption(paper_file) if paper_file.is_exempt else "",
                )
            )
        shown.append(entry)
    return PackPlan(meeting, audience, shown, key=_key(meeting, audience, shown))


def exemption(paper_file: PaperFile) -> str:
    """Why a file is not for publication, in the words of the Act."""
    paragraph = paper_file.schedule_12a_paragraph
    if paragraph:
        label = Schedule12A(paragraph).label.split(" – ", 1)[-1]
        return (
            f"It contains exempt information under paragraph {paragraph} of Part 1 of "
            f"Schedule 12A to the Local Government Act 1972: {label.lower()}."
        )
    return (
        "It belongs to an item taken in private: it contains exempt information under "
        "Part 1 of Schedule 12A to the Local Government Act 1972."
    )


def _key(meeting: Meeting, audience: str, items: list[PackItem]) -> str:
    """A digest of everything the pack shows: a change to any of it builds a new pack."""
    published = getattr(meeting, "agenda_published_on", None)
    shown = {
        "layout": LAYOUT,
        "audience": audience,
        "board": meeting.board.name,
        "meeting": [meeting.kind, str(meeting.date), str(meeting.start_time), meeting.venue],
        "published": str(published) if published else None,
        "items": [
            [
                item.number,
                item.title,
                item.is_hidden,
                item.is_supplementary,
                [
                    [
                        f.label,
                        f.withheld,
                        f.exempt,
                        f.reason,
                        # A withheld file's content is not in the pack: replacing it changes
                        # nothing the public pack shows.
                        "" if f.withheld else f.paper_file.sha1,
                    ]
                    for f in item.files
                ],
            ]
            for item in items
        ],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def stored_pack(meeting: Meeting, audience: str) -> AgendaPack:
    """The meeting's pack for the audience: the stored one while what it shows is unchanged,
    else built now and stored. Three queries when stored (needs meeting.board loaded)."""
    wanted = plan(meeting, audience)
    found = AgendaPack.objects.filter(meeting=meeting, audience=audience).first()
    if found is not None and found.key == wanted.key:
        return found
    return build(wanted)


def rebuilt_pack(meeting: Meeting, audience: str) -> AgendaPack:
    """The pack built again, for when its stored PDF has gone from storage: the row that
    names the lost file goes, and its deletion raises the board's version, so nobody is
    sent to the lost file again."""
    AgendaPack.objects.filter(meeting=meeting, audience=audience).delete()
    return build(plan(meeting, audience))


def build_packs(meeting: Meeting) -> None:
    """Build the meeting's public and members' packs now, as its agenda goes out, so that
    pages give their sizes and no reader waits for the first build. A pack that cannot be
    built now is built on its first download."""
    if not PaperFile.objects.filter(agenda_item__meeting=meeting).current().exists():
        return
    # As published: the pack's key includes the day it went out.
    meeting = Meeting.objects.select_related("board").get(pk=meeting.pk)
    for audience in AgendaPack.Audience.values:
        try:
            stored_pack(meeting, audience)
        except (PackTooSlow, conversion.ConversionFailed) as error:
            logger.warning("Agenda pack of %s not built on publishing: %s", meeting, error)


def build(wanted: PackPlan) -> AgendaPack:
    """Build the pack and keep it, in place of any earlier one. Raises PackTooSlow past
    settings.AGENDA_PACK_SECONDS (checked between steps, and given to each conversion)."""
    deadline = time.monotonic() + settings.AGENDA_PACK_SECONDS
    pdf, page_count = _pack_pdf(wanted, deadline)
    with transaction.atomic():
        # Two builds of one meeting's pack at once keep one: the second waits here for the
        # first to commit, then keeps the first's pack.
        Meeting.objects.select_for_update().filter(pk=wanted.meeting.pk).first()
        pack = AgendaPack.objects.filter(meeting=wanted.meeting, audience=wanted.audience).first()
        if pack is not None and pack.key == wanted.key:
            return pack
        if pack is not None:
            pack.delete()
        pack = AgendaPack(
            meeting=wanted.meeting,
            audience=wanted.audience,
            key=wanted.key,
            size=len(pdf),
            sha1=hashlib.sha1(pdf).hexdigest(),
            page_count=page_count,
        )
        pack.file.save(f"{wanted.audience}-pack.pdf", ContentFile(pdf), save=False)
        pack.save()
    return pack


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise PackTooSlow(
            f"The agenda pack took longer than {settings.AGENDA_PACK_SECONDS:g} seconds to "
            "build, and was stopped."
        )
    return left


def _pack_pdf(wanted: PackPlan, deadline: float) -> tuple[bytes, int]:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    # Each file's pages, in order; withheld files get a page each from one document.
    documents: list[PdfReader | None] = []
    for item in wanted.items:
        for pack_file in item.files:
            if pack_file.withheld:
                documents.append(None)
                continue
            seconds = min(settings.PAPER_CONVERSION_SECONDS, _left(deadline))
            pdf = conversion.as_pdf(pack_file.paper_file, seconds=seconds)
            documents.append(PdfReader(io.BytesIO(pdf)))
    withheld = [f for item in wanted.items for f in item.files if f.withheld]
    notices = PdfReader(io.BytesIO(_notices_pdf(wanted, withheld))) if withheld else None
    _left(deadline)

    front = _front_pdf(wanted, documents, deadline)
    writer = PdfWriter()
    writer.append(front.reader, import_outline=False)
    notice_pages = iter(notices.pages if notices else [])
    for document in documents:
        if document is None:
            writer.add_page(next(notice_pages))
        else:
            for page in document.pages:
                writer.add_page(page)
    _left(deadline)

    # Bookmarks once every page is in: each points to a page of the pack itself.
    def outline(title: str, page: int, parent=None):
        return writer.add_outline_item(title=title, page_number=page - 1, parent=parent)

    outline("Cover", 1)
    outline("Contents", front.contents_page)
    outline("Agenda", front.agenda_page)
    for item in wanted.items:
        first = item.files[0].first_page if item.files else front.agenda_page
        parent = outline(f"{item.number} {item.title or NOT_FOR_PUBLICATION}", first)
        for pack_file in item.files:
            outline(pack_file.label, pack_file.first_page, parent=parent)
    writer.add_metadata({"/Title": _title(wanted), "/Author": settings.ORGANISATION_NAME})
    # Screen readers read it in English, and viewers show its title rather than a file name.
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer.create_viewer_preferences().display_doctitle = True
    writer.page_mode = "/UseOutlines"
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)


@dataclass
class Front:
    reader: object
    contents_page: int
    agenda_page: int


def _front_pdf(wanted: PackPlan, documents: list, deadline: float) -> Front:
    """The cover, contents and agenda. Laid out until the page numbers settle: the contents
    give the page each file starts on, which depends on how many pages the front takes."""
    from pypdf import PdfReader

    front_pages, agenda_page = 3, 3
    for _ in range(4):
        page = front_pages + 1
        files = iter(documents)
        for item in wanted.items:
            for pack_file in item.files:
                pack_file.first_page = page
                document = next(files)
                page += 1 if document is None else len(document.pages)
        context = {**_context(wanted), "agenda_page": agenda_page}
        laid_out = _layout(render_to_string("papers/pack_front.html", context))
        _left(deadline)
        found = _page_of(laid_out, "agenda")
        if (len(laid_out.pages), found) == (front_pages, agenda_page):
            break
        front_pages, agenda_page = len(laid_out.pages), found
    return Front(
        PdfReader(io.BytesIO(laid_out.write_pdf())),
        contents_page=_page_of(laid_out, "contents"),
        agenda_page=agenda_page,
    )


def _page_of(laid_out, anchor: str) -> int:
    """The page (from 1) an element with the given id is on."""
    return next(n for n, page in enumerate(laid_out.pages, start=1) if anchor in page.anchors)


def _notices_pdf(wanted: PackPlan, withheld: list[PackFile]) -> bytes:
    items = {id(f): item for item in wanted.items for f in item.files}
    notices = [{"file": f, "item": items[id(f)]} for f in withheld]
    html = render_to_string("papers/pack_withheld.html", {**_context(wanted), "notices": notices})
    return _layout(html).write_pdf()


def _context(wanted: PackPlan) -> dict:
    meeting = wanted.meeting
    return {
        "title": _title(wanted),
        "organisation": settings.ORGANISATION_NAME,
        "meeting": meeting,
        "board": meeting.board,
        "agenda_published_on": getattr(meeting, "agenda_published_on", None),
        "audience_notice": AUDIENCE_NOTICE[wanted.audience],
        "is_members": not wanted.is_public,
        "confidential": CONFIDENTIAL,
        "not_for_publication": NOT_FOR_PUBLICATION,
        "items": wanted.items,
    }


def _title(wanted: PackPlan) -> str:
    meeting = wanted.meeting
    return (
        f"{meeting.board.name}, {meeting.get_kind_display().lower()} "
        f"{meeting.date:%-d %B %Y}: {AUDIENCE_NOTICE[wanted.audience]}"
    )


def _layout(html: str):
    """The page laid out by WeasyPrint, in the end-of-year report's print look with the
    pack's own pages on top of it."""
    # Imported here: WeasyPrint loads Pango when imported, which only building a pack needs.
    from weasyprint import CSS, HTML

    sheets = [finders.find("reports/print.css"), finders.find("papers/pack.css")]
    return HTML(string=html).render(stylesheets=[CSS(filename=sheet) for sheet in sheets])


def _pack_deleted(sender, instance, **kwargs) -> None:
    """A pack's file goes with it, once the deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def connect() -> None:
    # A pack out of date is found by its key when next downloaded (stored_pack) and replaced
    # there, so saving a meeting, an item or a file costs no query for the packs.
    post_delete.connect(_pack_deleted, sender=AgendaPack, dispatch_uid="agenda-pack-file")
