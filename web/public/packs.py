"""A meeting's agenda packs as PDF downloads: the public pack for everyone, the members' pack
(with the exempt papers) only for those who read the board in full."""

import datetime
import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response

from boards.access import reader_for
from meetings.models import Meeting
from meetings.paper_files import PaperFile
from meetings.querysets import agenda_has_gone_out, sees_restricted
from papers import packs
from papers.conversion import ConversionFailed
from papers.models import AgendaPack
from web import caching

logger = logging.getLogger(__name__)

URL_NAMES = {
    (Meeting.Kind.BOARD, AgendaPack.Audience.PUBLIC): "meetings:public_pack",
    (Meeting.Kind.BOARD, AgendaPack.Audience.MEMBERS): "meetings:members_pack",
    (Meeting.Kind.LEAD_MEMBERS, AgendaPack.Audience.PUBLIC): "meetings:lead_members_public_pack",
    (Meeting.Kind.LEAD_MEMBERS, AgendaPack.Audience.MEMBERS): "meetings:lead_members_members_pack",
}


def pack_url(meeting: Meeting, audience: str) -> str:
    """Where the meeting's pack is downloaded. Needs meeting.board loaded."""
    return reverse(
        URL_NAMES[meeting.kind, audience],
        kwargs={"board_slug": meeting.board.slug, "date": meeting.date},
    )


def pack_links(meeting: Meeting, reader) -> list[dict]:
    """The packs the meeting page offers the reader, once the meeting has papers' files: the
    public pack, and the members' pack for those who may read it, each with its size and
    pages once it is built (building it raises the board's version, so the page follows).
    Two queries."""
    if not PaperFile.objects.filter(agenda_item__meeting=meeting).current().exists():
        return []
    audiences = []
    if agenda_has_gone_out(meeting):
        audiences.append(AgendaPack.Audience.PUBLIC)
    if sees_restricted(reader, meeting.board_id):
        audiences.append(AgendaPack.Audience.MEMBERS)
    stored = {pack.audience: pack for pack in AgendaPack.objects.filter(meeting=meeting)}
    return [
        {
            "audience": audience,
            "label": "Agenda pack" if audience == AgendaPack.Audience.PUBLIC else "Members' pack",
            "url": pack_url(meeting, audience),
            "pack": stored.get(audience),
        }
        for audience in audiences
    ]


def public_pack(
    request: HttpRequest, board_slug: str, date: datetime.date, kind: str = Meeting.Kind.BOARD
) -> HttpResponse:
    return download(request, board_slug, date, kind, AgendaPack.Audience.PUBLIC)


def members_pack(
    request: HttpRequest, board_slug: str, date: datetime.date, kind: str = Meeting.Kind.BOARD
) -> HttpResponse:
    return download(request, board_slug, date, kind, AgendaPack.Audience.MEMBERS)


def download(
    request: HttpRequest, board_slug: str, date: datetime.date, kind: str, audience: str
) -> HttpResponse:
    # Queries: meeting (and, signed in, the reader's roles); when the pack found for the
    # board's content version is not remembered, its items, files and stored pack.
    meeting = get_object_or_404(
        Meeting.objects.select_related("board"), board__slug=board_slug, date=date, kind=kind
    )
    members = audience == AgendaPack.Audience.MEMBERS
    # Anyone else is told there is no such pack, as for every other members' page.
    if members and not sees_restricted(reader_for(request.user), meeting.board_id):
        raise Http404("Not found")
    # Nor is there a public pack before the agenda has gone out.
    if not members and not agenda_has_gone_out(meeting):
        raise Http404("Not found")
    try:
        pack = caching.found_pack(meeting, audience, lambda: packs.stored_pack(meeting, audience))
    except (packs.PackTooSlow, ConversionFailed) as error:
        logger.error("Agenda pack of %s not built: %s", meeting, error)
        return cannot_be_made_now()
    etag = f'"{pack.sha1}"'
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    try:
        stored = pack.file.open("rb")
    except FileNotFoundError:
        logger.error("Agenda pack of %s was missing from storage: built again", meeting)
        try:
            pack = packs.rebuilt_pack(meeting, audience)
        except (packs.PackTooSlow, ConversionFailed) as error:
            logger.error("Agenda pack of %s not built: %s", meeting, error)
            return cannot_be_made_now()
        stored = pack.file.open("rb")
    name = f"{meeting.board.slug}-{meeting.date:%Y-%m-%d}-{audience}-pack.pdf"
    response = FileResponse(stored, content_type="application/pdf", filename=name)
    response["ETag"] = etag
    # The members' pack holds exempt papers: no shared cache may keep it.
    response["Cache-Control"] = "private, no-cache" if members else "public, no-cache"
    return response


def cannot_be_made_now() -> HttpResponse:
    return HttpResponse(
        "The agenda pack cannot be made just now. Please try again later.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
