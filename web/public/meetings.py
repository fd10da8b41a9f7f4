"""A board's meetings and their notes, and the action log across every board."""

import datetime
import functools

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from boards.access import can_record_meetings, reader_for
from boards.models import Board, Membership
from boards.ordering import minutes_order
from meetings.filters import ActionFilter, read_board_options
from meetings.models import (
    Action,
    ActionFollowUp,
    AgendaItem,
    Attendance,
    DeclarationOfInterest,
    Meeting,
    NotesCorrection,
)
from web import caching
from web.caching import cached_for_public
from web.csv_export import csv_response
from web.pagination import paginate
from web.public.packs import pack_links


@cached_for_public(shows_progress=False)
def meeting_list(request: HttpRequest, board_slug: str) -> HttpResponse:
    # Queries: board; count; page of meetings.
    board = get_object_or_404(Board, slug=board_slug)
    meetings = Meeting.objects.filter(board=board).select_related("board")
    page, page_range = paginate(request, meetings, per_page=30)
    context = {"board": board, "page_obj": page, "page_range": page_range}
    return render(request, "meetings/meeting_list.html", context)


@cached_for_public(shows_progress=False)
def meeting_detail(
    request: HttpRequest, board_slug: str, date: datetime.date, kind: str = Meeting.Kind.BOARD
) -> HttpResponse:
    # Queries: meeting; the meetings it links to (before, after, whose notes it agreed, that
    # agreed its notes); corrections; attendance; members absent; declarations; matters
    # arising; items; presenters; files; decisions; actions; activity links; packs.
    reader = reader_for(request.user)
    meeting = get_object_or_404(
        Meeting.objects.shaped_for(reader).select_related("board"),
        board__slug=board_slug,
        date=date,
        kind=kind,
    )
    notes_visible = meeting.notes_visible
    # The meetings the summary links to, read once (and only when its stored copy is missing
    # or out of date): not joined to the page's query, since two more tables cost PostgreSQL
    # more to plan than this costs when the summary is made again.
    linked = functools.cache(lambda: Meeting.objects.linked_from(meeting))

    def notes() -> dict:
        """Attendance, declarations and matters arising, for readers who may see the notes."""
        if not notes_visible:
            return {}
        return {
            "attendance": grouped_attendance(meeting, reader),
            # In the order they were recorded: the models' own orderings start with the
            # meeting, a join for nothing on one meeting's page.
            "declarations": list(
                DeclarationOfInterest.objects.filter(meeting=meeting)
                .shaped_for(reader)
                .select_related("person")
                .order_by("pk")
            ),
            "follow_ups": list(
                ActionFollowUp.objects.filter(meeting=meeting)
                .visible_to(reader)
                .select_related("action__agenda_item__meeting__board")
                .order_by("pk")
            ),
        }

    # Corrections of this meeting's notes, and those of earlier notes this meeting agreed:
    # the record's changes, linked both ways. Read once, whichever parts of the page use them.
    @functools.cache
    def corrections() -> list[NotesCorrection]:
        return list(
            NotesCorrection.objects.visible_to(reader)
            .filter(Q(meeting=meeting) | Q(agreed_at=meeting))
            .select_related("meeting__board", "agenda_item", "agreed_at__board")
            .order_by("corrected_on", "pk")
        )

    def of_part(part: str) -> list[NotesCorrection]:
        return [c for c in corrections() if c.meeting_id == meeting.pk and c.part == part]

    def items() -> list[AgendaItem]:
        # Each item's corrections are among the meeting's, read above: not read again.
        listed = list(
            AgendaItem.objects.filter(meeting=meeting)
            .for_meeting_page(reader, corrections=False)
            .order_by("order", "pk")
        )
        for item in listed:
            item.shown_corrections = [
                c
                for c in corrections()
                if c.meeting_id == meeting.pk and c.agenda_item_id == item.pk
            ]
        return listed

    context = {
        "meeting": meeting,
        "board": meeting.board,
        "notes_visible": notes_visible,
        "items": items,
        # These and the lists below are read only when their stored copies are missing or
        # out of date (caching.fragment).
        "previous_meeting": lambda: linked().previous,
        "next_meeting": lambda: linked().next,
        "agreed_notes_of": lambda: linked().agreed_notes_of,
        "corrections": corrections,
        # The register's and the declarations' own, shown with them.
        "attendance_corrections": lambda: of_part(NotesCorrection.Part.ATTENDANCE),
        "declarations_corrections": lambda: of_part(NotesCorrection.Part.DECLARATIONS),
        "notes_agreed_at": lambda: linked().notes_agreed_at,
        "packs": lambda: pack_links(meeting, reader),
        "fragment": caching.fragment(request, meeting.board, reader, shows_progress=False),
        "notes": notes,
        "can_record": can_record_meetings(request.user, meeting.board),
    }
    return render(request, "meetings/meeting_detail.html", context)


def grouped_attendance(meeting: Meeting, reader) -> dict[str, list]:
    """The register by status, each in minutes order (the chair first, then by surname),
    and the year's members who neither came nor sent apologies as "absent" (once a register
    is recorded)."""
    groups: dict[str, list] = {status: [] for status in Attendance.Status.values}
    # Sorted here (minutes_order), so read unsorted: the models' orderings sort by meeting
    # and name, joins for nothing.
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .visible_to(reader)
        .with_chair_flag()
        .select_related("person__authority", "substitute_for")
        .order_by()
    )
    for row in rows:
        groups[row.status].append(row)
    for status, listed in groups.items():
        groups[status] = minutes_order(listed, person=lambda row: row.person)
    on_register = [row.person_id for listed in groups.values() for row in listed] + [
        row.substitute_for_id for row in groups["substitute"] if row.substitute_for_id
    ]
    groups["absent"] = (
        minutes_order(
            Membership.objects.filter(board=meeting.board_id, year__starts_on__lte=meeting.date)
            .filter(year__ends_on__gte=meeting.date)
            .exclude(role=Membership.Role.SUBSTITUTE)
            .exclude(person__in=on_register)
            .select_related("person__authority")
            .order_by(),
            person=lambda seat: seat.person,
            is_chair=lambda seat: seat.role == Membership.Role.CHAIR,
        )
        if on_register and not meeting.cancelled
        else []
    )
    return groups


@cached_for_public(shows_progress=False)
def action_log(request: HttpRequest) -> HttpResponse:
    # Queries: boards (filter choices); count; page of actions.
    reader = reader_for(request.user)
    versions = caching.every_board(reader)
    action_filter = ActionFilter(
        request.GET or None,
        queryset=Action.objects.visible_to(reader).for_action_log(),
        # Kept until a board changes: reading and listing hundreds of boards on every
        # request was what grew as the service grew.
        board_options=lambda: versions.remember(
            "action-log-boards", read_board_options, shows_progress=False
        ),
    )
    filter_ok = not action_filter.is_bound or action_filter.is_valid()

    def listing() -> dict:
        """Read only when the stored copy (caching.EveryBoard.page_fragment) is missing or
        out of date."""
        actions = action_filter.qs if filter_ok else Action.objects.none()
        page, page_range = paginate(request, actions, per_page=50)
        return {"page_obj": page, "page_range": page_range}

    context = {
        "filter": action_filter,
        "listing": listing,
        "fragment": versions.page_fragment(request, shows_progress=False),
        "today": datetime.date.today(),
    }
    return render(request, "meetings/action_log.html", context)


@cached_for_public(shows_progress=False)
def lead_members_meeting_detail(request: HttpRequest, board_slug: str, date) -> HttpResponse:
    return meeting_detail(request, board_slug, date, kind=Meeting.Kind.LEAD_MEMBERS)


def action_log_csv(request: HttpRequest):
    """The action log as CSV, with the filters on screen applied."""
    reader = reader_for(request.user)
    action_filter = ActionFilter(
        request.GET or None, queryset=Action.objects.visible_to(reader).for_action_log()
    )
    actions = (
        action_filter.qs
        if (not action_filter.is_bound or action_filter.is_valid())
        else Action.objects.none()
    )
    rows = (
        [
            a.agenda_item.meeting.board.name,
            a.agenda_item.meeting.date.isoformat(),
            a.agenda_item.number,
            a.text,
            a.owner_label,
            a.due_date.isoformat() if a.due_date else "",
            a.get_status_display(),
            a.closing_note,
            request.build_absolute_uri(a.agenda_item.get_absolute_url()),
        ]
        for a in actions.iterator(chunk_size=500)
    )
    header = [
        "Board",
        "Meeting date",
        "Item",
        "Action",
        "Owner",
        "Due",
        "Status",
        "Closing note",
        "Web page",
    ]
    return csv_response("action-log.csv", header, rows)
