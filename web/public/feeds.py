"""A board's meetings as an iCalendar feed, and its decisions and progress updates as Atom
feeds."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event

from boards.access import PUBLIC, reader_for
from boards.models import Board
from meetings.models import AgendaItem, Decision, Meeting, NotesCorrection
from web.caching import cached_for_public
from workplan.models import ProgressUpdate

LONDON = ZoneInfo("Europe/London")
FEED_LENGTH = 50
CALENDAR_HISTORY = datetime.timedelta(days=2 * 366)


@cached_for_public(shows_progress=False)
def calendar(request: HttpRequest, board_slug: str) -> HttpResponse:
    """A board's meetings for calendar apps: those of the last two years and every future one
    (?history=all: every meeting ever). UIDs never change, so a meeting moved to another day
    updates the same event."""
    board = get_object_or_404(Board, slug=board_slug)
    meetings = Meeting.objects.filter(board=board)
    if request.GET.get("history") != "all":
        # A calendar app re-reads the feed every few hours: it need not carry decades.
        meetings = meetings.filter(date__gte=datetime.date.today() - CALENDAR_HISTORY)
    agendas: dict[int, list[str]] = {}
    items = (
        AgendaItem.objects.filter(meeting__in=meetings.values("pk"))
        .readable_in_full_by(PUBLIC)
        .order_by("meeting_id", "order")
        .values_list("meeting_id", "number", "title")
    )
    for meeting_id, number, title in items:
        agendas.setdefault(meeting_id, []).append(f"{number} {title}")
    cal = Calendar()
    cal.add("prodid", "-//Board work programmes//Meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{board.name} meetings")
    cal.add("x-wr-timezone", "Europe/London")
    for meeting in meetings.select_related("board").order_by("date"):
        cal.add_component(meeting_event(request, meeting, agendas.get(meeting.pk, [])))
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{board.slug}-meetings.ics"'
    return response


def meeting_event(request: HttpRequest, meeting: Meeting, agenda: list[str]) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{meeting.board.slug}.board-work-programmes")
    event.add("summary", str(meeting))
    if meeting.start_time:
        event.add(
            "dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        )
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    event.add("dtstamp", meeting.modified)
    event.add("last-modified", meeting.modified)
    event.add("sequence", meeting.version)
    if meeting.venue:
        event.add("location", meeting.venue)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event.add("url", url)
    lines = ["Agenda:", *agenda, ""] if agenda else []
    state = f"{meeting.notes_label}."
    if meeting.notes_status == Meeting.NotesStatus.PUBLISHED:
        state += " Subject to approval at the next meeting."
    description = "\n".join([state, "", *lines, url])
    event.add("description", description)
    return event


class DecisionsFeed(Feed):
    """The latest decisions of a board, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, board_slug):
        board = get_object_or_404(Board, slug=board_slug)
        # On the board, not on self: one Feed instance serves every request and thread.
        board.reader = reader_for(request.user)
        return board

    def title(self, board):
        return f"{board.name}: decisions"

    def link(self, board):
        return board.get_absolute_url()

    def subtitle(self, board):
        return (
            f"Decisions recorded in the published notes of the {board.name}, and corrections"
            " made to those notes."
        )

    def items(self, board):
        """The latest decisions and corrections to published notes, newest meeting first."""
        decisions = list(
            Decision.objects.visible_to(board.reader)
            .filter(agenda_item__meeting__board=board)
            .select_related("agenda_item__meeting__board")
            .order_by("-agenda_item__meeting__date", "-pk")[:FEED_LENGTH]
        )
        corrections = list(
            NotesCorrection.objects.visible_to(board.reader)
            .filter(meeting__board=board)
            .select_related("meeting__board", "agenda_item")
            .order_by("-corrected_on", "-pk")[:FEED_LENGTH]
        )
        entries = decisions + corrections
        entries.sort(key=self.item_pubdate, reverse=True)
        return entries[:FEED_LENGTH]

    def item_title(self, entry):
        if isinstance(entry, NotesCorrection):
            return f"Correction to the notes of {entry.meeting.date:%-d %B %Y}, {entry.part_label}"
        item = entry.agenda_item
        return f"{item.meeting.date:%-d %B %Y}, item {item.number}: {item.title}"

    def item_description(self, entry):
        if isinstance(entry, NotesCorrection):
            return (
                f"Corrected on {entry.corrected_on:%-d %B %Y}: {entry.reason}\n\n"
                f"Before:\n{entry.before}\n\nAfter:\n{entry.after}"
            )
        return entry.text

    def item_link(self, entry):
        if isinstance(entry, NotesCorrection):
            item = entry.agenda_item
            return f"{entry.meeting.get_absolute_url()}#{item.anchor if item else entry.part}"
        return entry.agenda_item.get_absolute_url()

    def item_guid(self, entry):
        if isinstance(entry, NotesCorrection):
            return f"notes-correction-{entry.pk}"
        return f"decision-{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        day = (
            entry.corrected_on
            if isinstance(entry, NotesCorrection)
            else entry.agenda_item.meeting.date
        )
        return datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON)

    def item_updateddate(self, entry):
        return entry.modified


FEED_LENGTH = 50


class ProgressUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, board_slug):
        return get_object_or_404(Board, slug=board_slug)

    def title(self, board):
        return f"{board.name}: progress on the work programme"

    def link(self, board):
        return board.get_absolute_url()

    def subtitle(self, board):
        return f"Progress updates on the {board.name}'s work programme activities."

    def items(self, board):
        return (
            ProgressUpdate.objects.filter(activity__theme__programme__board=board)
            .select_related(
                "activity__theme__programme__board", "activity__theme__programme__year", "author"
            )
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, update):
        return f"{update.activity.title} – {update.get_status_display()}"

    def item_description(self, update):
        return update.text

    def item_link(self, update):
        return f"{update.activity.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update):
        return f"progress-update-{update.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, update):
        return str(update.author) if update.author else None

    def item_pubdate(self, update):
        return datetime.datetime.combine(
            update.date, datetime.time(), tzinfo=ZoneInfo("Europe/London")
        )

    def item_updateddate(self, update):
        return update.modified
